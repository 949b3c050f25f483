#!/usr/bin/env node
// Reads the process's inputs once and hands them to the daemon command.
import { homedir } from 'node:os';
import { runDaemonCommand } from '../dist/process/index.js';

const stopRequested = new Promise((resolve) => {
  for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => resolve(signal));
});

process.exitCode = await runDaemonCommand({
  argv: process.argv.slice(2),
  env: process.env,
  home: homedir(),
  pid: process.pid,
  stdout: process.stdout,
  stderr: process.stderr,
  stopRequested,
});
// Signal listeners and idle handles must not keep a stopped daemon alive.
process.exit();
