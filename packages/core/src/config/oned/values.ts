// Typed reads of oned.conf values. Every failure is a CONFIG_INVALID naming the file, the
// line the value came from and the field as `NAME` or `VECTOR/KEY`.
import { OneKitError } from '../../errors/index.js';
import type { SourcePosition, Template, VectorAttribute } from '../../template/model.js';

export interface Located {
  value: string;
  field: string;
  at?: SourcePosition;
}

export class OnedConfReader {
  constructor(
    private readonly template: Template,
    private readonly file: string | undefined,
  ) {}

  fail(field: string, message: string, at?: SourcePosition): never {
    throw new OneKitError('CONFIG_INVALID', `${field}: ${message}`, {
      ...(this.file === undefined ? {} : { file: this.file }),
      ...(at ? { line: at.line, column: at.column } : {}),
      field,
    });
  }

  /** The first attribute called `name`, which must be a single value. */
  single(name: string): Located | undefined {
    const attribute = this.template.getAll(name)[0];
    if (attribute === undefined) return undefined;
    if (attribute.kind !== 'single')
      this.fail(name, 'must be a single value, not a vector', attribute.at);
    return { value: attribute.value, field: name, at: attribute.at };
  }

  /** The first attribute called `name`, which must be a vector. */
  vector(name: string): VectorAttribute | undefined {
    const attribute = this.template.getAll(name)[0];
    if (attribute === undefined) return undefined;
    if (attribute.kind !== 'vector')
      this.fail(name, 'must be a vector ( NAME = [ ... ] )', attribute.at);
    return attribute;
  }

  pair(vector: VectorAttribute | undefined, key: string): Located | undefined {
    const pair = vector?.pairs.find((p) => p.key === key);
    if (vector === undefined || pair === undefined) return undefined;
    return { value: pair.value, field: `${vector.name}/${key}`, at: pair.at ?? vector.at };
  }

  integer(
    entry: Located | undefined,
    fallback: number,
    range: { min: number; max?: number },
  ): number {
    if (entry === undefined) return fallback;
    const text = entry.value.trim();
    const value = Number(text);
    if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(value)) {
      this.fail(entry.field, `must be an integer, not "${entry.value}"`, entry.at);
    }
    if (value < range.min || (range.max !== undefined && value > range.max)) {
      const bounds =
        range.max === undefined ? `at least ${range.min}` : `between ${range.min} and ${range.max}`;
      this.fail(entry.field, `must be ${bounds}, not ${value}`, entry.at);
    }
    return value;
  }

  /** One of `choices`, compared after `normalize` (oned upper-cases MODE, keeps BACKEND). */
  choice<T extends string>(
    entry: Located | undefined,
    fallback: T,
    choices: readonly T[],
    normalize: (text: string) => string = (text) => text,
  ): T {
    if (entry === undefined) return fallback;
    const value = normalize(entry.value.trim());
    if (!(choices as readonly string[]).includes(value)) {
      this.fail(
        entry.field,
        `must be one of ${choices.join(', ')}, not "${entry.value}"`,
        entry.at,
      );
    }
    return value as T;
  }

  yesNo(entry: Located | undefined, fallback: boolean): boolean {
    if (entry === undefined) return fallback;
    const value = entry.value.trim().toUpperCase();
    if (value !== 'YES' && value !== 'NO')
      this.fail(entry.field, `must be YES or NO, not "${entry.value}"`, entry.at);
    return value === 'YES';
  }

  text(entry: Located | undefined, fallback: string): string {
    return entry === undefined ? fallback : entry.value;
  }
}
