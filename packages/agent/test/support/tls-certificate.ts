import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** A self-signed certificate for `address` (an IP SAN), made with openssl. */
export function selfSignedCertificate(dir: string, address: string): { cert: string; key: string } {
  const cert = join(dir, `${address}.crt`);
  const key = join(dir, `${address}.key`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      `/CN=${address}`,
      '-addext',
      `subjectAltName=IP:${address}`,
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}
