// The two ways oned puts text into XML: escaped character data for numbers and names it
// controls, CDATA for every template value (so user text is never parsed as markup).

const TEXT_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escapes text for element content or attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => TEXT_ESCAPES[c]!);
}

/**
 * Escapes element content so that a parser gives back exactly `text`: `&`, `<`, `>` and
 * carriage returns (which a parser would otherwise turn into line feeds). One pass over
 * the text, since large documents travel through here inside XML-RPC strings.
 */
export function escapeText(text: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let replacement: string;
    if (c === 0x26) replacement = '&amp;';
    else if (c === 0x3c) replacement = '&lt;';
    else if (c === 0x3e) replacement = '&gt;';
    else if (c === 0x0d) replacement = '&#13;';
    else continue;
    out += text.slice(last, i) + replacement;
    last = i + 1;
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * Wraps text in a CDATA section. A `]]>` inside the text is split across two
 * sections, the standard way to carry it; OpenNebula's template parser refuses such
 * values before they get here, but documents built from other sources stay well formed.
 */
export function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}
