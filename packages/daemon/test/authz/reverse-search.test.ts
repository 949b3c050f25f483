import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { parseAclRule, selectorBits, type AclRule } from '@onekit/core';
import { reverseSearch, visibleInPool } from '../../src/authz/index.js';

const rules = (...texts: string[]): AclRule[] =>
  texts.map((text, id) => ({ id, zone: selectorBits.ALL, ...parseAclRule(text) }));

describe('authz/reverse-search', () => {
  it('gathers the ids, groups and clusters the rules open to the requester', () => {
    const grant = reverseSearch(
      rules(
        '#5 HOST/#1 USE',
        '@1 HOST/%100 USE+MANAGE',
        '#5 NET/@7 USE',
        '#6 HOST/#2 USE',
        '#5 HOST/#3 MANAGE',
      ),
      { uid: 5, groups: [1] },
      { type: 'HOST', right: 'USE', zoneId: 0 },
    );
    assert.deepEqual(
      [grant.all, [...grant.oids], [...grant.gids], [...grant.cids]],
      [false, [1], [], [100]],
    );
  });

  it('opens the whole pool to the oneadmin group and to `TYPE/*` rules, unless disabled', () => {
    assert.ok(
      reverseSearch([], { uid: 9, groups: [0] }, { type: 'VM', right: 'USE', zoneId: 0 }).all,
    );
    const set = rules('* VM/* USE');
    assert.ok(
      reverseSearch(set, { uid: 9, groups: [1] }, { type: 'VM', right: 'USE', zoneId: 0 }).all,
    );
    assert.ok(
      !reverseSearch(
        set,
        { uid: 9, groups: [1] },
        { type: 'VM', right: 'USE', zoneId: 0, disableAllAcl: true },
      ).all,
    );
  });

  it('matches zones exactly: the rule must name this zone or all of them', () => {
    const inZone1 = [{ ...rules('#5 USER/#2 USE')[0]!, zone: selectorBits.INDIVIDUAL | 1n }];
    assert.deepEqual(
      [
        ...reverseSearch(inZone1, { uid: 5, groups: [] }, { type: 'USER', right: 'USE', zoneId: 1 })
          .oids,
      ],
      [2],
    );
    assert.deepEqual(
      [
        ...reverseSearch(inZone1, { uid: 5, groups: [] }, { type: 'USER', right: 'USE', zoneId: 0 })
          .oids,
      ],
      [],
    );
  });

  it('shows own objects, group-usable ones, other-usable ones and granted ones', () => {
    const grant = { all: false, oids: new Set([7]), gids: new Set([50]), cids: new Set([3]) };
    const me = { uid: 5, groups: [1] };
    const row = (o: Partial<Parameters<typeof visibleInPool>[0]>) => ({
      oid: 1,
      uid: 0,
      gid: 0,
      groupU: 0,
      otherU: 0,
      ...o,
    });
    assert.deepEqual(
      [
        row({ uid: 5 }),
        row({ gid: 1, groupU: 1 }),
        row({ gid: 1 }),
        row({ otherU: 1 }),
        row({ oid: 7 }),
        row({ gid: 50 }),
        row({ clusters: [3] }),
        row({}),
      ].map((r) => visibleInPool(r, me, grant)),
      [true, true, false, true, true, true, true, false],
    );
  });
});
