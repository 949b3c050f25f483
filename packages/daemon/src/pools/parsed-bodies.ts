// Records by the exact body text they were read from or written as. Every call reads the
// objects it touches from their XML body, and some bodies are read on every call (the
// zone) or grow with the pool (a group's member list); parsing such a body once serves
// every later read of the same text. Records are immutable, so one can be shared.

export class ParsedBodies<T> {
  private readonly records = new Map<string, T>();

  constructor(
    private readonly parse: (body: string) => T,
    private readonly limit = 64,
  ) {}

  /** The record of `body`, parsed only when this text was not seen recently. */
  read(body: string): T {
    const known = this.records.get(body);
    if (known !== undefined) return known;
    const record = this.parse(body);
    this.remember(body, record);
    return record;
  }

  /** Records that `body` is the text of `record` (after writing it). */
  remember(body: string, record: T): void {
    this.records.delete(body);
    if (this.records.size >= this.limit) this.records.delete(this.records.keys().next().value!);
    this.records.set(body, record);
  }
}
