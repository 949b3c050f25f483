// CLI start-up: median wall time of `onezone --help` and friends, as a ratio to `node -e 0`
// measured in the same run.
import path from 'node:path';
import { fmt, median, timeCommand, type Figure } from './support/measure.js';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(root, 'packages/cli/bin', `${name}.js`);

export function cliStartup(runs = 21): Figure[] {
  const baseline = median(timeCommand(process.execPath, ['-e', '0'], runs));
  const cases: [string, string, string[]][] = [
    ['onezone --help', 'onezone', ['--help']],
    ['onezone --version', 'onezone', ['--version']],
    ['onedb --help', 'onedb', ['--help']],
    ['onekit --help', 'onekit', ['--help']],
  ];
  return cases.map(([label, name, args]) => {
    const t = median(timeCommand(process.execPath, [bin(name), ...args], runs));
    return {
      bench: 'cli-startup',
      case: label,
      value: fmt.ms(t),
      baseline: `node -e 0 ${fmt.ms(baseline)}`,
      ratio: fmt.ratio(t / baseline),
    };
  });
}
