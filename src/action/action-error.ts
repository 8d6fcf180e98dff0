/**
 * The Action's one error type: a problem with the workflow's inputs, environment or repository settings
 * that the step reports as one `::error::` line (an instruction, not a stack trace). Anything else thrown
 * is a bug and is reported with its stack.
 */
export type ActionErrorCode =
  | 'input-invalid'
  | 'env-missing'
  | 'paths-not-found'
  | 'findings-unreadable'
  | 'findings-invalid'
  | 'config-invalid'
  | 'token-not-a-bot'
  | 'pull-requests-forbidden';

export class ActionError extends Error {
  constructor(
    readonly code: ActionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ActionError';
  }
}
