export {
  Template,
  compareNames,
  vectorValue,
  type Attribute,
  type SingleAttribute,
  type SourcePosition,
  type VectorAttribute,
  type VectorPair,
} from './model.js';
export { attributeName, vectorKeyName } from './names.js';
export { parseTemplate, type ParseOptions } from './parser.js';
export { parseTemplateOrXml, templateFromXml } from './from-xml.js';
export { printOned } from './print-oned.js';
export { printCli } from './print-cli.js';
export { printXml, type XmlPrintOptions } from './print-xml.js';
export { printTemplate, templateFormats, type TemplateFormat } from './print.js';
export { templateEquals } from './equals.js';
export * as templateCharClasses from './char-classes.js';
