import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  groupBody,
  parseGroupBody,
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
    const back = parseGroupBody(groupBody(group));
    assert.deepEqual([back.id, back.name, back.users, back.admins], [1, 'users', [3, 9], []]);
    assert.deepEqual(withMember(back, 3, false).users, [9]);
  });
});
