import fc from 'fast-check';
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  groupBody,
  parseGroupBody,
  parseGroupBodyText,
  systemGroups,
  withMember,
} from '../../../src/pools/group/index.js';

describe('pools/group/group-xml', () => {
  it('writes the body as oned does, empty id sets as open/close pairs', () => {
    const [oneadmin, users] = systemGroups();
    assert.equal(
      groupBody(withMember(oneadmin!, 0, true)),
      '<GROUP><ID>0</ID><NAME>oneadmin</NAME><TEMPLATE></TEMPLATE><USERS><ID>0</ID></USERS><ADMINS></ADMINS></GROUP>',
    );
    assert.equal(
      groupBody(users!),
      '<GROUP><ID>1</ID><NAME>users</NAME><TEMPLATE><SUNSTONE>' +
        '<DEFAULT_VIEW><![CDATA[cloud]]></DEFAULT_VIEW>' +
        '<GROUP_ADMIN_DEFAULT_VIEW><![CDATA[groupadmin]]></GROUP_ADMIN_DEFAULT_VIEW>' +
        '<GROUP_ADMIN_VIEWS><![CDATA[groupadmin,cloud]]></GROUP_ADMIN_VIEWS>' +
        '<VIEWS><![CDATA[cloud]]></VIEWS></SUNSTONE></TEMPLATE><USERS></USERS><ADMINS></ADMINS></GROUP>',
    );
  });

  it('reads back what it writes, members kept sorted and unique', () => {
    const group = withMember(withMember(withMember(systemGroups()[1]!, 9, true), 3, true), 9, true);
    const back = parseGroupBodyText(groupBody(group));
    assert.deepEqual([back.id, back.name, back.users, back.admins], [1, 'users', [3, 9], []]);
    assert.deepEqual(withMember(back, 3, false).users, [9]);
  });

  it('keeps members sorted and unique whatever the order they join and leave in', () => {
    const changes = fc.array(fc.record({ uid: fc.nat(60), member: fc.boolean() }), {
      maxLength: 80,
    });
    fc.assert(
      fc.property(changes, (steps) => {
        let group = systemGroups()[1]!;
        const expected = new Set<number>();
        for (const { uid, member } of steps) {
          group = withMember(group, uid, member);
          if (member) expected.add(uid);
          else expected.delete(uid);
        }
        assert.deepEqual(
          group.users,
          [...expected].sort((a, b) => a - b),
        );
      }),
    );
  });

  it('reads a body it wrote or read before as the same record, and new text afresh', () => {
    const group = withMember(systemGroups()[1]!, 4, true);
    const body = groupBody(group);
    assert.equal(parseGroupBody(body), group);
    const edited = body.replace('<ID>4</ID>', '<ID>5</ID>');
    assert.deepEqual(parseGroupBody(edited).users, [5]);
    assert.equal(parseGroupBody(edited), parseGroupBody(edited));
  });
});
