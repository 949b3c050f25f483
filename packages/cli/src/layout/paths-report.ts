import { resolvePaths, userOneFiles, type OnePaths, type UserOneFiles } from '@onekit/core';

/** What `onekit paths` shows: the installation layout and the user's own files. */
export interface PathsReport {
  layout: 'system-wide' | 'self-contained';
  paths: OnePaths;
  /** The user's ~/.one files; absent when there is no home directory. */
  user?: UserOneFiles;
}

export interface PathsReportOptions {
  /** ONE_LOCATION (or --location); undefined or empty for the system-wide layout. */
  oneLocation?: string;
  home: string | undefined;
}

export function pathsReport(options: PathsReportOptions): PathsReport {
  const paths = resolvePaths({ oneLocation: options.oneLocation });
  return {
    layout: paths.location === undefined ? 'system-wide' : 'self-contained',
    paths,
    ...(options.home ? { user: userOneFiles(options.home) } : {}),
  };
}

/** One `name : path` line per entry, nested entries as `group.name`, in the resolver's order. */
export function renderPathsReport(report: PathsReport): string {
  const rows: [string, string][] = [['layout', report.layout]];
  const add = (prefix: string, record: object) => {
    for (const [key, value] of Object.entries(record)) {
      if (value === undefined) continue;
      if (typeof value === 'object') add(`${prefix}${key}.`, value as object);
      else rows.push([prefix + key, String(value)]);
    }
  };
  add('', report.paths);
  if (report.user) add('user.', report.user);
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, value]) => `${name.padEnd(width)} : ${value}\n`).join('');
}
