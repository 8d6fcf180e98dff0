/**
 * A `fetch` that gives every GitHub request its own deadline. Without one, a request GitHub never answers
 * holds the repository's job for undici's default of 300 s. The deadline covers the whole exchange (headers
 * and body: the body is read inside it), and the failure is a `TimeoutError`, which Octokit turns into a
 * status-500 `RequestError` that @octokit/plugin-retry retries with backoff, like a 5xx. Each retry is a new
 * call here, so each attempt gets a full deadline.
 */

/** Statuses whose response has no body (the Response constructor refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** `base` (Default: the global fetch at call time, so test interceptors still see the request) with a `timeoutMs` deadline per call. */
export function timeoutFetch(timeoutMs: number, base?: typeof fetch): typeof fetch {
  return async (input, init = {}) => {
    const controller = new AbortController();
    // setTimeout (not AbortSignal.timeout) so tests can drive the deadline with fake timers.
    const timer = setTimeout(
      () => controller.abort(new DOMException(`GitHub did not answer within ${timeoutMs} ms`, 'TimeoutError')),
      timeoutMs,
    );
    const signal = init.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
    try {
      const response = await (base ?? globalThis.fetch)(input, { ...init, signal });
      const body = NULL_BODY.has(response.status) ? null : await response.arrayBuffer();
      const copy = new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
      // Octokit reads `url` (paginate on `/installation/repositories` builds a URL from it); a new Response has ''.
      Object.defineProperty(copy, 'url', { value: response.url });
      return copy;
    } finally {
      clearTimeout(timer);
    }
  };
}
