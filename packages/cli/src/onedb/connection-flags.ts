import { Flags } from '@oclif/core';

// onedb's connection options, on every onedb command, with oned's onedb letters. Without
// any of them, the DB section of oned.conf decides.

const helpGroup = 'DATABASE';

export const connectionFlags = {
  sqlite: Flags.string({
    char: 's',
    description: 'SQLite database file (selects SQLite).',
    helpValue: 'FILE',
    helpGroup,
  }),
  type: Flags.option({
    char: 't',
    description:
      'Backend type. Default: mysql when a MySQL option is given, else DB/BACKEND of oned.conf.',
    options: ['sqlite', 'mysql'] as const,
    helpGroup,
  })(),
  server: Flags.string({
    char: 'S',
    description: 'MySQL server hostname or IP. Default: localhost.',
    helpValue: 'HOST',
    helpGroup,
  }),
  port: Flags.integer({
    char: 'P',
    description: 'MySQL server port. Default: 3306.',
    helpValue: 'PORT',
    min: 0,
    max: 65535,
    helpGroup,
  }),
  username: Flags.string({
    char: 'u',
    description: 'MySQL username.',
    helpValue: 'USER',
    helpGroup,
  }),
  password: Flags.string({
    char: 'p',
    description:
      'MySQL password. Default: ONE_DB_PASSWORD, else asked for when running on a terminal.',
    helpValue: 'PASSWORD',
    helpGroup,
  }),
  dbname: Flags.string({
    char: 'd',
    description: 'MySQL database name.',
    helpValue: 'NAME',
    helpGroup,
  }),
};

export interface ConnectionFlagValues {
  sqlite?: string;
  type?: 'sqlite' | 'mysql';
  server?: string;
  port?: number;
  username?: string;
  password?: string;
  dbname?: string;
}
