import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import { Template, parseTemplate, printOned } from '@onekit/core';
import {
  objectNameProblem,
  parseZoneTemplate,
  prepareNewZone,
  updateModes,
  updatedZoneTemplate,
} from '../../../src/pools/zone/index.js';

const t = (text: string): Template => parseTemplate(text);
const text = (template: Template): string => printOned(template);

describe('pools/zone/zone-template', () => {
  it('takes NAME out of the template and strips SERVER on allocate', () => {
    const result = prepareNewZone(
      t('NAME = z\nENDPOINT = http://z/RPC2\nSERVER = [ NAME = a ]\nX = 1'),
    );
    assert.ok(result.ok);
    assert.equal(result.value.name, 'z');
    assert.equal(text(result.value.template), text(t('ENDPOINT = http://z/RPC2\nX = 1')));
  });

  it('refuses a zone without a valid NAME or without ENDPOINT, in oned words', () => {
    assert.deepEqual(prepareNewZone(t('ENDPOINT = e')), {
      ok: false,
      message: 'Invalid NAME, it cannot be empty',
    });
    assert.deepEqual(prepareNewZone(t('NAME = "a b#"\nENDPOINT = e')), {
      ok: false,
      message: "Invalid NAME, char '#' is not allowed",
    });
    assert.deepEqual(prepareNewZone(t('NAME = z')), {
      ok: false,
      message: 'ENDPOINT not present in template.',
    });
    assert.deepEqual(prepareNewZone(t('NAME = z\nENDPOINT = ""')), {
      ok: false,
      message: 'ENDPOINT not present in template.',
    });
  });

  it('replaces the template on update mode 0 and merges on mode 1', () => {
    const current = t('ENDPOINT = e\nA = 1\nB = [ K = v ]');
    assert.equal(
      text(updatedZoneTemplate(current, t('C = 3'), updateModes.REPLACE)),
      text(t('C = 3\nENDPOINT = -')),
    );
    assert.equal(
      text(
        updatedZoneTemplate(
          current,
          t('A = 2\nB = []\nC = 3\nSERVER = [ NAME = s ]'),
          updateModes.MERGE,
        ),
      ),
      text(t('A = 2\nC = 3\nENDPOINT = e')),
    );
    assert.equal(
      text(current),
      text(t('ENDPOINT = e\nA = 1\nB = [ K = v ]')),
      'the current template is left as it was',
    );
  });

  it('parses text or XML, and reports syntax errors as text', () => {
    const xml = parseZoneTemplate('<TEMPLATE><ENDPOINT>e</ENDPOINT></TEMPLATE>');
    assert.ok(xml.ok && xml.value.get('ENDPOINT') === 'e');
    const bad = parseZoneTemplate('A = [ B = 1');
    assert.ok(!bad.ok && /line 1/.test(bad.message));
  });

  it('accepts names of allowed characters up to 128 bytes (property)', () => {
    const allowed = fc
      .string({ minLength: 1, maxLength: 40 })
      .filter((s) => !/[&|:\\";/'#{}$<>\t\n\v\f\r]/.test(s));
    fc.assert(
      fc.property(allowed, (name) => {
        const problem = objectNameProblem(name);
        assert.equal(
          problem,
          Buffer.byteLength(name) > 128 ? 'Invalid NAME, max length is 128 chars' : undefined,
        );
      }),
    );
    assert.equal(objectNameProblem('é'.repeat(65)), 'Invalid NAME, max length is 128 chars');
    assert.equal(objectNameProblem('x'.repeat(128)), undefined);
    assert.equal(objectNameProblem('a b', ' '), "Invalid NAME, char ' ' is not allowed");
  });
});
