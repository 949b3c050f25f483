/**
 * One CSV record as Ruby's CSV.generate_line writes it: a field is quoted when it holds the
 * delimiter, a double quote, CR or LF, or is empty; quotes inside are doubled.
 */
export function csvLine(fields: readonly string[], delimiter = ','): string {
  return fields.map((field) => csvField(field, delimiter)).join(delimiter);
}

function csvField(field: string, delimiter: string): string {
  const quote = field === '' || field.includes(delimiter) || /["\r\n]/.test(field);
  return quote ? `"${field.replaceAll('"', '""')}"` : field;
}
