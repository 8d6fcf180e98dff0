/** A timer that does not keep the process alive on its own (a stopping worker is not held by a wait). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)).unref());
}
