// Validates XML answers against OpenNebula's published schemas (shared/xsd, a sibling of
// the repository). The schemas declare the namespace http://opennebula.org/XMLSchema,
// which oned's real answers lack, so the namespace is added to the document's root
// before validating. Every schema in the folder is preloaded, so `include`s resolve.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';

export const OPENNEBULA_NAMESPACE = 'http://opennebula.org/XMLSchema';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
export const xsdDir = path.resolve(repoRoot, '..', 'shared', 'xsd');

let schemas: Promise<XMLFileInfo[]> | undefined;

function loadSchemas(): Promise<XMLFileInfo[]> {
  schemas ??= readdir(xsdDir).then((names) =>
    Promise.all(
      names
        .filter((name) => name.endsWith('.xsd'))
        .sort()
        .map(async (fileName) => ({
          fileName,
          contents: await readFile(path.join(xsdDir, fileName), 'utf8'),
        })),
    ),
  );
  return schemas;
}

/** Adds OpenNebula's namespace to the root element (after any declaration or comments). */
export function withOpenNebulaNamespace(xml: string): string {
  const root = /<([A-Za-z_][\w.-]*)/.exec(
    xml.replace(/<\?[^]*?\?>|<!--[^]*?-->/g, (m) => ' '.repeat(m.length)),
  );
  if (root === null) throw new Error('no root element to add the namespace to');
  const at = root.index + root[0].length;
  return `${xml.slice(0, at)} xmlns="${OPENNEBULA_NAMESPACE}"${xml.slice(at)}`;
}

export interface XsdValidationOptions {
  /** Add OpenNebula's namespace to the root first (default true, as oned's answers lack it). */
  addNamespace?: boolean;
}

/** The schema's complaints about `xml`, one readable line each; empty when valid. */
export async function xsdErrors(
  xml: string,
  schemaFile: string,
  options: XsdValidationOptions = {},
): Promise<string[]> {
  const all = await loadSchemas();
  const main = all.find((s) => s.fileName === schemaFile);
  if (main === undefined) throw new Error(`no schema ${schemaFile} in ${xsdDir}`);
  const document = options.addNamespace === false ? xml : withOpenNebulaNamespace(xml);
  const result = await validateXML({
    xml: [{ fileName: 'document.xml', contents: document }],
    schema: [main],
    preload: all.filter((s) => s !== main),
  });
  return result.errors.map((e) => (e.loc ? `line ${e.loc.lineNumber}: ${e.message}` : e.message));
}

/** Throws an Error listing every complaint when `xml` does not validate against `schemaFile`. */
export async function validateAgainstXsd(
  xml: string,
  schemaFile: string,
  options: XsdValidationOptions = {},
): Promise<void> {
  const errors = await xsdErrors(xml, schemaFile, options);
  if (errors.length > 0) {
    throw new Error(
      `document does not validate against ${schemaFile}:\n  ${errors.join('\n  ')}\n${xml}`,
    );
  }
}
