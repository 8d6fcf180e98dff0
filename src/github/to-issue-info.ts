/** The fields of an issue the dashboard's lifecycle needs. */
export interface IssueInfo {
  number: number;
  state: 'open' | 'closed';
  title: string;
  body: string;
  /** Login of the issue's author (the App's bot login for the dashboard). */
  author: string;
  /** `Bot` for GitHub Apps. */
  authorType: string;
  htmlUrl: string;
}

/** The subset of GitHub's issue object that list, get, create and update answers share. */
export interface RawIssue {
  number: number;
  state: string;
  title: string;
  body?: string | null;
  user: { login: string; type: string } | null;
  html_url: string;
  /** Present when the "issue" is a pull request (the issues API lists both). */
  pull_request?: unknown;
}

/** Converts GitHub's issue object to the plain shape the bot uses. */
export function toIssueInfo(issue: RawIssue): IssueInfo {
  return {
    number: issue.number,
    state: issue.state === 'closed' ? 'closed' : 'open',
    title: issue.title,
    body: issue.body ?? '',
    author: issue.user?.login ?? '',
    authorType: issue.user?.type ?? '',
    htmlUrl: issue.html_url,
  };
}
