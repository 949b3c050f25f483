// Read-modify-write sections that run at the same time when they touch different objects.
// A section names the objects it reads and writes (keys such as `user:5`, `group:1`,
// `user-name:alice`); one that names none takes everything. Sections start in call order
// unless they share no key with any section running or called before them, so a section
// is never overtaken by a later one it conflicts with. Sections that run together commit
// together: their log entries share one append.

interface Waiting {
  readonly keys: ReadonlySet<string> | 'all';
  readonly start: () => void;
}

function conflicts(a: ReadonlySet<string> | 'all', b: ReadonlySet<string> | 'all'): boolean {
  if (a === 'all' || b === 'all') return true;
  for (const key of a) if (b.has(key)) return true;
  return false;
}

export class KeyedSections {
  private readonly running = new Set<ReadonlySet<string> | 'all'>();
  private readonly waiting: Waiting[] = [];

  /** Runs `section` alone (no other section runs meanwhile). */
  run<T>(section: () => Promise<T>): Promise<T> {
    return this.enqueue('all', section);
  }

  /** Runs `section` once no section touching one of `keys` runs or waits before it. */
  runFor<T>(keys: readonly string[], section: () => Promise<T>): Promise<T> {
    return this.enqueue(keys.length === 0 ? 'all' : new Set(keys), section);
  }

  private enqueue<T>(keys: ReadonlySet<string> | 'all', section: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.running.add(keys);
        section()
          .then(resolve, reject)
          .finally(() => {
            this.running.delete(keys);
            this.schedule();
          });
      };
      this.waiting.push({ keys, start });
      this.schedule();
    });
  }

  private schedule(): void {
    const blocked: (ReadonlySet<string> | 'all')[] = [...this.running];
    for (let i = 0; i < this.waiting.length;) {
      const w = this.waiting[i]!;
      if (blocked.some((b) => conflicts(b, w.keys))) {
        blocked.push(w.keys);
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      blocked.push(w.keys);
      w.start();
    }
  }
}
