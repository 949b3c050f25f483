import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { manPageInputs } from './inputs.js';
import { renderManPage } from './man-page.js';

/** Writes `<outDir>/<name>.1` for every executable; returns the files written. */
export async function writeManPages(options: { cliDir: string; outDir: string }): Promise<string[]> {
  await mkdir(options.outDir, { recursive: true });
  const written: string[] = [];
  for (const input of await manPageInputs(options.cliDir)) {
    const file = join(options.outDir, `${input.executable.name}.1`);
    await writeFile(file, renderManPage(input));
    written.push(file);
  }
  return written;
}
