import { exitCodes } from '@onekit/core';
import { doneLines, failureLines, type ActionReport } from '../resource-actions/index.js';
import { OneApiCommand } from './api-command.js';

/**
 * Commands that act on objects (delete, rename, enable, ...): their result is an
 * ActionReport. Text output is the `-v` lines; each failure is printed on stderr as the
 * server worded it and the command exits 255, after trying every object.
 */
export abstract class OneActionCommand extends OneApiCommand<ActionReport> {
  private verboseOutput = false;

  protected finishActions(
    report: ActionReport,
    flags: { json?: boolean; verbose?: boolean },
  ): ActionReport {
    this.verboseOutput = flags.verbose === true;
    if (report.failed.length > 0) {
      this.exitStatus = exitCodes.ONE_ERROR;
      if (!flags.json) this.io.err(failureLines(report));
    }
    return report;
  }

  protected override renderText(report: ActionReport): string {
    return doneLines(report, { verbose: this.verboseOutput });
  }
}
