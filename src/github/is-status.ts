/**
 * Whether `err` is GitHub's answer with one of `statuses` (an Octokit RequestError). Callers converge on
 * such answers by re-reading state; they never look at the message text.
 */
export function isStatus(err: unknown, ...statuses: number[]): boolean {
  const status = (err as { status?: unknown } | null)?.status;
  return (
    typeof status === 'number' && statuses.includes(status) && (err as { response?: unknown }).response !== undefined
  );
}

/** Whether `err` is a failed GitHub request (an answer, a timeout or a network error), as opposed to a problem in what was read. */
export function isRequestFailure(err: unknown): boolean {
  return (
    typeof (err as { status?: unknown } | null)?.status === 'number' &&
    (err as { request?: unknown }).request !== undefined
  );
}
