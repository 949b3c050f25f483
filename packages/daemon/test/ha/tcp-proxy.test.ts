// The TCP proxy the zone tests cut servers off with: it carries bytes both ways, a cut
// resets the connections it carries and refuses new ones until healed, and connections can
// be refused by the process that opened them (found through /proc).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { after, before, describe, it } from 'mocha';
import { childPids, processIdentity, socketOwner } from '../../../../test/support/socket-owner.js';
import { TcpProxy } from '../../../../test/support/tcp-proxy.js';

const HOST = '127.0.1.250';

/** A connection through the proxy that records how it ended. */
interface Line {
  readonly socket: net.Socket;
  /** The error code (or 'closed') the connection ended with. */
  readonly ended: Promise<string>;
}

function open(port: number): Line {
  const socket = net.connect({ host: HOST, port });
  const ended = new Promise<string>((resolve) => {
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    socket.once('close', () => resolve('closed'));
  });
  return { socket, ended };
}

/** Sends `text`; resolves with the echo, or with how the connection ended. */
function exchange(line: Line, text: string): Promise<string> {
  const echoed = new Promise<string>((resolve) =>
    line.socket.once('data', (d: Buffer) => resolve(d.toString())),
  );
  line.socket.write(text);
  return Promise.race([echoed, line.ended]);
}

/** A connection made by another process: resolves with what it printed ("echo:x" or the error). */
function exchangeFromChild(port: number): Promise<string> {
  const script = `
    const s = require('node:net').connect({ host: '${HOST}', port: ${port} }, () => s.write('x'));
    s.on('data', (d) => { console.log('echo:' + d); process.exit(0); });
    s.on('error', (e) => { console.log(e.code); process.exit(0); });
    s.on('close', () => { console.log('closed'); process.exit(0); });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.once('exit', () => resolve(out.trim())));
}

describe('support/tcp-proxy', () => {
  let echo: net.Server;
  let echoPort: number;
  let proxy: TcpProxy;
  const children = new Set<number>();

  before(async () => {
    echo = net.createServer((s) => s.on('error', () => s.destroy()).pipe(s));
    echoPort = await new Promise<number>((resolve) =>
      echo.listen(0, '127.0.0.1', () => resolve((echo.address() as net.AddressInfo).port)),
    );
    proxy = await TcpProxy.start({
      host: HOST,
      target: { host: '127.0.0.1', port: echoPort },
      // The test process is "client"; any process it started is "child".
      async originOf(socket) {
        const pid = await socketOwner(
          {
            clientAddress: socket.remoteAddress!,
            clientPort: socket.remotePort!,
            serverAddress: socket.localAddress!,
            serverPort: socket.localPort!,
          },
          [process.pid, ...(await childPids(process.pid))],
        );
        if (pid !== undefined && pid !== process.pid) children.add(pid);
        return pid === process.pid ? 'client' : pid === undefined ? 'unknown' : 'child';
      },
    });
  });

  after(async () => {
    await proxy?.close();
    echo?.close();
  });

  it('carries bytes both ways', async () => {
    const line = open(proxy.port);
    assert.equal(await exchange(line, 'hello'), 'hello');
    assert.equal(proxy.connections, 1);
    line.socket.destroy();
  });

  it('resets the connections it carries when cut, and refuses new ones until healed', async () => {
    const line = open(proxy.port);
    assert.equal(await exchange(line, 'a'), 'a');
    proxy.cut();
    assert.equal(await line.ended, 'ECONNRESET');
    assert.equal(proxy.connections, 0);
    assert.equal(await exchange(open(proxy.port), 'b'), 'ECONNRESET');
    proxy.heal();
    const again = open(proxy.port);
    assert.equal(await exchange(again, 'c'), 'c');
    again.socket.destroy();
  });

  it('tells connections apart by the process that opened them', async () => {
    assert.equal(await exchangeFromChild(proxy.port), 'echo:x');
    assert.equal(children.size, 1, 'the child process was recognised');
    const mine = open(proxy.port);
    assert.equal(await exchange(mine, 'm'), 'm');
    proxy.refuseFrom(['child']);
    assert.equal(await exchangeFromChild(proxy.port), 'ECONNRESET');
    assert.equal(await exchange(mine, 'still'), 'still', 'the other connections stay');
    proxy.refuseFrom(['client']);
    assert.equal(await mine.ended, 'ECONNRESET');
    proxy.refuseFrom([]);
    assert.equal(await exchangeFromChild(proxy.port), 'echo:x');
  });

  it('names a process by pid and start time, and nothing once it has exited', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], {
      stdio: 'ignore',
    });
    const pid = child.pid!;
    const identity = await processIdentity(pid);
    assert.match(identity ?? '', new RegExp(`^${pid}@\\d+$`));
    assert.equal(await processIdentity(pid), identity, 'the same process, the same name');
    assert.notEqual(await processIdentity(process.pid), identity);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    assert.equal(await processIdentity(pid), undefined);
  });
});
