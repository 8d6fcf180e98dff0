/**
 * The GitHub client type and the plain shapes the `github` stage returns. This folder is the only place
 * that imports Octokit types; the App passes `context.octokit` through as a `GitHub`.
 */
import type { ProbotOctokit } from 'probot';

/** An authenticated installation client (Probot's `context.octokit`). */
export type GitHub = ProbotOctokit;

export interface RepoRef {
  owner: string;
  repo: string;
}

/** One file (blob) of a recursive tree listing. */
export interface TreeFile {
  path: string;
  sha: string;
  size: number;
}

/** A file to write in a commit: its full new text. */
export interface FileWrite {
  path: string;
  text: string;
}

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
