import { OneKitError } from '@onekit/core';

const reasons: Record<string, string> = {
  ENOENT: 'does not exist',
  ENOTDIR: 'has a parent that is not a directory',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ELOOP: 'has too many levels of symbolic links',
  ENOSPC: 'no space left on the device',
  EROFS: 'is on a read-only file system',
};

/** A file system failure as HOST_FILE naming the path; OneKitErrors pass through. */
export function hostFileError(file: string, err: unknown): OneKitError {
  if (err instanceof OneKitError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  const reason = (code && reasons[code]) ?? (err instanceof Error ? err.message : String(err));
  return new OneKitError('HOST_FILE', `${file}: ${reason}`, { file }, { cause: err });
}
