// oned.conf text → typed configuration. The file is OpenNebula template syntax, so the
// template parser does the reading; syntax errors surface as CONFIG_INVALID with the
// parser's file, line and columns (and the original error as cause).
import { isOneKitError, OneKitError } from '../../errors/index.js';
import { parseTemplate } from '../../template/index.js';
import type { Template } from '../../template/model.js';
import { readConfigFile } from '../read-config-file.js';
import { onedConfFromTemplate } from './from-template.js';
import type { OnedConf } from './model.js';

export function parseOnedConf(text: string, options: { file?: string } = {}): OnedConf {
  return onedConfFromTemplate(parseConfTemplate(text, options), options);
}

export async function loadOnedConf(path: string): Promise<OnedConf> {
  return parseOnedConf(await readConfigFile(path), { file: path });
}

function parseConfTemplate(text: string, options: { file?: string }): Template {
  try {
    return parseTemplate(text, options);
  } catch (err) {
    if (!isOneKitError(err, 'TEMPLATE_SYNTAX')) throw err;
    throw new OneKitError(
      'CONFIG_INVALID',
      err.message,
      { ...err.where, ...options },
      { cause: err },
    );
  }
}
