// Waits for a condition that other processes bring about: calls `probe` until it gives a
// value (a probe that throws counts as "not yet"), or fails after the deadline naming `what`.

export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  { deadlineMs = 20_000, everyMs = 50 }: { deadlineMs?: number; everyMs?: number } = {},
): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    let value: T | undefined;
    try {
      value = await probe();
    } catch {
      value = undefined;
    }
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`${what}: not within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
