import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { FsckResult } from '@onekit/daemon';
import { renderFsck } from '../../src/onedb/onedb-check-text.js';

const result = (o: Partial<FsckResult>): FsckResult => ({
  backend: 'sqlite',
  database: '/var/lib/one/one.db',
  dry: false,
  problems: [],
  fixed: 0,
  ...o,
});

describe('onedb/onedb-check-text', () => {
  it('prints the backup, one line per problem and the totals', () => {
    const text = renderFsck(
      result({
        backup: '/b.bck',
        fixed: 1,
        problems: [
          {
            table: 'group_pool',
            id: 1,
            message: 'Group 1 is missing user 5 in its member list',
            fixable: true,
          },
          { table: 'user_pool', id: 4, message: 'User 4 body does not parse: x', fixable: false },
        ],
      }),
    );
    assert.equal(
      text,
      'Database backup stored in /b.bck\n' +
        'Group 1 is missing user 5 in its member list\n' +
        'User 4 body does not parse: x (not fixed: repair it by hand)\n' +
        '\nTotal errors found: 2\nTotal errors fixed: 1\n',
    );
  });

  it('says that --dry changed nothing', () => {
    const problems = [{ table: 'acl', id: 3, message: 'ACL rule 3 ...', fixable: true }];
    assert.equal(
      renderFsck(result({ dry: true, problems })),
      'ACL rule 3 ...\n\nTotal errors found: 1\nNothing was changed (--dry).\n',
    );
  });
});
