// Closed-loop HTTP load: `clients` keep-alive connections, each sending the next request as
// soon as the previous answer arrived, for a fixed duration. Returns requests per second and
// latency percentiles (ms).
import http from 'node:http';
import { percentile } from './measure.js';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
}

export interface LoadOptions {
  host: string;
  port: number;
  clients: number;
  durationMs: number;
  /** The body of request number `n` (a fixed body for reads, a fresh one for writes). */
  body: (n: number) => string;
  /** Throws when an answer is not the expected success. */
  check?: (response: string) => void;
  /** The request path and content type: XML-RPC's by default. */
  path?: string;
  contentType?: string;
}

function post(agent: http.Agent, o: LoadOptions, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: o.host,
        port: o.port,
        method: 'POST',
        path: o.path ?? '/RPC2',
        headers: {
          'content-type': o.contentType ?? 'text/xml',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.clients });
  const latencies: number[] = [];
  let n = 0;
  const start = performance.now();
  const deadline = start + o.durationMs;
  const client = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      const response = await post(agent, o, o.body(n++));
      latencies.push(performance.now() - t0);
      o.check?.(response);
    }
  };
  await Promise.all(Array.from({ length: o.clients }, client));
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  return {
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    requests: latencies.length,
  };
}
