// A conversion in a process of its own, for the interruption test: it announces the first
// progress report on stdout and then blocks, so that the test kills it mid-copy.
import { writeSync } from 'node:fs';
import { convertDatabase, type ConvertOptions } from '../../src/convert/index.js';

const options = JSON.parse(process.env['CONVERT_OPTIONS'] ?? '{}') as ConvertOptions;
const gate = new Int32Array(new SharedArrayBuffer(4));
await convertDatabase({
  ...options,
  clock: () => new Date(),
  progressEvery: 2,
  onProgress: ({ table }) => {
    writeSync(1, `copying ${table}\n`);
    Atomics.wait(gate, 0, 0);
  },
});
