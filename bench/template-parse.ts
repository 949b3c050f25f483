// Template parsing throughput: a generated oned.conf-sized and a large template, parsed
// repeatedly, as MB/s and as a ratio to JSON.parse of the same content (same run).
import { parseTemplate } from '@onekit/core';
import { fmt, opsPerSecond, type Figure } from './support/measure.js';

function generate(attributes: number): { text: string; json: string } {
  const lines: string[] = [];
  const obj: Record<string, unknown> = {};
  for (let i = 0; i < attributes; i++) {
    if (i % 4 === 0) {
      lines.push(
        `DISK_${i} = [\n  IMAGE = "image ${i}",\n  SIZE = "${i * 1024}",\n  TARGET = "vd${i}" ]`,
      );
      obj[`DISK_${i}`] = { IMAGE: `image ${i}`, SIZE: `${i * 1024}`, TARGET: `vd${i}` };
    } else {
      lines.push(`ATTR_${i} = "value number ${i} with \\"quotes\\""  # note`);
      obj[`ATTR_${i}`] = `value number ${i} with "quotes"`;
    }
  }
  return { text: lines.join('\n') + '\n', json: JSON.stringify(obj) };
}

export function templateParse(): Figure[] {
  return [200, 20_000].map((n) => {
    const { text, json } = generate(n);
    const mb = Buffer.byteLength(text) / 1e6;
    const parse = opsPerSecond(() => parseTemplate(text)) * mb;
    const jsonRate = opsPerSecond(() => JSON.parse(json)) * (Buffer.byteLength(json) / 1e6);
    return {
      bench: 'template-parse',
      case: `${n} attributes (${(mb * 1000).toFixed(0)} kB)`,
      value: fmt.rate(parse, 'MB/s'),
      baseline: `JSON.parse ${fmt.rate(jsonRate, 'MB/s')}`,
      ratio: fmt.ratio(parse / jsonRate),
    };
  });
}
