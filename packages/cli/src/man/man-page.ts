import type { Command } from '@oclif/core';
import type { EnvironmentEntry, Executable } from '../executables/index.js';
import { bold, italic, macroArgument, roffText } from './roff.js';

export interface ManEntry {
  name: string;
  description: string;
}

/** Everything one page shows; gathered by `manPageInputs` from the built roots. */
export interface ManPageInput {
  executable: Executable;
  version: string;
  /** From the root's oclif.manifest.json, hidden ones left out. */
  commands: readonly Command.Cached[];
  exitStatuses: readonly { status: number; description: string }[];
  environment: readonly EnvironmentEntry[];
  files: readonly ManEntry[];
  seeAlso: readonly string[];
}

type CachedFlag = Command.Flag.Cached;

/** The roff source of `<name>(1)`. No date, so that regenerating unchanged input is a no-op. */
export function renderManPage(input: ManPageInput): string {
  const { executable } = input;
  const shared = sharedFlags(input.commands);
  const lines: string[] = [
    `.TH ${executable.name.toUpperCase()} 1 "" ${macroArgument(`OneKit ${input.version}`)} "OneKit Manual"`,
    '.SH NAME',
    `${roffText(executable.name)} \\- ${roffText(executable.summary)}`,
    '.SH SYNOPSIS',
    `${bold(executable.name)} ${italic('command')} [${italic('flags')}] [${italic('arguments')}]`,
    '.br',
    `${bold(executable.name)} [${bold('-h')} | ${bold('--help')} | ${bold('-V')} | ${bold('--version')}]`,
    '.SH DESCRIPTION',
    roffText(executable.description),
    '.SH OPTIONS',
    '.TP',
    `${bold('-h')}, ${bold('--help')}`,
    'Show help for the executable or for the command given before it.',
    '.TP',
    `${bold('-V')}, ${bold('--version')}`,
    roffText(`Print "${executable.name} ${input.version} (OneKit)" and exit.`),
    ...shared.flatMap((flag) => flagItem(flag)),
  ];
  if (input.commands.length > 0) {
    lines.push('.SH COMMANDS');
    for (const command of input.commands) lines.push(...commandSection(executable.name, command, shared));
  }
  lines.push('.SH EXIT STATUS');
  for (const { status, description } of input.exitStatuses) lines.push('.TP', bold(String(status)), roffText(description));
  lines.push('.SH ENVIRONMENT');
  for (const { name, description } of input.environment) lines.push('.TP', bold(name), roffText(description));
  if (input.files.length > 0) {
    lines.push(
      '.SH FILES',
      roffText('Paths of the system-wide layout; with ONE_LOCATION set, those outside ~/.one are under it (see onekit paths).'),
    );
    for (const { name, description } of input.files) lines.push('.TP', italic(name), roffText(description));
  }
  lines.push('.SH SEE ALSO', input.seeAlso.map((name) => `${bold(name)}(1)`).join(',\n'));
  return lines.join('\n') + '\n';
}

function commandSection(bin: string, command: Command.Cached, shared: readonly CachedFlag[]): string[] {
  const id = command.id.replaceAll(':', ' ');
  const lines = ['.SS ' + macroArgument(id), usage(bin, command)];
  const text = command.description ?? command.summary;
  if (text) lines.push('.PP', roffText(text));
  const args = Object.values(command.args).filter((a) => !a.hidden);
  if (args.length > 0) {
    lines.push('.PP', 'Arguments:');
    for (const arg of args) lines.push('.TP', italic(arg.name.toUpperCase()), roffText(arg.description ?? ''));
  }
  const own = Object.values(command.flags).filter((f) => !f.hidden && !shared.some((s) => s.name === f.name));
  if (own.length > 0) {
    lines.push('.PP', 'Flags:');
    for (const flag of own) lines.push(...flagItem(flag));
  }
  const examples = (command.examples ?? []).map((e) => (typeof e === 'string' ? e : `${e.description}\n${e.command}`));
  if (examples.length > 0) {
    lines.push('.PP', 'Examples:', '.PP', '.RS', '.nf');
    for (const example of examples) lines.push(roffText(expandExample(example, bin, id)));
    lines.push('.fi', '.RE');
  }
  return lines;
}

function usage(bin: string, command: Command.Cached): string {
  const parts = [bold(`${bin} ${command.id.replaceAll(':', ' ')}`)];
  const args = Object.values(command.args).filter((a) => !a.hidden);
  args.forEach((arg, i) => {
    const name = italic(arg.name.toUpperCase()) + (command.strict === false && i === args.length - 1 ? '...' : '');
    parts.push(arg.required ? name : `[${name}]`);
  });
  if (Object.keys(command.flags).length > 0) parts.push(`[${italic('flags')}]`);
  return parts.join(' ');
}

function flagItem(flag: CachedFlag): string[] {
  const names = [flag.char ? bold(`-${flag.char}`) : undefined, bold(`--${flag.name}`)].filter(Boolean).join(', ');
  const value = flag.type === 'option' ? ' ' + italic(flag.helpValue?.toString() ?? flag.name.toUpperCase()) : '';
  const details = [flag.description ?? flag.summary ?? ''];
  if (flag.type === 'option' && flag.options) details.push(`One of: ${flag.options.join(', ')}.`);
  if (flag.type === 'option' && flag.default !== undefined) details.push(`Default: ${String(flag.default)}.`);
  return ['.TP', names + value, roffText(details.join(' ').trim())];
}

/** Flags every command of the page has, identically: listed once under OPTIONS. */
function sharedFlags(commands: readonly Command.Cached[]): CachedFlag[] {
  const [first, ...rest] = commands;
  if (!first) return [];
  return Object.values(first.flags).filter(
    (flag) => !flag.hidden && rest.every((c) => JSON.stringify(c.flags[flag.name]) === JSON.stringify(flag)),
  );
}

/** oclif examples may use `<%= config.bin %>` and `<%= command.id %>`, which help expands. */
function expandExample(example: string, bin: string, id: string): string {
  return example.replaceAll(/<%=\s*config\.bin\s*%>/g, bin).replaceAll(/<%=\s*command\.id\s*%>/g, id);
}
