// The in-memory form of an OpenNebula template: a multimap of attributes kept in
// oned's order (sorted by name, insertion order among equal names). An attribute is
// either single (NAME = value) or a vector (NAME = [ K = v, ... ]) whose pairs oned keeps
// in a std::map: sorted by key, one value per key.

/** Where an attribute or vector key was read from (1-based), when it came from text. */
export interface SourcePosition {
  line: number;
  column: number;
}

export interface SingleAttribute {
  kind: 'single';
  name: string;
  value: string;
  at?: SourcePosition;
}

export interface VectorPair {
  key: string;
  value: string;
  at?: SourcePosition;
}

export interface VectorAttribute {
  kind: 'vector';
  name: string;
  /** Sorted by key (bytewise, as oned's std::map), keys unique. */
  pairs: VectorPair[];
  at?: SourcePosition;
}

export type Attribute = SingleAttribute | VectorAttribute;

/**
 * Names are stored as given: the parsers apply oned's naming rules (see names.ts), code
 * that builds a template by hand is trusted to use canonical names. Attributes handed out
 * by the getters are the stored objects: treat them as read-only and change the template
 * through `add`, `set` and `remove`.
 */
export class Template {
  private readonly byName = new Map<string, Attribute[]>();
  private ordered: Attribute[] | undefined;

  /** Every attribute, sorted by name; equal names keep insertion order. */
  get attributes(): readonly Attribute[] {
    if (this.ordered === undefined) {
      const names = [...this.byName.keys()].sort(compareNames);
      this.ordered = names.flatMap((name) => this.byName.get(name)!);
    }
    return this.ordered;
  }

  get size(): number {
    return this.attributes.length;
  }

  /**
   * Adds a copy of the attribute after any others of the same name. A vector's pairs are
   * sorted by key and, where a key repeats, the first occurrence is kept (std::map insert).
   */
  add(attribute: Attribute): this {
    const stored: Attribute =
      attribute.kind === 'single'
        ? { ...attribute }
        : { ...attribute, pairs: normalizePairs(attribute.pairs) };
    const group = this.byName.get(stored.name);
    if (group) group.push(stored);
    else this.byName.set(stored.name, [stored]);
    this.ordered = undefined;
    return this;
  }

  addSingle(name: string, value: string): this {
    return this.add({ kind: 'single', name, value });
  }

  addVector(name: string, pairs: Record<string, string> | VectorPair[]): this {
    const list = Array.isArray(pairs)
      ? pairs
      : Object.entries(pairs).map(([key, value]) => ({ key, value }));
    return this.add({ kind: 'vector', name, pairs: list });
  }

  /** Replaces every attribute called `name` with one single value. */
  set(name: string, value: string): this {
    this.remove(name);
    return this.addSingle(name, value);
  }

  remove(name: string): this {
    if (this.byName.delete(name)) this.ordered = undefined;
    return this;
  }

  getAll(name: string): Attribute[] {
    return [...(this.byName.get(name) ?? [])];
  }

  /** The value of the first single attribute called `name`. */
  get(name: string): string | undefined {
    const found = this.byName.get(name)?.find((a): a is SingleAttribute => a.kind === 'single');
    return found?.value;
  }

  /** The first vector attribute called `name`. */
  getVector(name: string): VectorAttribute | undefined {
    return this.byName.get(name)?.find((a): a is VectorAttribute => a.kind === 'vector');
  }

  getVectors(name: string): VectorAttribute[] {
    return (this.byName.get(name) ?? []).filter((a): a is VectorAttribute => a.kind === 'vector');
  }

  clone(): Template {
    const copy = new Template();
    for (const attribute of this.attributes) copy.add(attribute);
    return copy;
  }
}

/** The value of `key` in a vector, if present. */
export function vectorValue(vector: VectorAttribute | undefined, key: string): string | undefined {
  return vector?.pairs.find((p) => p.key === key)?.value;
}

/**
 * oned orders names bytewise (std::string holding UTF-8), which is code point order.
 * UTF-16 code units agree except that a surrogate (a code point above U+FFFF) must sort
 * after every other code unit.
 */
export function compareNames(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xSurrogate = x >= 0xd800 && x <= 0xdfff;
    const ySurrogate = y >= 0xd800 && y <= 0xdfff;
    if (xSurrogate !== ySurrogate) return xSurrogate ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

function normalizePairs(pairs: readonly VectorPair[]): VectorPair[] {
  const byKey = new Map<string, VectorPair>();
  for (const pair of pairs) if (!byKey.has(pair.key)) byKey.set(pair.key, { ...pair });
  return [...byKey.values()].sort((p, q) => compareNames(p.key, q.key));
}
