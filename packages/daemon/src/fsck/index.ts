export * from './find-problems.js';
export * from './fsck-database.js';
export type { FsckProblem } from './fsck-problem.js';
