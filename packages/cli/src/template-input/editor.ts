import { spawn } from 'node:child_process';
import { OneKitError } from '@onekit/core';
import type { EditFile } from './template-input.js';

/** The editor upstream falls back to when EDITOR is unset. */
export const defaultEditor = 'vi';

/**
 * Runs `<editor> <file>` through the shell on the process's own terminal, as upstream's
 * `system` call does (EDITOR may carry arguments: `code -w`).
 */
export function terminalEditor(editor: string | undefined): EditFile {
  const command = editor?.trim() || defaultEditor;
  return (file) =>
    new Promise((resolve, reject) => {
      const child = spawn(`${command} ${shellQuote(file)}`, { shell: true, stdio: 'inherit' });
      child.on('error', reject);
      child.on('exit', (status) =>
        status === 0
          ? resolve()
          : reject(
              new OneKitError(
                'FLAG_INVALID',
                `the editor (${command}) exited with status ${status}`,
                {
                  field: 'EDITOR',
                },
              ),
            ),
      );
    });
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
