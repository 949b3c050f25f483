// A YAML document as plain data, remembering where each key is, so a check that fails on
// `services.opennebula.command` can name its line.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { OneKitError } from '@onekit/core';

export type KeyPath = ReadonlyArray<string | number>;

export interface LocatedYaml {
  readonly value: unknown;
  /** The line of the deepest part of `path` present in the file. */
  lineOf(path: KeyPath): number | undefined;
}

/** `services.opennebula.args[0]`. */
export function keyName(path: KeyPath): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}

export function readLocatedYaml(text: string, file: string): LocatedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, merge: false });
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = syntax.linePos?.[0];
    throw new OneKitError(
      'CONFIG_INVALID',
      syntax.message.split('\n')[0]!,
      { file, ...(pos ? { line: pos.line, column: pos.col } : {}) },
      { cause: syntax },
    );
  }
  const lineAt = (node: unknown) => {
    const range = (node as Node | null)?.range;
    return range ? lineCounter.linePos(range[0]).line : undefined;
  };
  return {
    // Aliases are capped by the library's own limit on expansion.
    value: doc.toJS({ maxAliasCount: 100 }) as unknown,
    lineOf(path) {
      let node: unknown = doc.contents;
      let line = lineAt(node);
      for (const part of path) {
        if (isMap(node)) {
          const pair = node.items.find((p) => isScalar(p.key) && p.key.value === part);
          if (!pair) break;
          line = lineAt(pair.key) ?? line;
          node = pair.value;
        } else if (isSeq(node) && typeof part === 'number' && node.items[part] !== undefined) {
          node = node.items[part];
          line = lineAt(node) ?? line;
        } else break;
      }
      return line;
    },
  };
}
