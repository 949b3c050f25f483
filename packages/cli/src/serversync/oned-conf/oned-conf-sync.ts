// The two questions serversync asks about oned.conf: do the servers agree once node-local
// parts are set aside, and what is the file this host should get.
import {
  isOneKitError,
  OneKitError,
  parseTemplate,
  templateEquals,
  type Template,
} from '@onekit/core';
import { isDeepStrictEqual } from 'node:util';
import type { NodeLocalRule } from '../node-local.js';
import { mergeNodeLocal, stripNodeLocal } from './node-local-merge.js';
import { nodeLocalValues, withoutNodeLocal } from './node-local-view.js';
import { templateLayout, type TemplateLayout } from './template-layout.js';

export interface OnedConfPair {
  /** The other server's oned.conf text, and where it came from (for errors). */
  readonly remote: { readonly text: string; readonly file: string };
  /** This host's. */
  readonly local: { readonly text: string; readonly file: string };
}

/**
 * True when nothing needs writing: the texts are the same once node-local parts are removed
 * from both (as upstream compares, so node-local values alone never replace the file), or
 * merging the other server's text gives this host's text back (as after a sync).
 */
export function onedConfInSync(pair: OnedConfPair, rules: readonly NodeLocalRule[]): boolean {
  const [remote, local] = layouts(pair);
  return (
    stripNodeLocal(remote, rules) === stripNodeLocal(local, rules) ||
    mergeNodeLocal(remote, local, rules) === pair.local.text
  );
}

/**
 * The other server's oned.conf with this host's node-local parts put back. The result is
 * parsed and checked (node-local values as here, everything else as there) before it is
 * handed out; a text that cannot be merged that way is CONFIG_INVALID naming the remote file.
 */
export function mergedOnedConf(pair: OnedConfPair, rules: readonly NodeLocalRule[]): string {
  const [remote, local] = layouts(pair);
  const merged = mergeNodeLocal(remote, local, rules);
  const cannot = (cause?: unknown) =>
    new OneKitError(
      'CONFIG_INVALID',
      `cannot put this host's node-local keys into ${pair.remote.file} without changing other values`,
      { file: pair.remote.file },
      cause === undefined ? undefined : { cause },
    );
  const result = parseMerged(merged, cannot);
  const there = parseTemplate(pair.remote.text);
  const here = parseTemplate(pair.local.text);
  const keepsHere = isDeepStrictEqual(nodeLocalValues(result, rules), nodeLocalValues(here, rules));
  const keepsThere = templateEquals(
    withoutNodeLocal(result, rules),
    withoutNodeLocal(there, rules),
  );
  if (!keepsHere || !keepsThere) throw cannot();
  return merged;
}

function parseMerged(text: string, cannot: (cause: unknown) => OneKitError): Template {
  try {
    return parseTemplate(text);
  } catch (err) {
    if (isOneKitError(err, 'TEMPLATE_SYNTAX')) throw cannot(err);
    throw err;
  }
}

function layouts(pair: OnedConfPair): [TemplateLayout, TemplateLayout] {
  return [
    readLayout(pair.remote.text, pair.remote.file),
    readLayout(pair.local.text, pair.local.file),
  ];
}

/** A syntax error in either file is CONFIG_INVALID with the parser's file and line. */
function readLayout(text: string, file: string): TemplateLayout {
  try {
    return templateLayout(text, { file });
  } catch (err) {
    if (!isOneKitError(err, 'TEMPLATE_SYNTAX')) throw err;
    throw new OneKitError('CONFIG_INVALID', err.message, err.where, { cause: err });
  }
}
