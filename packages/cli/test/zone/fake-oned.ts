import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  decodeMethodCall,
  encodeFault,
  encodeMethodResponse,
  oneSuccess,
  type XmlRpcInput,
} from '@onekit/core';

// Stands in for OpenNebula's oned, which cannot run here: it answers the methods it is
// given with `[true, value, 0]` and every other method with the fault oned's XML-RPC
// library sends for a method it does not define. The answers are made once the endpoint
// is known, so that documents can name it.

export interface FakeOned {
  readonly endpoint: string;
  /** The methods called so far, in order. */
  readonly calls: string[];
  close(): Promise<void>;
}

export const METHOD_NOT_DEFINED = -506;

export async function startFakeOned(
  answersFor: (endpoint: string) => Record<string, XmlRpcInput>,
): Promise<FakeOned> {
  const calls: string[] = [];
  let answers: Record<string, XmlRpcInput> = {};
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { methodName } = decodeMethodCall(Buffer.concat(chunks));
      calls.push(methodName);
      const body =
        methodName in answers
          ? encodeMethodResponse(oneSuccess(answers[methodName]!))
          : encodeFault({
              faultCode: METHOD_NOT_DEFINED,
              faultString: `Requested method '${methodName}' not defined`,
            });
      res.writeHead(200, { 'Content-Type': 'text/xml' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}/RPC2`;
  answers = answersFor(endpoint);
  return {
    endpoint,
    calls,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
