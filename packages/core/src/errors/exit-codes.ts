// Exit statuses of every OneKit executable, in one place (man pages and README list them).
export const exitCodes = {
  /** The command did what was asked. */
  OK: 0,
  /** The command failed: bad input, an unreachable server, a failed step. */
  ERROR: 1,
  /** The user declined a confirmation or interrupted a prompt. */
  CANCELLED: 2,
  /** The OpenNebula API refused the call; upstream CLIs exit -1, which the shell sees as 255. */
  ONE_ERROR: 255,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];
