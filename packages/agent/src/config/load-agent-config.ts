// onekit-agent.yaml → AgentConfig. Absent keys take their defaults; a wrong value or an
// unknown key (a typo must not silently fall back to a default) is a CONFIG_INVALID naming
// the file, the line and the key.
import { isIP } from 'node:net';
import { posix } from 'node:path';
import { OneKitError, readConfigFile, type OnePaths } from '@onekit/core';
import {
  defaultAgentConfig,
  serviceManagerChoices,
  type AgentConfig,
  type ServiceDefinition,
  type ServiceManagerChoice,
} from './agent-config.js';
import { keyName, readLocatedYaml, type KeyPath, type LocatedYaml } from './yaml-lines.js';

type Fields = Record<string, unknown>;

class Checker {
  constructor(
    private readonly yaml: LocatedYaml,
    private readonly file: string,
  ) {}

  fail(path: KeyPath, message: string): never {
    const field = keyName(path) || '(document)';
    const line = this.yaml.lineOf(path);
    throw new OneKitError('CONFIG_INVALID', `${field}: ${message}`, {
      file: this.file,
      ...(line === undefined ? {} : { line }),
      field,
    });
  }

  map(value: unknown, path: KeyPath, known?: readonly string[]): Fields {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(path, 'must be a map');
    }
    for (const key of Object.keys(value)) {
      if (known && !known.includes(key)) {
        this.fail([...path, key], `is not a key OneKit knows (known: ${known.join(', ')})`);
      }
    }
    return value as Fields;
  }

  text(value: unknown, path: KeyPath): string {
    if (typeof value !== 'string' || value === '') this.fail(path, 'must be a non-empty string');
    return value;
  }

  absolutePath(value: unknown, path: KeyPath): string {
    const text = this.text(value, path);
    if (!posix.isAbsolute(text)) this.fail(path, `must be an absolute path, not ${text}`);
    return posix.normalize(text);
  }

  list<T>(value: unknown, path: KeyPath, item: (v: unknown, p: KeyPath) => T): T[] {
    if (!Array.isArray(value)) this.fail(path, 'must be a list');
    return value.map((v, i) => item(v, [...path, i]));
  }
}

const topKeys = [
  'listen_address',
  'port',
  'token_file',
  'tls',
  'allowed_roots',
  'service_manager',
  'services',
  'onedb',
  'log_file',
] as const;

function readService(check: Checker, value: unknown, path: KeyPath): ServiceDefinition {
  const fields = check.map(value, path, ['command', 'args', 'env']);
  const env = fields.env === undefined ? {} : check.map(fields.env, [...path, 'env']);
  return {
    command: check.text(fields.command, [...path, 'command']),
    args:
      fields.args === undefined ? [] : check.list(fields.args, [...path, 'args'], textItem(check)),
    env: Object.fromEntries(
      Object.entries(env).map(([key, v]) => [key, check.text(v, [...path, 'env', key])]),
    ),
  };
}

function textItem(check: Checker) {
  return (v: unknown, p: KeyPath) => {
    if (typeof v !== 'string') check.fail(p, 'must be a string');
    return v;
  };
}

/** Parses the text of an agent config file (`file` is named in errors). */
export function parseAgentConfig(text: string, paths: OnePaths, file: string): AgentConfig {
  const yaml = readLocatedYaml(text, file);
  const check: Checker = new Checker(yaml, file);
  const defaults = defaultAgentConfig(paths);
  if (yaml.value === null || yaml.value === undefined) return defaults;
  const top = check.map(yaml.value, [], topKeys);
  const given = (key: (typeof topKeys)[number]) => top[key] !== undefined && top[key] !== null;

  let listenAddress = defaults.listenAddress;
  if (given('listen_address')) {
    listenAddress = check.text(top.listen_address, ['listen_address']);
    if (isIP(listenAddress) === 0) check.fail(['listen_address'], 'must be an IP address');
  }
  let port = defaults.port;
  if (given('port')) {
    const value = top.port;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) {
      check.fail(['port'], 'must be an integer between 1 and 65535');
    }
    port = value;
  }
  let tls: AgentConfig['tls'];
  if (given('tls')) {
    const fields = check.map(top.tls, ['tls'], ['cert', 'key']);
    tls = {
      cert: check.absolutePath(fields.cert, ['tls', 'cert']),
      key: check.absolutePath(fields.key, ['tls', 'key']),
    };
  }
  let serviceManager = defaults.serviceManager;
  if (given('service_manager')) {
    const value = top.service_manager;
    if (!serviceManagerChoices.includes(value as ServiceManagerChoice)) {
      check.fail(['service_manager'], `must be one of ${serviceManagerChoices.join(', ')}`);
    }
    serviceManager = value as ServiceManagerChoice;
  }
  let onedb = defaults.onedb;
  if (given('onedb')) {
    const fields = check.map(top.onedb, ['onedb'], ['command', 'args']);
    onedb = {
      command: check.text(fields.command, ['onedb', 'command']),
      args:
        fields.args === undefined
          ? []
          : check.list(fields.args, ['onedb', 'args'], textItem(check)),
    };
  }
  return {
    listenAddress,
    port,
    tokenFile: given('token_file')
      ? check.absolutePath(top.token_file, ['token_file'])
      : defaults.tokenFile,
    ...(tls ? { tls } : {}),
    allowedRoots: given('allowed_roots')
      ? check.list(top.allowed_roots, ['allowed_roots'], (v, p) => check.absolutePath(v, p))
      : defaults.allowedRoots,
    serviceManager,
    services: given('services')
      ? Object.fromEntries(
          Object.entries(check.map(top.services, ['services'])).map(([name, v]) => [
            name,
            readService(check, v, ['services', name]),
          ]),
        )
      : defaults.services,
    onedb,
    logFile: given('log_file') ? check.absolutePath(top.log_file, ['log_file']) : defaults.logFile,
  };
}

/**
 * Reads the agent config. The default file may be missing (the defaults apply); a file
 * named with --config must exist.
 */
export async function loadAgentConfig(
  paths: OnePaths,
  file: string,
  options: { readonly required: boolean },
): Promise<AgentConfig> {
  let text: string;
  try {
    text = await readConfigFile(file);
  } catch (err) {
    if (!options.required && err instanceof OneKitError && err.code === 'CONFIG_MISSING') {
      return defaultAgentConfig(paths);
    }
    throw err;
  }
  return parseAgentConfig(text, paths, file);
}
