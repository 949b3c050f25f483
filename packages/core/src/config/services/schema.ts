// A small declarative checker for the YAML service configs: each key has a type, a range
// or a set of values, and a default; a failure records the key path so the caller can map
// it to a line. Sections keep keys they do not know (OpenNebula adds keys over releases).
export type KeyPath = Array<string | number>;

export interface SchemaIssue {
  path: KeyPath;
  message: string;
}

export interface CheckContext {
  issues: SchemaIssue[];
  /** Keys present in the file that no schema describes. */
  unknown: KeyPath[];
}

export interface Schema<T> {
  /** Checks `value`; on failure records an issue and returns undefined. */
  check(value: unknown, path: KeyPath, context: CheckContext): T | undefined;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

/** A key of a section: its schema and what an absent (or empty) key means. */
export interface Field<T> {
  schema: Schema<NonNullable<T>>;
  fallback: (() => T) | 'required';
}

type FieldType<F> = F extends Field<infer T> ? T : never;
export type SectionOf<F extends Record<string, Field<unknown>>> = {
  [K in keyof F]: FieldType<F[K]>;
} & {
  readonly [key: string]: unknown;
};

export function withDefault<T>(schema: Schema<T & {}>, fallback: NoInfer<T>): Field<T> {
  return { schema, fallback: () => structuredClone(fallback) };
}

export function required<T>(schema: Schema<T & {}>): Field<T> {
  return { schema, fallback: 'required' };
}

export function optional<T>(schema: Schema<T & {}>): Field<T | undefined> {
  return { schema, fallback: () => undefined };
}

/** A nested section whose absent keys take their own defaults. */
export function nested<F extends Record<string, Field<unknown>>>(fields: F): Field<SectionOf<F>> {
  const schema = section(fields);
  return { schema, fallback: () => schema.check({}, [], { issues: [], unknown: [] })! };
}

function issue(context: CheckContext, path: KeyPath, message: string): undefined {
  context.issues.push({ path, message });
  return undefined;
}

function shown(value: unknown): string {
  return typeof value === 'string'
    ? JSON.stringify(value)
    : Array.isArray(value)
      ? 'a list'
      : typeof value === 'object'
        ? 'a map'
        : String(value);
}

export function integer(range: { min?: number; max?: number } = {}): Schema<number> {
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = range;
  return {
    check(value, path, context) {
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
        const bounds =
          range.max === undefined
            ? range.min === undefined
              ? ''
              : ` of at least ${min}`
            : ` between ${min} and ${max}`;
        return issue(context, path, `must be an integer${bounds}, not ${shown(value)}`);
      }
      return value;
    },
  };
}

export function boolean(): Schema<boolean> {
  return {
    check: (value, path, context) =>
      typeof value === 'boolean'
        ? value
        : issue(context, path, `must be true or false, not ${shown(value)}`),
  };
}

export function text(): Schema<string> {
  return {
    check: (value, path, context) =>
      typeof value === 'string' && value !== ''
        ? value
        : issue(context, path, `must be a non-empty string, not ${shown(value)}`),
  };
}

/** An absolute URL with one of the given schemes (`http`, `tcp`, ...). */
export function url(schemes: readonly string[]): Schema<string> {
  return {
    check(value, path, context) {
      const parsed = typeof value === 'string' && URL.canParse(value) ? new URL(value) : undefined;
      if (!parsed || !schemes.includes(parsed.protocol.slice(0, -1))) {
        return issue(context, path, `must be a ${schemes.join(' or ')} URL, not ${shown(value)}`);
      }
      return value as string;
    },
  };
}

export function oneOf<T extends string | number | boolean>(choices: readonly T[]): Schema<T> {
  return {
    check: (value, path, context) =>
      choices.includes(value as T)
        ? (value as T)
        : issue(
            context,
            path,
            `must be one of ${choices.map((c) => String(c)).join(', ')}, not ${shown(value)}`,
          ),
  };
}

/** A value of either schema; `description` names both for the message (e.g. "a path or false"). */
export function either<A, B>(
  first: Schema<A>,
  second: Schema<B>,
  description: string,
): Schema<A | B> {
  return {
    check(value, path, context) {
      const scratch: CheckContext = { issues: [], unknown: [] };
      const result = first.check(value, path, scratch) ?? second.check(value, path, scratch);
      return result ?? issue(context, path, `must be ${description}, not ${shown(value)}`);
    },
  };
}

export function listOf<T>(item: Schema<T>): Schema<T[]> {
  return {
    check(value, path, context) {
      if (!Array.isArray(value)) return issue(context, path, `must be a list, not ${shown(value)}`);
      const before = context.issues.length;
      const items = value.map((v, i) => item.check(v, [...path, i], context));
      return context.issues.length === before ? (items as T[]) : undefined;
    },
  };
}

/** A map whose keys are free (e.g. instance type names), every value of one schema. */
export function dictionary<T>(item: Schema<T>): Schema<Record<string, T>> {
  return {
    check(value, path, context) {
      if (!isMap(value)) return issue(context, path, `must be a map, not ${shown(value)}`);
      const before = context.issues.length;
      const entries = Object.entries(value).map(([key, v]) => [
        key,
        item.check(v, [...path, key], context),
      ]);
      return context.issues.length === before
        ? (Object.fromEntries(entries) as Record<string, T>)
        : undefined;
    },
  };
}

/**
 * A map with known keys. An absent or empty (null) key takes its default, as the Ruby
 * servers' `conf[:key] || default` does; unknown keys are kept as they are.
 */
export function section<F extends Record<string, Field<unknown>>>(fields: F): Schema<SectionOf<F>> {
  return {
    check(value, path, context) {
      if (value === null || value === undefined) value = {};
      if (!isMap(value)) return issue(context, path, `must be a map, not ${shown(value)}`);
      const before = context.issues.length;
      const result: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(fields)) {
        const raw = Object.hasOwn(value, key) ? value[key] : undefined;
        if (raw !== null && raw !== undefined)
          result[key] = field.schema.check(raw, [...path, key], context);
        else if (field.fallback === 'required') issue(context, [...path, key], 'is required');
        else result[key] = field.fallback();
      }
      for (const [key, raw] of Object.entries(value)) {
        if (Object.hasOwn(fields, key)) continue;
        context.unknown.push([...path, key]);
        result[key] = raw;
      }
      return context.issues.length === before ? (result as SectionOf<F>) : undefined;
    },
  };
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
