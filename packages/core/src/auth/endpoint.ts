// Which server a client talks to. Both chains follow the Ruby clients: an explicit flag,
// then an environment variable, then the user's `.one` file, then the service account's,
// then the local default. File contents are trimmed; an empty value counts as unset.
import type { OnePaths } from '../paths/index.js';
import { userOneFiles } from '../paths/index.js';
import { localTextFiles, readIfPresent, type Environment, type TextFiles } from './text-files.js';

export const defaultXmlrpcEndpoint = 'http://localhost:2633/RPC2';
export const defaultOneflowEndpoint = 'http://localhost:2474';

export interface ResolveEndpointOptions {
  /** The value of `--endpoint` (XML-RPC) or `--server` (OneFlow). */
  flag?: string;
  env: Environment;
  home: string | undefined;
  paths: OnePaths;
  files?: TextFiles;
}

/** `--endpoint` > ONE_XMLRPC > ~/.one/one_endpoint > <oneDir>/one_endpoint > default. */
export function resolveEndpoint(options: ResolveEndpointOptions): string {
  const { env, home, paths } = options;
  return (
    firstValue(options, [
      () => env.ONE_XMLRPC,
      fromFile(options, home && userOneFiles(home).oneEndpoint),
      fromFile(options, paths.oneEndpoint),
    ]) ?? defaultXmlrpcEndpoint
  );
}

/** `--server` > ONEFLOW_URL > ~/.one/oneflow_endpoint > <oneDir>/oneflow_endpoint > default. */
export function resolveOneflowEndpoint(options: ResolveEndpointOptions): string {
  const { env, home, paths } = options;
  return (
    firstValue(options, [
      () => env.ONEFLOW_URL,
      fromFile(options, home && userOneFiles(home).oneflowEndpoint),
      fromFile(options, paths.oneflowEndpoint),
    ]) ?? defaultOneflowEndpoint
  );
}

type Source = () => string | undefined;

function firstValue(options: ResolveEndpointOptions, sources: Source[]): string | undefined {
  for (const source of [() => options.flag, ...sources]) {
    const value = source()?.trim();
    if (value) return value;
  }
  return undefined;
}

function fromFile(options: ResolveEndpointOptions, file: string | undefined): Source {
  return () =>
    file ? readIfPresent(options.files ?? localTextFiles, file, 'CONFIG_INVALID') : undefined;
}
