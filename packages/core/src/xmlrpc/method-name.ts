/** Method names as the XML-RPC specification allows them: letters, digits, `_ . : /`. */
const METHOD_NAME = /^[A-Za-z0-9_.:/]+$/;

export function isMethodName(name: string): boolean {
  return METHOD_NAME.test(name);
}
