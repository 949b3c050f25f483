// YAML service configs → typed configuration with defaults. The first failing key (in
// file order) becomes a CONFIG_INVALID naming the file, its line and the key; keys OneKit
// does not know are kept in the result and listed as warnings.
import { OneKitError } from '../../errors/index.js';
import type { ServiceName } from '../../paths/index.js';
import { readConfigFile } from '../read-config-file.js';
import { defaultEconeConfText, econeSchema, type EconeConfig } from './econe.js';
import {
  defaultOneflowServerConfText,
  oneflowServerSchema,
  type OneflowServerConfig,
} from './oneflow-server.js';
import {
  defaultOnegateServerConfText,
  onegateServerSchema,
  type OnegateServerConfig,
} from './onegate-server.js';
import { fieldName, readRubyYaml, type ConfigWarning } from './ruby-yaml.js';
import type { CheckContext, Schema } from './schema.js';

export interface ServiceConfigs {
  oneflow: OneflowServerConfig;
  onegate: OnegateServerConfig;
  econe: EconeConfig;
}

export interface ServiceConf<K extends ServiceName> {
  kind: K;
  config: ServiceConfigs[K];
  warnings: ConfigWarning[];
}

const schemas: { [K in ServiceName]: Schema<ServiceConfigs[K]> } = {
  oneflow: oneflowServerSchema,
  onegate: onegateServerSchema,
  econe: econeSchema,
};

const defaultTexts: Record<ServiceName, string> = {
  oneflow: defaultOneflowServerConfText,
  onegate: defaultOnegateServerConfText,
  econe: defaultEconeConfText,
};

export function parseServiceConf<K extends ServiceName>(
  kind: K,
  text: string,
  options: { file?: string } = {},
): ServiceConf<K> {
  const yaml = readRubyYaml(text, options);
  const context: CheckContext = { issues: [], unknown: [] };
  const config = schemas[kind].check(yaml.value, [], context);
  const located = (path: (string | number)[]) => {
    const line = yaml.lineOf(path);
    return {
      ...(options.file === undefined ? {} : { file: options.file }),
      ...(line === undefined ? {} : { line }),
    };
  };
  if (config === undefined) {
    const issues = context.issues
      .map((issue) => ({ ...issue, where: located(issue.path) }))
      .sort((a, b) => (a.where.line ?? 0) - (b.where.line ?? 0));
    const first = issues[0]!;
    const field = fieldName(first.path) || '(document)';
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    throw new OneKitError('CONFIG_INVALID', `${field}: ${first.message}${more}`, {
      ...first.where,
      field,
    });
  }
  const unknown = context.unknown.map((path) => ({
    ...located(path),
    field: fieldName(path),
    message: `:${String(path.at(-1))} is not a key OneKit knows; it is kept as written`,
  }));
  return { kind, config, warnings: [...yaml.warnings, ...unknown] };
}

export async function loadServiceConf<K extends ServiceName>(
  kind: K,
  path: string,
): Promise<ServiceConf<K>> {
  return parseServiceConf(kind, await readConfigFile(path), { file: path });
}

/** The file OneKit writes into a fresh root; it parses back to the defaults. */
export function defaultServiceConfText(kind: ServiceName): string {
  return defaultTexts[kind];
}

/** The configuration a missing or empty file stands for. */
export function defaultServiceConfig<K extends ServiceName>(kind: K): ServiceConfigs[K] {
  return schemas[kind].check({}, [], { issues: [], unknown: [] })!;
}
