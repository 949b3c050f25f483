// npm run man: renders man/<name>.1 for every OneKit executable from the built commands'
// own metadata (dist/roots/*/oclif.manifest.json). `--out DIR` writes elsewhere (tests
// compare a fresh rendering with the committed pages).
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { writeManPages } from '../packages/cli/dist/man/index.js';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = values.out ?? `${root}man`;
for (const file of await writeManPages({ cliDir: `${root}packages/cli`, outDir }))
  console.log(`wrote ${file}`);
