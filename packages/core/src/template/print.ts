import type { Template } from './model.js';
import { printCli } from './print-cli.js';
import { printOned } from './print-oned.js';
import { printXml, type XmlPrintOptions } from './print-xml.js';

export const templateFormats = ['oned', 'cli', 'xml'] as const;
export type TemplateFormat = (typeof templateFormats)[number];

/** Prints in one of the three forms, for callers that take the form as input (`--to`). */
export function printTemplate(
  template: Template,
  format: TemplateFormat,
  options: XmlPrintOptions = {},
): string {
  switch (format) {
    case 'oned':
      return printOned(template);
    case 'cli':
      return printCli(template);
    case 'xml':
      return printXml(template, options);
  }
}
