// Waits for a condition with a deadline, checking every few milliseconds: how process
// tests wait, instead of sleeping a guessed time.
export interface UntilOptions {
  readonly withinMs?: number;
  /** Named in the error when the deadline passes. */
  readonly what?: string;
}

export async function until<T>(
  condition: () => T | undefined | false | Promise<T | undefined | false>,
  options: UntilOptions = {},
): Promise<T> {
  const deadline = performance.now() + (options.withinMs ?? 10_000);
  for (;;) {
    const value = await condition();
    if (value !== undefined && value !== false) return value;
    if (performance.now() > deadline) {
      throw new Error(`timed out waiting for ${options.what ?? 'a condition'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
