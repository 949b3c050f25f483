import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Runs the real executables as a user would: `node bin/<name>.js`, after the build.

export const cliDir = fileURLToPath(new URL('../..', import.meta.url));

export interface BinResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface RunBinOptions {
  /** The whole environment of the child, besides PATH (nothing leaks from the test's). */
  env?: Record<string, string>;
  input?: string;
  cwd?: string;
}

function coverage(): Record<string, string> {
  const dir = process.env['NODE_V8_COVERAGE'];
  return dir ? { NODE_V8_COVERAGE: dir } : {};
}

export function runBin(
  name: string,
  args: readonly string[],
  options: RunBinOptions = {},
): Promise<BinResult> {
  const script = `${cliDir}bin/${name}.js`;
  if (!existsSync(`${cliDir}dist/roots/${name}/oclif.manifest.json`)) {
    throw new Error(
      `dist/roots/${name} is missing: run \`npm run build\` at the repository root first`,
    );
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: options.cwd ?? cliDir,
      // NODE_V8_COVERAGE lets c8 collect the children's coverage too.
      env: { PATH: process.env['PATH'] ?? '', ...coverage(), ...options.env },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (status) =>
      resolve({
        status,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
    child.stdin.end(options.input ?? '');
  });
}
