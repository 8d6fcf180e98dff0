/** A file of the repository snapshot the pipeline runs on: read from disk (CLI) or the GitHub API (App). */
export interface RepoFile {
  /** POSIX path relative to the scan root; the path every report shows. */
  path: string;
  text: string;
}
