import { basename } from 'node:path';
import {
  isOneKitError,
  parseOnedConf,
  parseServiceConf,
  readConfigFile,
  type ErrorLocation,
  type OnePaths,
} from '@onekit/core';

export const configKinds = ['oned', 'oneflow', 'onegate', 'econe'] as const;
export type ConfigKind = (typeof configKinds)[number];

export interface ConfigFinding {
  severity: 'error' | 'warning';
  message: string;
  line?: number;
  field?: string;
}

export interface ConfigCheck {
  file: string;
  /** Absent when the kind could not be told from the name. */
  kind?: ConfigKind;
  ok: boolean;
  findings: ConfigFinding[];
}

const kindsByName: Record<string, ConfigKind> = {
  'oned.conf': 'oned',
  'oneflow-server.conf': 'oneflow',
  'onegate-server.conf': 'onegate',
  'econe.conf': 'econe',
};

/** The kind of a configuration file, from its name as OpenNebula installs it. */
export function configKindOf(file: string): ConfigKind | undefined {
  return kindsByName[basename(file)];
}

/**
 * Validates one file with the core loader of its kind. Every problem the loader reports
 * becomes a finding; other failures (a bug, not a bad file) propagate.
 */
export async function checkConfigFile(file: string, kind: ConfigKind): Promise<ConfigCheck> {
  const findings: ConfigFinding[] = [];
  try {
    const text = await readConfigFile(file);
    if (kind === 'oned') parseOnedConf(text, { file });
    else {
      for (const w of parseServiceConf(kind, text, { file }).warnings) {
        findings.push({ severity: 'warning', message: w.message, ...located(w) });
      }
    }
  } catch (err) {
    if (!isOneKitError(err, 'CONFIG_INVALID') && !isOneKitError(err, 'CONFIG_MISSING')) throw err;
    findings.unshift({ severity: 'error', message: err.message, ...located(err.where) });
  }
  return { file, kind, ok: !findings.some((f) => f.severity === 'error'), findings };
}

export interface CheckConfigsOptions {
  /** Files named on the command line; none means the installation's own. */
  files: readonly string[];
  /** Forces the kind of every named file (for names OpenNebula does not use). */
  kind?: ConfigKind;
  paths: OnePaths;
  /** Whether a file exists: the service configs are checked only when present. */
  exists: (file: string) => boolean;
}

/**
 * Checks the named files, or else oned.conf (which must exist) and whichever of the YAML
 * service configs exist. A file whose kind cannot be told is an error finding.
 */
export async function checkConfigs(options: CheckConfigsOptions): Promise<ConfigCheck[]> {
  const targets: { file: string; kind: ConfigKind | undefined }[] =
    options.files.length > 0
      ? options.files.map((file) => ({ file, kind: options.kind ?? configKindOf(file) }))
      : [
          { file: options.paths.onedConf, kind: 'oned' },
          ...Object.entries(options.paths.serviceConfs)
            .filter(([, file]) => options.exists(file))
            .map(([kind, file]) => ({ file, kind: kind as ConfigKind })),
        ];
  const checks: ConfigCheck[] = [];
  for (const { file, kind } of targets) {
    if (kind) checks.push(await checkConfigFile(file, kind));
    else checks.push(unknownKind(file));
  }
  return checks;
}

function unknownKind(file: string): ConfigCheck {
  const names = Object.keys(kindsByName).join(', ');
  return {
    file,
    ok: false,
    findings: [
      {
        severity: 'error',
        message: `cannot tell the kind of ${file} (expected ${names}); pass --kind`,
      },
    ],
  };
}

function located(where: ErrorLocation): Pick<ConfigFinding, 'line' | 'field'> {
  return {
    ...(where.line === undefined ? {} : { line: where.line }),
    ...(where.field === undefined ? {} : { field: where.field }),
  };
}

/** `file: ok`, or one `file[:line]: severity: message` line per finding. */
export function renderConfigChecks(checks: readonly ConfigCheck[]): string {
  return checks
    .map((check) => {
      if (check.findings.length === 0) return `${check.file}: ok\n`;
      return check.findings
        .map(
          (f) =>
            `${check.file}${f.line === undefined ? '' : `:${f.line}`}: ${f.severity}: ${f.message}\n`,
        )
        .join('');
    })
    .join('');
}
