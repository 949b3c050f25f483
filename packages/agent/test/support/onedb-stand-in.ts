// Stands in for `onedb` until OneKit ships its own: `backup` writes a dump named after its
// arguments and says where, as onedb does; `restore` records its arguments; `--fail`
// fails.
export const onedbStandIn = `#!${process.execPath}
const { writeFileSync, appendFileSync } = require('node:fs');
const { join } = require('node:path');
const root = join(__dirname, '..');
const [command, ...args] = process.argv.slice(2);
if (args.includes('--fail')) { console.error('onedb: asked to fail'); process.exit(1); }
if (command === 'backup') {
  const file = join(root, 'var', 'one.db_test.bck');
  writeFileSync(file, JSON.stringify(args));
  console.log('Sqlite database backup stored in ' + file);
  console.log("Use 'onedb restore' to restore the DB.");
} else if (command === 'restore') {
  appendFileSync(join(root, 'var', 'onedb-restore.log'), JSON.stringify(args) + '\\n');
  console.log('Sqlite database backup restored');
} else { console.error('onedb: unknown command ' + command); process.exit(1); }
`;
