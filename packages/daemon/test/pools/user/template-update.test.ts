import assert from 'node:assert/strict';
import { parseTemplate, printOned } from '@onekit/core';
import { describe, it } from 'mocha';
import { updatedTemplate } from '../../../src/pools/user/index.js';

const current = parseTemplate('A = 1\nV = [ K = "x" ]\nVM_USE_OPERATIONS = "migrate"');
const text = (t: ReturnType<typeof parseTemplate>) => printOned(t).trim().split('\n').join(' | ');

describe('pools/user/template-update', () => {
  it('merges with append: same names replaced, an empty vector removed', () => {
    const out = updatedTemplate(current, 'A = 2\nB = 3\nV = []', {
      append: true,
      keepRestricted: false,
    });
    assert.ok(out.ok);
    assert.deepEqual(
      out.template.attributes.map((a) => a.name),
      ['A', 'B', 'VM_USE_OPERATIONS'],
    );
    assert.equal(out.template.get('A'), '2');
  });

  it('keeps restricted attributes unchanged for callers outside oneadmin', () => {
    const out = updatedTemplate(current, 'C = 1', { append: false, keepRestricted: true });
    assert.ok(out.ok);
    assert.deepEqual(
      out.template.attributes.map((a) => a.name),
      ['C', 'VM_USE_OPERATIONS'],
    );
    const same = updatedTemplate(current, 'VM_USE_OPERATIONS = "migrate"', {
      append: true,
      keepRestricted: true,
    });
    assert.ok(same.ok);
    assert.deepEqual(
      updatedTemplate(current, 'VM_ADMIN_OPERATIONS = "all"', {
        append: false,
        keepRestricted: true,
      }),
      { ok: false, message: 'Tried to change restricted attribute: VM_ADMIN_OPERATIONS' },
    );
    const admin = updatedTemplate(current, 'VM_ADMIN_OPERATIONS = "all"', {
      append: false,
      keepRestricted: false,
    });
    assert.ok(admin.ok);
    assert.match(text(admin.template), /VM_ADMIN_OPERATIONS/);
  });

  it('does not touch the current template', () => {
    updatedTemplate(current, 'Z = 1', { append: true, keepRestricted: false });
    assert.equal(current.get('Z'), undefined);
  });

  it('reports a template that does not parse', () => {
    const out = updatedTemplate(current, 'A = [', { append: false, keepRestricted: false });
    assert.equal(out.ok, false);
  });
});
