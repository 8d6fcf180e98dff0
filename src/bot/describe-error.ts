/**
 * The facts of a failure that are safe to log and to show on a repository: GitHub's status, the request line
 * (method and path, no query, no host) and the message, token-shaped text redacted. Never the request or
 * response headers, bodies or options an Octokit error carries (they hold the authorization header and
 * file contents).
 */
import { redactTokens } from './redact-secrets.js';

export interface FailureFacts {
  /** GitHub's answer; 500 for a timeout or a network error (as Octokit reports them). */
  status?: number;
  /** `POST /repos/o/r/pulls`. */
  request?: string;
  message: string;
}

const MAX_MESSAGE = 300;

function requestLine(err: { request?: { method?: unknown; url?: unknown } }): string | undefined {
  const { method, url } = err.request ?? {};
  if (typeof method !== 'string' || typeof url !== 'string') return undefined;
  try {
    return `${method} ${new URL(url).pathname}`;
  } catch {
    return `${method} ${url.split('?')[0] ?? ''}`;
  }
}

export function describeError(err: unknown): FailureFacts {
  const e = (err ?? {}) as {
    status?: unknown;
    message?: unknown;
    name?: unknown;
    request?: { method?: unknown; url?: unknown };
  };
  const raw = typeof e.message === 'string' && e.message !== '' ? e.message : String(err);
  const message = redactTokens(raw.length > MAX_MESSAGE ? `${raw.slice(0, MAX_MESSAGE)}…` : raw);
  const request = requestLine(e);
  return { ...(typeof e.status === 'number' ? { status: e.status } : {}), ...(request ? { request } : {}), message };
}
