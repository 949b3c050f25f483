export * from './flag-or-prompt.js';
export * from './inquirer-prompter.js';
export * from './prompter.js';
export * from './scripted-prompter.js';
