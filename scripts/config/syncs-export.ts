/**
 * `npm run syncs:export -- --target-org <alias|local> [--out file]`: the org's connections (never their
 * passcodes) with their syncs, field mappings and filters as one versioned JSON document, keys in a
 * fixed order and lists sorted by name, so it diffs well in git.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { connectionTo, resolveTarget } from '../lib/org-connection.ts';
import { runCommand } from '../org/command.ts';
import { exportConfig } from './config-commands.ts';

runCommand(async () => {
  const { values } = parseArgs({ options: { 'target-org': { type: 'string' }, out: { type: 'string' } } });
  const result = await exportConfig(connectionTo(resolveTarget(values['target-org'])));
  for (const p of result.problems)
    console.error(`warning: ${p.path} ${p.message} (an import of this file will refuse it)`);
  if (!values.out) {
    process.stdout.write(result.text);
    return 0;
  }
  writeFileSync(values.out, result.text);
  const syncs = result.document.connections.reduce((n, c) => n + c.syncs.length, 0);
  console.error(
    `Exported ${result.document.connections.length} connection(s) and ${syncs} sync(s) to ${values.out}. Passcodes are never exported.`,
  );
  return 0;
});
