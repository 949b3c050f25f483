import { parseTemplateOrXml, printTemplate } from '@onekit/core';
import { toJson } from '../command/output.js';
import { templateJson, type TemplateJson } from './template-json.js';

export const templateTargets = ['cli', 'oned', 'xml', 'json'] as const;
export type TemplateTarget = (typeof templateTargets)[number];

export interface ConvertTemplateOptions {
  /** Template text, or an XML template (text starting with `<`). */
  text: string;
  /** Named in syntax errors. */
  file?: string;
  to: TemplateTarget;
}

export interface ConvertedTemplate {
  /** The template in the requested form, ending with a newline. */
  text: string;
  /** The template as JSON data (what --json prints). */
  json: TemplateJson;
}

/**
 * Parses a template (syntax errors are TEMPLATE_SYNTAX with file, line and columns) and
 * prints it in another form (TEMPLATE_UNPRINTABLE when that form cannot hold it).
 */
export function convertTemplate(options: ConvertTemplateOptions): ConvertedTemplate {
  const template = parseTemplateOrXml(options.text, { file: options.file });
  const json = templateJson(template);
  const text = options.to === 'json' ? toJson(json) : printTemplate(template, options.to);
  return { text: text.endsWith('\n') || text === '' ? text : `${text}\n`, json };
}
