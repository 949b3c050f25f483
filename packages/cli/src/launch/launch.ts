import { fileURLToPath } from 'node:url';
import { rootDir } from '../manifest/layout.js';
import { cliVersion, versionLine, wantsVersion } from './version.js';

// The entry point of every bin script. It stays light: --version answers before oclif is
// loaded, and failure reporting (which loads @onekit/core) is imported only on failure.

export interface LaunchProcess {
  argv: string[];
  env: Readonly<Record<string, string | undefined>>;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  exitCode?: number | string | undefined;
}

const cliDir = fileURLToPath(new URL('../../', import.meta.url));

export async function launch(name: string, proc: LaunchProcess): Promise<void> {
  const argv = proc.argv.slice(2);
  if (wantsVersion(argv)) {
    proc.stdout.write(versionLine(name, cliVersion(cliDir)));
    return;
  }
  try {
    const [{ run }, { settings }, { flush }] = await Promise.all([
      import('@oclif/core/run'),
      import('@oclif/core/settings'),
      import('@oclif/core/flush'),
    ]);
    settings.enableAutoTranspile = false;
    // The suite installs no user or development plugins: do not look for them.
    await run(argv, { root: rootDir(cliDir, name), userPlugins: false, devPlugins: false });
    await flush();
  } catch (err) {
    const { ReportedError, exitStatusFor, formatFailure } = await import('../exit/index.js');
    if (!(err instanceof ReportedError))
      proc.stderr.write(formatFailure(err, { bin: name, debug: Boolean(proc.env['DEBUG']) }));
    proc.exitCode = exitStatusFor(err);
  }
}
