import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testIO } from '../../src/io/index.js';
import {
  createTemplateInput,
  editText,
  terminalEditor,
  updateTemplateInput,
} from '../../src/template-input/index.js';

describe('template-input', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'template-input-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const noEditor = () => assert.fail('the editor must not open');

  it('reads the file, else piped input; nothing at all is TEMPLATE_MISSING', async () => {
    const file = join(dir, 'zone.tmpl');
    writeFileSync(file, 'NAME = "a"\n');
    assert.equal(
      await createTemplateInput({ file, io: testIO({ input: 'ignored' }), resource: 'zone' }),
      'NAME = "a"\n',
    );
    assert.equal(
      await createTemplateInput({
        file: undefined,
        io: testIO({ input: 'NAME = "b"' }),
        resource: 'zone',
      }),
      'NAME = "b"',
    );
    for (const io of [testIO({ input: '' }), testIO({ tty: true, input: 'typed' })]) {
      await assert.rejects(createTemplateInput({ file: undefined, io, resource: 'zone' }), {
        code: 'TEMPLATE_MISSING',
        message: 'No zone template provided',
      });
    }
  });

  it('opens the editor for update only on a terminal, on the initial text', async () => {
    const piped = await updateTemplateInput({
      file: undefined,
      io: testIO({ input: 'A = "1"' }),
      initial: async () => assert.fail('not needed'),
      edit: noEditor,
    });
    assert.equal(piped, 'A = "1"');
    await assert.rejects(
      updateTemplateInput({
        file: undefined,
        io: testIO(),
        initial: async () => '',
        edit: noEditor,
      }),
      { code: 'FLAG_REQUIRED', where: { field: 'file' } },
    );
    const edited = await updateTemplateInput({
      file: undefined,
      io: testIO({ tty: true }),
      initial: async () => 'ENDPOINT="x"\n',
      edit: async (path) => writeFileSync(path, readFileSync(path, 'utf8') + 'B="2"\n'),
    });
    assert.equal(edited, 'ENDPOINT="x"\nB="2"\n');
  });

  it("runs $EDITOR through the shell and fails on the editor's failure", async () => {
    assert.equal(
      await editText('one two\n', terminalEditor("sed -i 's/one/three/'")),
      'three two\n',
    );
    await assert.rejects(editText('x', terminalEditor('false')), {
      code: 'FLAG_INVALID',
      where: { field: 'EDITOR' },
    });
  });
});
