import { resolvePaths, userOneFiles, type OnePaths, type UserOneFiles } from '@onekit/core';
import type { ManEntry } from './man-page.js';

// The FILES section of each page, from the path resolver (system-wide layout; the page says
// that ONE_LOCATION moves them) and the user's ~/.one directory.

type FilesOf = (paths: OnePaths, user: UserOneFiles) => ManEntry[];

const xmlrpcFiles: FilesOf = (paths, user) => [
  { name: user.oneAuth, description: 'The user\'s credentials, "username:password", when ONE_AUTH is not set.' },
  { name: user.oneEndpoint, description: 'The XML-RPC endpoint, when neither --endpoint nor ONE_XMLRPC is given.' },
  { name: paths.oneAuth, description: 'Credentials used when the user has none.' },
  { name: paths.oneEndpoint, description: 'Endpoint used when the user has none.' },
];

const oneflowFiles: FilesOf = (paths, user) => [
  { name: user.oneAuth, description: 'The user\'s credentials, "username:password".' },
  { name: user.oneflowEndpoint, description: 'The OneFlow endpoint, when neither --server nor ONEFLOW_URL is given.' },
  { name: paths.oneAuth, description: 'Credentials used when the user has none.' },
  { name: paths.oneflowEndpoint, description: 'OneFlow endpoint used when the user has none.' },
];

const filesByExecutable: Record<string, FilesOf> = {
  onezone: xmlrpcFiles,
  onedb: (paths, user) => [
    { name: paths.onedConf, description: 'The DB section gives the backend and connection when no flag does.' },
    { name: paths.sqliteDb, description: 'The SQLite database.' },
    { name: paths.lock, description: 'Present while oned runs; offline commands refuse to start then.' },
    ...xmlrpcFiles(paths, user),
  ],
  oneflow: oneflowFiles,
  'oneflow-template': oneflowFiles,
  econe: (_paths, user) => [
    { name: user.oneAuth, description: 'Credentials used when EC2_ACCESS_KEY and EC2_SECRET_KEY are not set.' },
  ],
  onekit: (paths) => [
    { name: paths.onedConf, description: 'Checked by "onekit config check" when no file is named.' },
    ...Object.values(paths.serviceConfs).map((name) => ({
      name,
      description: 'Checked by "onekit config check" when no file is named and it exists.',
    })),
  ],
};

/** The files an executable reads, in the system-wide layout. */
export function manFiles(name: string): ManEntry[] {
  return filesByExecutable[name]?.(resolvePaths({}), userOneFiles('~')) ?? [];
}
