// Mocha reporter: the spec output a person reads, plus a totals file that
// scripts/run-tests.mjs adds up across packages (ONEKIT_TEST_RESULTS names the folder).
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

const { Spec } = Mocha.reporters;

export default class TotalsReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const dir = process.env.ONEKIT_TEST_RESULTS;
      if (!dir) return;
      fs.mkdirSync(dir, { recursive: true });
      const name = path.basename(process.cwd());
      const { passes, failures, pending } = this.stats;
      fs.writeFileSync(
        path.join(dir, `${name}.json`),
        JSON.stringify({ name, passes, failures, pending }),
      );
    });
  }
}
