// The host the agent runs for: its paths (ONE_LOCATION or system-wide) and its config.
import { isAbsolute, resolve } from 'node:path';
import { resolvePaths, type Environment, type OnePaths } from '@onekit/core';
import { defaultAgentConfigFile, loadAgentConfig, type AgentConfig } from '../config/index.js';

export interface AgentHostSetup {
  readonly paths: OnePaths;
  readonly config: AgentConfig;
}

export async function loadAgentHost(
  env: Environment,
  o: { readonly config?: string; readonly cwd: string },
): Promise<AgentHostSetup> {
  const paths = resolvePaths({ oneLocation: env.ONE_LOCATION });
  const file =
    o.config === undefined
      ? defaultAgentConfigFile(paths)
      : isAbsolute(o.config)
        ? o.config
        : resolve(o.cwd, o.config);
  const config = await loadAgentConfig(paths, file, { required: o.config !== undefined });
  return { paths, config };
}
