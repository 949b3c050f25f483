// A user's own `.one` directory: the ONE_AUTH file and the endpoints `onezone set` writes.
import { posix } from 'node:path';

export interface UserOneFiles {
  dir: string;
  oneAuth: string;
  oneEndpoint: string;
  oneflowEndpoint: string;
}

/** `<home>/.one`. */
export function userOneDir(home: string): string {
  return posix.join(home, '.one');
}

export function userOneFiles(home: string): UserOneFiles {
  const dir = userOneDir(home);
  return {
    dir,
    oneAuth: posix.join(dir, 'one_auth'),
    oneEndpoint: posix.join(dir, 'one_endpoint'),
    oneflowEndpoint: posix.join(dir, 'oneflow_endpoint'),
  };
}
