/**
 * `npm run syncs:import -- --target-org <alias|local> --file f [--dry-run] [--connection name]
 *   [--replace-passcodes] [--no-prompt]`:
 * validates the file (every problem with its JSON path), checks it against the org's schema, prints
 * the plan, then applies it. Matching is by connection and sync name, so a second import of the same
 * file changes nothing. Passcodes come from CLEVERTAP_PASSCODE_<CONNECTION NAME> or a prompt.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { connectionTo, resolveTarget } from '../lib/org-connection.ts';
import { runCommand } from '../org/command.ts';
import { importConfig } from './config-commands.ts';
import { passcodesFromEnvironment, promptPasscode } from './passcodes.ts';

runCommand(async () => {
  const { values } = parseArgs({
    options: {
      'target-org': { type: 'string' },
      file: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'replace-passcodes': { type: 'boolean', default: false },
      'no-prompt': { type: 'boolean', default: false },
      connection: { type: 'string' },
    },
  });
  if (!values.file) throw new Error('Say which file: --file <path> (an export, or one of config/sync-templates/).');
  const text = readFileSync(values.file, 'utf8');
  const conn = connectionTo(resolveTarget(values['target-org']));
  const names = values.connection ? [values.connection] : connectionNames(text);
  const outcome = await importConfig(conn, text, {
    dryRun: values['dry-run'],
    replacePasscodes: values['replace-passcodes'],
    connectionName: values.connection,
    passcodes: passcodesFromEnvironment(names, process.env),
    askPasscode: values['no-prompt'] ? undefined : promptPasscode,
  });
  if (!outcome.ok) {
    const where = outcome.stage === 'file' ? values.file : `${values.file} (checked against ${values['target-org']})`;
    console.error(`${where} cannot be imported; nothing was changed:`);
    for (const p of outcome.problems) console.error(`  ${p.path} ${p.message}`);
    return 1;
  }
  console.log(outcome.planText);
  if (values['dry-run']) console.log('Dry run: nothing was changed.');
  else if (outcome.noop) console.log('The org already matches the file: nothing to do.');
  else if (outcome.applied)
    console.log(
      `Applied: ${outcome.applied.created} created, ${outcome.applied.updated} updated, ${outcome.applied.passcodesStored} passcode(s) stored.`,
    );
  return 0;
});

/** Connection names of the file, read loosely: validation proper happens in importConfig. */
function connectionNames(text: string): string[] {
  try {
    const doc = JSON.parse(text) as { connections?: { name?: unknown }[] };
    return (doc.connections ?? []).flatMap((c) => (typeof c.name === 'string' ? [c.name] : []));
  } catch {
    return [];
  }
}
