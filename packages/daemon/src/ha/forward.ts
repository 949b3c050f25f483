// Sends an XML-RPC request body, unchanged, to another server and returns its answer body.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

export function forwardCall(
  endpoint: string,
  body: Uint8Array,
  timeoutMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      endpoint,
      {
        method: 'POST',
        agent,
        timeout: timeoutMs,
        headers: { 'content-type': 'text/xml', 'content-length': body.byteLength },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode === 200) resolve(Buffer.concat(chunks).toString('utf8'));
          else
            reject(new Error(`Cannot process request, the leader answered HTTP ${res.statusCode}`));
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error('Cannot process request, the leader did not answer in time')),
    );
    req.on('error', (err) =>
      reject(
        err.message.startsWith('Cannot')
          ? err
          : new Error(`Cannot process request, leader unreachable: ${err.message}`),
      ),
    );
    req.end(body);
  });
}
