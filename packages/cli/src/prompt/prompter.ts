// What a command may ask a person. Commands depend on this interface (often on a Pick of
// it), never on the prompt library, so tests script the answers.

export interface InputOptions {
  default?: string;
  /** true when acceptable, else the message shown before asking again. */
  validate?: (value: string) => true | string;
}

export interface Choice<T extends string> {
  value: T;
  name?: string;
  description?: string;
}

export interface Prompter {
  input(message: string, options?: InputOptions): Promise<string>;
  password(message: string): Promise<string>;
  confirm(message: string, options?: { default?: boolean }): Promise<boolean>;
  select<T extends string>(
    message: string,
    choices: readonly Choice<T>[],
    options?: { default?: T },
  ): Promise<T>;
}
