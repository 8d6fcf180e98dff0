/**
 * The GitHub client type and the plain shapes the `github` stage returns. This folder is the only place
 * that imports Octokit types. `GitHub` names only what the stage calls, so every front can supply it: the
 * App passes Probot's installation client, the Action and the CLI a token client (client.ts).
 */
import type { Octokit as Core } from '@octokit/core';
import type { Octokit as Rest } from '@octokit/rest';
import type { API as ConfigApi } from '@probot/octokit-plugin-config';
import type { RepoEntry, RepoFile } from '../model.js';

/**
 * An authenticated client: Octokit's core (`request`, `log`), the REST endpoint methods (`rest.*`),
 * `paginate`, and `config.get` (@probot/octokit-plugin-config, which reads `.github/kubemend.yml` with
 * `_extends` as Probot's `context.config` does). Probot's `ProbotOctokit` has all of them.
 */
export type GitHub = Core & Pick<Rest, 'rest' | 'paginate'> & ConfigApi;

export interface RepoRef {
  owner: string;
  repo: string;
}

/** One file (blob) of a tree listing: a snapshot entry (src/model.ts) whose sha and size GitHub always gives. */
export type TreeFile = RepoEntry & { sha: string; size: number };

/** A file to write in a commit: its full new text, and its mode when it was read with one. Default mode: 100644. */
export type FileWrite = Pick<RepoFile, 'path' | 'text' | 'mode'>;

/** The fields of a pull request the App's lifecycle needs. */
export interface PullRequestInfo {
  number: number;
  state: 'open' | 'closed';
  merged: boolean;
  title: string;
  body: string;
  headRef: string;
  headSha: string;
  baseRef: string;
  htmlUrl: string;
  /** Login of the pull request's author (the App's bot login for its own pull requests). */
  author: string;
  /** `Bot` for GitHub Apps; only bot-authored pull requests from this repository are the App's own. */
  authorType: string;
  /** The head branch lives in another repository (a fork): never the App's own pull request. */
  fromFork: boolean;
  /** Names of its labels (a configured one that is missing is added back on the next run). Absent: none known. */
  labels?: string[];
}
