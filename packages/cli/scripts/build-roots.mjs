// npm run manifest: writes each executable's oclif root (package.json and
// oclif.manifest.json) under dist/roots, from the compiled commands.
import { fileURLToPath } from 'node:url';
import { writeRoots } from '../dist/manifest/index.js';

const cliDir = fileURLToPath(new URL('..', import.meta.url));
for (const dir of await writeRoots(cliDir)) console.log(`wrote ${dir}`);
