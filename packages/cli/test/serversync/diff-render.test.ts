import assert from 'node:assert/strict';
import { stripSgr } from '../../src/io/index.js';
import { colorDiff, renderFileDiff } from '../../src/serversync/index.js';

describe('serversync/diff-render', () => {
  it('shows a changed secret as a changed line without either value', () => {
    const diff = renderFileDiff({
      oldName: '/etc/one/oned.conf',
      newName: 'fe2:/etc/one/oned.conf',
      oldText: 'PORT = 2633\nDB = [ PASSWD = "old-pass" ]\nLOG = 1\n',
      newText: 'PORT = 2633\nDB = [ PASSWD = "new-pass" ]\nLOG = 1\nX = 2\n',
    });
    assert.equal(
      diff,
      [
        '--- /etc/one/oned.conf',
        '+++ fe2:/etc/one/oned.conf',
        '@@ -1,3 +1,4 @@',
        ' PORT = 2633',
        '-DB = [ PASSWD = "<redacted>" ]',
        '+DB = [ PASSWD = "<redacted>" ]',
        ' LOG = 1',
        '+X = 2',
        '',
      ].join('\n'),
    );
    assert.ok(!diff.includes('pass"'));
  });

  it('diffs against /dev/null for added and removed files, with mode and owner headers', () => {
    assert.equal(
      renderFileDiff({ oldName: 'a', newName: 'fe2:b', newText: 'one_auth:hunter22\n' }),
      '--- /dev/null\n+++ fe2:b\n@@ -0,0 +1,1 @@\n+one_auth:<redacted>\n',
    );
    assert.equal(
      renderFileDiff({ oldName: 'a', newName: 'fe2:b', oldText: 'x', notes: [] }),
      '--- a\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-x\n\\ No newline at end of file\n',
    );
    assert.equal(
      renderFileDiff({
        oldName: 'a',
        newName: 'fe2:a',
        oldText: 'same\n',
        newText: 'same\n',
        notes: ['old mode 0644', 'new mode 0600'],
      }),
      'old mode 0644\nnew mode 0600\n--- a\n+++ fe2:a\n',
    );
    assert.equal(renderFileDiff({ oldName: 'a', newName: 'b', oldText: 's', newText: 's' }), '');
    assert.equal(
      renderFileDiff({ oldName: 'a', newName: 'b', oldText: 'x\u0000', newText: 'y' }),
      '--- a\n+++ b\nBinary files a and b differ\n',
    );
  });

  it('colours headers, ranges, removals and additions, and nothing else', () => {
    const plain = renderFileDiff({
      oldName: 'a',
      newName: 'b',
      oldText: '--- not a header\nkeep\n',
      newText: 'keep\n+added\n',
      notes: ['old mode 0644', 'new mode 0600'],
    });
    const colored = colorDiff(plain);
    assert.equal(stripSgr(colored), plain);
    const lines = colored.split('\n');
    assert.deepEqual(
      // eslint-disable-next-line no-control-regex
      lines.map((line) => /^\u001b\[(\d+)m/.exec(line)?.[1] ?? '-'),
      ['1', '1', '1', '1', '33', '31', '-', '32', '-'],
    );
  });
});
