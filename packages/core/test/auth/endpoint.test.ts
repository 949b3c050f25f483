import assert from 'node:assert/strict';
import {
  defaultOneflowEndpoint,
  defaultXmlrpcEndpoint,
  resolveEndpoint,
  resolveOneflowEndpoint,
} from '../../src/auth/index.js';
import { isOneKitError } from '../../src/errors/index.js';
import { userOneFiles } from '../../src/paths/index.js';
import { scratch, type Scratch } from './fixture.js';

describe('auth/endpoint', () => {
  let s: Scratch;
  beforeEach(() => (s = scratch()));
  afterEach(() => s.remove());

  interface Row {
    name: string;
    flag?: string;
    env?: string;
    home?: string;
    service?: string;
    expect: string;
  }
  const rows = (dflt: string): Row[] => [
    {
      name: 'flag wins over everything',
      flag: 'http://flag',
      env: 'http://env',
      home: 'http://home',
      service: 'http://svc',
      expect: 'http://flag',
    },
    {
      name: 'environment wins over files',
      env: 'http://env',
      home: 'http://home',
      service: 'http://svc',
      expect: 'http://env',
    },
    {
      name: 'home file wins over service file',
      home: 'http://home\n',
      service: 'http://svc',
      expect: 'http://home',
    },
    { name: 'service file', service: '  http://svc \n', expect: 'http://svc' },
    { name: 'default', expect: dflt },
    {
      name: 'empty flag and variable count as unset',
      flag: '',
      env: '',
      service: 'http://svc',
      expect: 'http://svc',
    },
    {
      name: 'an empty home file falls through',
      home: '\n',
      service: 'http://svc',
      expect: 'http://svc',
    },
  ];

  const chains = [
    {
      name: 'XML-RPC',
      resolve: resolveEndpoint,
      variable: 'ONE_XMLRPC',
      homeFile: (home: string) => userOneFiles(home).oneEndpoint,
      serviceFile: (sc: Scratch) => sc.paths.oneEndpoint,
      dflt: defaultXmlrpcEndpoint,
    },
    {
      name: 'OneFlow',
      resolve: resolveOneflowEndpoint,
      variable: 'ONEFLOW_URL',
      homeFile: (home: string) => userOneFiles(home).oneflowEndpoint,
      serviceFile: (sc: Scratch) => sc.paths.oneflowEndpoint,
      dflt: defaultOneflowEndpoint,
    },
  ];

  for (const chain of chains) {
    for (const row of rows(chain.dflt)) {
      it(`${chain.name}: ${row.name}`, () => {
        if (row.home !== undefined) s.write(chain.homeFile(s.home), row.home);
        if (row.service !== undefined) s.write(chain.serviceFile(s), row.service);
        const env = row.env === undefined ? {} : { [chain.variable]: row.env };
        const got = chain.resolve({ flag: row.flag, env, home: s.home, paths: s.paths });
        assert.equal(got, row.expect);
      });
    }
  }

  it('uses the documented defaults', () => {
    assert.equal(defaultXmlrpcEndpoint, 'http://localhost:2633/RPC2');
    assert.equal(defaultOneflowEndpoint, 'http://localhost:2474');
  });

  it("does not read the other chain's variable", () => {
    const base = { home: s.home, paths: s.paths };
    assert.equal(
      resolveEndpoint({ ...base, env: { ONEFLOW_URL: 'http://f' } }),
      defaultXmlrpcEndpoint,
    );
    assert.equal(
      resolveOneflowEndpoint({ ...base, env: { ONE_XMLRPC: 'http://x' } }),
      defaultOneflowEndpoint,
    );
  });

  it('names an endpoint file that exists but cannot be read', () => {
    const denied = Object.assign(new Error('denied'), { code: 'EACCES' });
    const files = {
      read: (path: string) => {
        if (path === s.paths.oneEndpoint) throw denied;
        return undefined;
      },
    };
    assert.throws(
      () => resolveEndpoint({ env: {}, home: s.home, paths: s.paths, files }),
      (err) =>
        isOneKitError(err, 'CONFIG_INVALID') &&
        err.where.file === s.paths.oneEndpoint &&
        err.cause === denied,
    );
  });
});
