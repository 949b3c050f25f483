import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  defaultServiceConfig,
  defaultServiceConfText,
  loadServiceConf,
  parseServiceConf,
} from '../../../src/config/index.js';
import { isOneKitError } from '../../../src/errors/index.js';
import { serviceNames } from '../../../src/paths/index.js';

describe('config/services/parse', () => {
  for (const kind of serviceNames) {
    it(`${kind}: the default file parses back to the defaults, without warnings`, () => {
      const parsed = parseServiceConf(kind, defaultServiceConfText(kind), { file: `${kind}.conf` });
      assert.deepEqual(parsed.config, defaultServiceConfig(kind));
      assert.deepEqual(parsed.warnings, []);
    });

    it(`${kind}: an empty file means the defaults`, () => {
      assert.deepEqual(parseServiceConf(kind, '').config, defaultServiceConfig(kind));
      assert.deepEqual(
        parseServiceConf(kind, '# only comments\n').config,
        defaultServiceConfig(kind),
      );
    });
  }

  it('has the OneFlow defaults of the reference', () => {
    const c = defaultServiceConfig('oneflow');
    assert.equal(c.one_xmlrpc, 'http://localhost:2633/RPC2');
    assert.equal(c.subscriber_endpoint, 'tcp://localhost:2101');
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.port, 2474);
    assert.equal(c.autoscaler_interval, 90);
    assert.equal(c.default_cooldown, 300);
    assert.equal(c.wait_timeout, 30);
    assert.equal(c.concurrency, 10);
    assert.equal(c.retries, 5);
    assert.equal(c.shutdown_action, 'terminate');
    assert.equal(c.action_number, 1);
    assert.equal(c.action_period, 60);
    assert.equal(c.vm_name_template, '$ROLE_NAME_$VM_NUMBER_(service_$SERVICE_ID)');
    assert.equal(c.vr_name_template, '$ROLE_NAME(service_$SERVICE_ID)');
    assert.equal(c.vn_name_template, undefined);
    assert.equal(c.page_size, 10);
    assert.equal(c.core_auth, 'cipher');
    assert.deepEqual(c.log, { level: 2, system: 'file' });
  });

  it('has the OneGate defaults of the reference', () => {
    const c = defaultServiceConfig('onegate');
    assert.deepEqual(c.server, { bind: '127.0.0.1', port: 5030 });
    assert.equal(c.oneflow_server, 'http://localhost:2474');
    assert.equal(c.auth, 'onegate');
    assert.deepEqual(c.permissions, {
      vm: { show: true, show_by_id: true, update: true, update_by_id: true, action_by_id: true },
      service: { show: true, change_cardinality: true },
      vrouter: { show: true },
      vnet: { show_by_id: true },
    });
    assert.deepEqual(c.restricted_attrs, ['SCHED_REQUIREMENTS', 'SERVICE_ID', 'ROLE_NAME']);
    assert.equal(c.vnet_template_attributes.length, 9);
    assert.deepEqual(c.restricted_actions, ['reboot']);
  });

  it('has the econe defaults of the reference', () => {
    const c = defaultServiceConfig('econe');
    assert.equal(c.host, 'localhost');
    assert.equal(c.port, 4567);
    assert.equal(c.tmpdir, '/var/tmp');
    assert.equal(c.auth, 'ec2');
    assert.equal(c.debug_level, 3);
    assert.equal(c.datastore_id, 1);
    assert.equal(c.cluster_id, undefined);
    assert.equal(c.elasticips_vnet_id, undefined);
    assert.equal(c.terminated_instances_expiration_time, 900);
    assert.deepEqual(c.instance_types, { 'm1.small': { template: 'm1.small.erb' } });
    assert.equal(c.associate_script, false);
    assert.equal(c.ebs_fstype, 'ext3');
  });

  it('reads a file written the way OpenNebula ships it', () => {
    const text = `:one_xmlrpc: http://10.0.0.1:2633/RPC2
:subscriber_endpoint: 'tcp://10.0.0.1:2101'
:host: 0.0.0.0
:port: 2474
:shutdown_action: 'terminate-hard'
:force_deletion: yes
:log:
  :level: 3
  :system: 'syslog'
`;
    const c = parseServiceConf('oneflow', text).config;
    assert.equal(c.one_xmlrpc, 'http://10.0.0.1:2633/RPC2');
    assert.equal(c.host, '0.0.0.0');
    assert.equal(c.shutdown_action, 'terminate-hard');
    assert.equal(c.force_deletion, true, 'YAML 1.1 yes, as Ruby reads it');
    assert.deepEqual(c.log, { level: 3, system: 'syslog' });
    assert.equal(c.concurrency, 10);
  });

  it('restricts reboot when :restricted_actions: is empty, nothing when it is []', () => {
    assert.deepEqual(
      parseServiceConf('onegate', ':restricted_actions:\n  #- reboot\n').config.restricted_actions,
      ['reboot'],
    );
    assert.deepEqual(
      parseServiceConf('onegate', ':restricted_actions: []\n').config.restricted_actions,
      [],
    );
  });

  it('accepts a script path for the Elastic IP scripts', () => {
    const c = parseServiceConf(
      'econe',
      ':associate_script: /usr/bin/assoc\n:elasticips_vnet_id: 4\n',
    ).config;
    assert.equal(c.associate_script, '/usr/bin/assoc');
    assert.equal(c.elasticips_vnet_id, 4);
  });

  it('keeps unknown keys and lists them as warnings with their line', () => {
    const parsed = parseServiceConf(
      'onegate',
      ':server:\n  :port: 5031\n  :threads: 8\n:future_key: 1\n',
      { file: 'g.conf' },
    );
    assert.equal(parsed.config.future_key, 1);
    assert.deepEqual(parsed.config.server, { bind: '127.0.0.1', port: 5031, threads: 8 });
    assert.deepEqual(
      parsed.warnings.map((w) => [w.file, w.line, w.field]),
      [
        ['g.conf', 3, 'server.threads'],
        ['g.conf', 4, 'future_key'],
      ],
    );
  });

  it('ignores keys written without the Ruby colon, as the servers do, and warns', () => {
    const parsed = parseServiceConf('oneflow', '# c\nport: 9999\n:host: 127.0.0.2\n', {
      file: 'f.conf',
    });
    assert.equal(parsed.config.port, 2474);
    assert.equal(parsed.config.host, '127.0.0.2');
    assert.deepEqual(
      parsed.warnings.map((w) => [w.line, w.field]),
      [[2, 'port']],
    );
  });

  const errors: Array<[string, 'oneflow' | 'onegate' | 'econe', string, number, string]> = [
    ['a port that is not a number', 'oneflow', ':host: 127.0.0.1\n:port: abc\n', 2, 'port'],
    [
      'a log level out of range',
      'oneflow',
      '# log\n:log:\n  :system: file\n  :level: 9\n',
      4,
      'log.level',
    ],
    ['an unknown shutdown action', 'oneflow', ':shutdown_action: poweroff\n', 1, 'shutdown_action'],
    [
      'an endpoint that is not a URL',
      'oneflow',
      '\n:one_xmlrpc: localhost 2633\n',
      2,
      'one_xmlrpc',
    ],
    ['a section given as a value', 'oneflow', ':log: file\n', 1, 'log'],
    [
      'a permission that is not a boolean',
      'onegate',
      ':permissions:\n  :vm:\n    :show: maybe\n',
      3,
      'permissions.vm.show',
    ],
    [
      'a list item of the wrong type',
      'onegate',
      ':restricted_attrs:\n  - SERVICE_ID\n  - 7\n',
      3,
      'restricted_attrs[1]',
    ],
    [
      'a negative port in a section',
      'onegate',
      ':server:\n  :bind: 0.0.0.0\n  :port: -1\n',
      3,
      'server.port',
    ],
    [
      'an instance type without template',
      'econe',
      ':instance_types:\n  :m1.small:\n    :erb: x\n',
      2,
      'instance_types.m1.small.template',
    ],
    [
      'a script that is neither a path nor false',
      'econe',
      ':associate_script: 3\n',
      1,
      'associate_script',
    ],
    ['a debug level out of range', 'econe', ':debug_level: 4\n', 1, 'debug_level'],
  ];
  for (const [name, kind, text, line, field] of errors) {
    it(`${kind}: refuses ${name}, naming file, line and key`, () => {
      assert.throws(
        () => parseServiceConf(kind, text, { file: `/etc/one/${kind}.conf` }),
        (err) =>
          isOneKitError(err, 'CONFIG_INVALID') &&
          err.where.file === `/etc/one/${kind}.conf` &&
          err.where.line === line &&
          err.where.field === field,
      );
    });
  }

  it('reports the first problem in file order when there are several', () => {
    assert.throws(
      () => parseServiceConf('oneflow', ':log:\n  :level: 7\n:port: x\n:retries: -1\n'),
      (err) =>
        isOneKitError(err, 'CONFIG_INVALID') &&
        err.where.line === 2 &&
        err.where.field === 'log.level',
    );
  });

  const yamlErrors: Array<[string, string, number]> = [
    // The parser notices the missing `]` where the next key starts.
    ['an unclosed flow sequence', ':host: 127.0.0.1\n:restricted_attrs: [A, B\n:port: 1\n', 3],
    ['a duplicate key', ':port: 1\n:host: h\n:port: 2\n', 3],
    ['a bad indentation', ':log:\n  :level: 2\n :system: file\n', 3],
  ];
  for (const [name, text, line] of yamlErrors) {
    it(`reports YAML syntax errors with their line: ${name}`, () => {
      assert.throws(
        () => parseServiceConf('onegate', text, { file: 'g.conf' }),
        (err) =>
          isOneKitError(err, 'CONFIG_INVALID') &&
          err.where.file === 'g.conf' &&
          err.where.line === line,
      );
    });
  }

  it('follows YAML aliases, and refuses an alias bomb', () => {
    const c = parseServiceConf(
      'onegate',
      ':restricted_attrs: &attrs [A, B]\n:vnet_template_attributes: *attrs\n',
    ).config;
    assert.deepEqual(c.vnet_template_attributes, ['A', 'B']);
    const bomb = [
      ':a0: &a0 [x, x]',
      ...Array.from({ length: 12 }, (_, i) => `:a${i + 1}: &a${i + 1} [*a${i}, *a${i}]`),
    ];
    assert.throws(
      () => parseServiceConf('onegate', bomb.join('\n') + '\n'),
      (err) => isOneKitError(err, 'CONFIG_INVALID'),
    );
  });

  it('refuses a document that is not a map', () => {
    assert.throws(
      () => parseServiceConf('econe', '- a\n- b\n'),
      (err) => isOneKitError(err, 'CONFIG_INVALID') && err.where.field === '(document)',
    );
  });

  describe('loadServiceConf', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'onekit-svc-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('reads the file and names it in errors', async () => {
      const file = join(dir, 'econe.conf');
      writeFileSync(file, ':port: 4568\n');
      assert.equal((await loadServiceConf('econe', file)).config.port, 4568);
      writeFileSync(file, ':port: x\n');
      await assert.rejects(
        loadServiceConf('econe', file),
        (err) => isOneKitError(err, 'CONFIG_INVALID') && err.where.file === file,
      );
    });

    it('reports a missing file as CONFIG_MISSING', async () => {
      const file = join(dir, 'none.conf');
      await assert.rejects(
        loadServiceConf('onegate', file),
        (err) => isOneKitError(err, 'CONFIG_MISSING') && err.where.file === file,
      );
    });
  });
});
