import type { CommitAuthorship } from '../../github/index.js';

/**
 * Whether a commit is one the App made: authored by its bot account and signed, with GitHub (`web-flow`) or
 * the bot as committer, as GitHub records commits an App creates through the API without an author
 * (https://docs.github.com/authentication/managing-commit-signature-verification/about-commit-signature-verification#signature-verification-for-bots).
 * Verification binds to the committer, so a person who only sets the author to the bot is not taken for it.
 */
export function isOwnCommit(commit: CommitAuthorship, botLogin: string): boolean {
  return (
    commit.verified &&
    commit.authorLogin === botLogin &&
    (commit.committerLogin === botLogin || commit.committerLogin === 'web-flow')
  );
}
