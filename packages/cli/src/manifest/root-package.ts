import type { Executable } from '../executables/index.js';
import { fromRoot } from './layout.js';

/** The package.json of an executable's oclif root. */
export interface RootPackage {
  name: string;
  version: string;
  description: string;
  private: true;
  type: 'module';
  /** oclif loads only the plugins that are also dependencies. */
  dependencies: Record<string, string>;
  oclif: {
    bin: string;
    dirname: string;
    commands: string;
    topicSeparator: ' ';
    plugins: string[];
    additionalHelpFlags: string[];
    additionalVersionFlags: string[];
    hooks: Record<string, string>;
    topics: Record<string, { description: string }>;
  };
}

export const helpPlugin = '@oclif/plugin-help';

/** The root's package.json; `cli` is the cli package's own (its version and dependencies). */
export function rootPackage(
  executable: Executable,
  cli: { version: string; dependencies: Record<string, string> },
): RootPackage {
  return {
    name: executable.name,
    version: cli.version,
    description: executable.description,
    private: true,
    type: 'module',
    dependencies: { [helpPlugin]: cli.dependencies[helpPlugin] ?? '*' },
    oclif: {
      bin: executable.name,
      // oclif's cache and data directories: one for the whole suite.
      dirname: 'onekit',
      commands: fromRoot.commands(executable.name),
      topicSeparator: ' ',
      plugins: [helpPlugin],
      additionalHelpFlags: ['-h'],
      additionalVersionFlags: ['-V'],
      hooks: { command_not_found: fromRoot.commandNotFoundHook },
      topics: Object.fromEntries(
        Object.entries(executable.topics ?? {}).map(([topic, description]) => [
          topic,
          { description },
        ]),
      ),
    },
  };
}
