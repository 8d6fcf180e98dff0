/**
 * The retry, rate-limit and deadline policy of every kubemend GitHub client (the App's Probot class and the
 * token client of client.ts), configured the way GitHub asks clients to behave
 * (https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#handle-rate-limit-errors-appropriately):
 *
 * - 5xx, network errors and timeouts: @octokit/plugin-retry, `retries` more attempts with growing waits
 *   (1, 4, 9, 16, 25 s: the plugin waits (n+1)² seconds before attempt n+1).
 * - Secondary rate limits (403/429 whose message names one): @octokit/plugin-throttling waits `retry-after`
 *   seconds, or 60 s without it. Probot's default only logs them and gives up; here they are retried.
 * - Primary rate limit (`x-ratelimit-remaining: 0`): the throttling plugin waits until `x-ratelimit-reset`.
 * - Rate-limit waits longer than `maxRateLimitWaitSeconds`, or more than `rateLimitRetries` of them, are not
 *   waited for: the request fails, and the job reports it instead of holding a queue slot for an hour.
 * - Every request has its own deadline (timeout-fetch.ts).
 *
 * Other 4xx are not retried: they are answers (the App converges on 409/422 itself). A 429 the throttling
 * plugin does not recognise as a rate limit is not retried either.
 */
import { timeoutFetch } from './timeout-fetch.js';

export interface ReliabilityOptions {
  /** Deadline of one request, headers and body. Default: 20,000 ms. */
  timeoutMs?: number;
  /** Further attempts after a 5xx, network error or timeout. Default: 5 (six attempts over about 55 s). */
  retries?: number;
  /** Rate-limit waits per request. Default: 3. */
  rateLimitRetries?: number;
  /** Longest rate-limit wait accepted. Default: 900 s (15 minutes). */
  maxRateLimitWaitSeconds?: number;
}

export const RELIABILITY_DEFAULTS: Required<ReliabilityOptions> = {
  timeoutMs: 20_000,
  retries: 5,
  rateLimitRetries: 3,
  maxRateLimitWaitSeconds: 900,
};

type RequestOptions = { method: string; url: string };
type LimitLog = { warn(fields: object, msg: string): void };

function limitHandler(kind: 'secondary' | 'primary', policy: Required<ReliabilityOptions>) {
  return (retryAfter: number, options: RequestOptions, octokit: { log: LimitLog }, retryCount: number): boolean => {
    const retry = retryCount < policy.rateLimitRetries && retryAfter <= policy.maxRateLimitWaitSeconds;
    const fields = { limit: kind, method: options.method, url: options.url, retryAfter, retryCount };
    octokit.log.warn(
      fields,
      retry
        ? 'GitHub rate limit: waiting as GitHub asks, then retrying'
        : 'GitHub rate limit: not waiting that long; the request fails',
    );
    return retry;
  };
}

/** The request options every client of the App uses: the per-request deadline. Pass them to Probot as `request` too (its token requests use them). */
export function reliableRequestOptions(options: ReliabilityOptions = {}): { fetch: typeof fetch } {
  return { fetch: timeoutFetch(options.timeoutMs ?? RELIABILITY_DEFAULTS.timeoutMs) };
}

/** Octokit constructor options as far as the policy sets them: what each field holds is merged with `o`'s own. */
export type ReliableClientOptions = Record<string, unknown> & { throttle?: object; request?: object; retry?: object };

/**
 * `o` with the policy's deadline, retries and rate-limit handling. One source for every client: the App's
 * (reliableOctokit) and the token client (client.ts).
 */
export function withReliability(o: ReliableClientOptions, options: ReliabilityOptions = {}): ReliableClientOptions {
  const policy = { ...RELIABILITY_DEFAULTS, ...options };
  return {
    ...o,
    request: { ...o.request, ...reliableRequestOptions(policy) },
    // 429 joins the plugin's no-retry list: rate limits are the throttling plugin's, which waits as GitHub says.
    retry: { ...o.retry, enabled: true, retries: policy.retries, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
    throttle: {
      ...o.throttle,
      enabled: true,
      onSecondaryRateLimit: limitHandler('secondary', policy),
      onRateLimit: limitHandler('primary', policy),
    },
  };
}

/** An Octokit class (Probot's `ProbotOctokit`, or any with the retry and throttling plugins). */
export interface OctokitClass {
  defaults(defaults: (o: ReliableClientOptions) => ReliableClientOptions): unknown;
}

/**
 * `base` with retries, rate-limit handling and deadlines configured. The App passes Probot's class; this
 * stage never imports Probot.
 */
export function reliableOctokit<C extends OctokitClass>(base: C, options: ReliabilityOptions = {}): C {
  // The function form: Probot merges its own throttle options first, these win (see GITHUB-NOTES).
  return base.defaults((o) => withReliability(o, options)) as C;
}
