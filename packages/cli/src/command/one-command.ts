import { Command, type Interfaces } from '@oclif/core';
import { homedir } from 'node:os';
import { OneKitError, type Environment } from '@onekit/core';
import { exitStatusFor, failureJson, formatFailure, ReportedError } from '../exit/index.js';
import { ioFromProcess, type IOStreams } from '../io/index.js';
import { inquirerPrompter, type Prompter } from '../prompt/index.js';
import { apiSettings, type ApiFlagValues, type ApiSettings } from './api-settings.js';
import { markBareExpand, outputFlags } from './flags.js';
import { outputFormat, toJson, toYaml } from './output.js';

// oclif's FlagOutput/ArgOutput, which its index does not export.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ParsedValues = { [name: string]: any };

/** What a command reads from the process, gathered once so tests can hand in their own. */
export interface CommandContext {
  io: IOStreams;
  env: Environment;
  home: string | undefined;
}

/**
 * The base of every OneKit command. A command parses its flags, calls a library function
 * and returns the result; OneCommand prints it (text for people, --json, and -y/-x where the
 * command offers them) and turns any failure into a message on stderr and an exit status
 * (see exit/exit-status.ts). Life cycle: context → init → run → print, or catch.
 */
export abstract class OneCommand<Result = unknown> extends Command {
  static override baseFlags = outputFlags;

  protected io!: IOStreams;
  protected env!: Environment;
  protected home: string | undefined;
  /** Set by a command that printed a result but must still fail (e.g. a check found errors). */
  protected exitStatus = 0;
  private flagValues: Record<string, unknown> = {};
  private lazyPrompter: Prompter | undefined;

  abstract override run(): Promise<Result>;

  /** The process's streams, environment and home directory. Tests override this. */
  protected createContext(): CommandContext {
    return { io: ioFromProcess(process), env: process.env, home: homedir() || undefined };
  }

  /** Questions for a person, drawn on stderr; loaded on first use. */
  protected get prompter(): Prompter {
    this.lazyPrompter ??= inquirerPrompter(this.io);
    return this.lazyPrompter;
  }

  /** Endpoint and credentials from the `apiFlags` values, the environment and the files. */
  protected api(flags: ApiFlagValues): ApiSettings {
    return apiSettings({
      flags,
      env: this.env,
      home: this.home,
      io: this.io,
      prompter: this.prompter,
    });
  }

  /**
   * The result as text for people. Strings print as they are; other values as JSON. May be
   * async, so that a renderer is imported only when text is asked for.
   */
  protected renderText(result: Result): string | Promise<string> {
    return typeof result === 'string' ? result : toJson(result);
  }

  /** The result as an OpenNebula XML document, for commands that offer -x. */
  protected renderXml(_result: Result): string {
    throw new OneKitError('FLAG_INVALID', `${this.id ?? 'this command'} has no XML form`, {
      field: 'xml',
    });
  }

  protected override async parse<
    F extends ParsedValues,
    B extends ParsedValues,
    A extends ParsedValues,
  >(
    options?: Interfaces.Input<F, B, A>,
    argv: string[] = this.argv,
  ): Promise<Interfaces.ParserOutput<F, B, A>> {
    const parsed = await super.parse(options, markBareExpand(argv));
    this.flagValues = parsed.flags;
    if (parsed.flags['no-color']) this.io.disableColor();
    return parsed;
  }

  protected override async _run<T>(): Promise<T> {
    const context = this.createContext();
    this.io = context.io;
    this.env = context.env;
    this.home = context.home;
    let result: Result | undefined;
    try {
      await this.init();
      result = await this.run();
      await this.print(result);
      if (this.exitStatus !== 0) throw new ReportedError(this.exitStatus);
    } catch (err) {
      await this.catch(err as Error);
    } finally {
      await this.finally(undefined);
    }
    return result as T;
  }

  protected override async catch(err: Error): Promise<never> {
    if (err instanceof ReportedError) throw err;
    const status = exitStatusFor(err);
    if (status !== 0 && (err as { code?: unknown }).code !== 'EEXIT') {
      const text = this.wantsJson()
        ? toJson(failureJson(err))
        : formatFailure(err, { bin: this.config.bin, debug: Boolean(this.env['DEBUG']) });
      this.io.err(text);
    }
    throw new ReportedError(status, { cause: err });
  }

  private async print(result: Result): Promise<void> {
    if (result === undefined) return;
    switch (outputFormat(this.flagValues)) {
      case 'json':
        return this.io.out(toJson(result));
      case 'yaml':
        return this.io.out(await toYaml(result));
      case 'xml':
        return this.io.out(this.renderXml(result));
      case 'text':
        return this.io.out(await this.renderText(result));
    }
  }

  /** --json, also when parsing failed before the flags were known. */
  private wantsJson(): boolean {
    if ('json' in this.flagValues) return this.flagValues['json'] === true;
    const end = this.argv.indexOf('--');
    const flags = end === -1 ? this.argv : this.argv.slice(0, end);
    return flags.includes('--json') || flags.includes('-j');
  }
}
