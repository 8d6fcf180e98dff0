/**
 * A GitHub client authenticated with a token (a workflow's `GITHUB_TOKEN`, an installation token, a
 * personal access token), for fronts that do not run inside Probot: the Action, and the CLI. It is
 * @octokit/rest with the plugins the `github` stage relies on (retry, throttling, and
 * @probot/octokit-plugin-config for `config.get`), under the same retry, rate-limit and deadline policy as
 * the App's client (reliable-octokit.ts), so a job behaves the same whichever front runs it.
 */
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { config } from '@probot/octokit-plugin-config';
import { type ReliabilityOptions, withReliability } from './reliable-octokit.js';
import type { GitHub } from './types.js';

const TokenOctokit = Octokit.plugin(retry, throttling, config);

/**
 * Where the client logs: rate-limit waits (warn, with fields) and, through @octokit/rest's request log, one
 * line per request (info; error for a failed one). pino's argument order, as the App's logger.
 */
export interface ClientLog {
  debug(fields: object | string, msg?: string): void;
  info(fields: object | string, msg?: string): void;
  warn(fields: object | string, msg?: string): void;
  error(fields: object | string, msg?: string): void;
}

export interface GitHubClientOptions extends ReliabilityOptions {
  /** The token, sent as `Authorization: token …`; never logged. */
  auth: string;
  /** The REST API root. Default: https://api.github.com (GitHub Enterprise Server: `https://HOST/api/v3`; Actions: `GITHUB_API_URL`). */
  baseUrl?: string;
  /** Default: `kubemend`. */
  userAgent?: string;
  /** Default: Octokit's (debug and info dropped, warnings and errors to the console). */
  log?: ClientLog;
}

/** A client for `options.auth`, with the App's reliability policy (reliable-octokit.ts). */
export function createGitHubClient(options: GitHubClientOptions): GitHub {
  const { auth, baseUrl, userAgent, log, ...policy } = options;
  const base = {
    auth,
    userAgent: userAgent ?? 'kubemend',
    ...(baseUrl ? { baseUrl: baseUrl.replace(/\/+$/, '') } : {}),
    ...(log ? { log } : {}),
  };
  // The policy's fields are Octokit's own `request`, `retry` and `throttle` options.
  return new TokenOctokit(withReliability(base, policy) as ConstructorParameters<typeof TokenOctokit>[0]);
}
