/**
 * `npm run local-org -- [--org-port N] [--emulator-port N]`: the project's org (in memory for now:
 * no persistent store yet) with its callouts routed to the CleverTap emulator, one URL line per
 * service; Ctrl-C stops both.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator } from '../emulator/emulator.ts';
import { startOrgServer } from './org-server.ts';

const { values } = parseArgs({
  options: { 'org-port': { type: 'string', default: '0' }, 'emulator-port': { type: 'string', default: '0' } },
});
const emulator = await startEmulator({
  port: Number(values['emulator-port']),
  accounts: [{ id: 'W67-774-7Z5Z', passcode: 'local-passcode' }],
});
const org = await startOrgServer({
  root: path.resolve(import.meta.dirname, '..', '..', '..'),
  emulator,
  port: Number(values['org-port']),
});
console.log(`Org API:           ${org.url}/api/apex  (jobs: ${org.url}/api/jobs)`);
console.log(`CleverTap emulator: ${emulator.url}/`);
process.on('SIGINT', () => {
  void Promise.all([org.close(), emulator.close()]).then(() => process.exit(0));
});
