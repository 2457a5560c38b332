/**
 * `npm run emulator -- [--port N] [--account ID:PASSCODE ...]`: runs the CleverTap emulator alone
 * and prints its URL; Ctrl-C stops it.
 */
import { parseArgs } from 'node:util';
import { startEmulator } from './emulator.ts';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '0' }, account: { type: 'string', multiple: true } },
});
const accounts = (values.account ?? ['W67-774-7Z5Z:local-passcode']).map((pair) => {
  const [id, passcode] = pair.split(':');
  return { id, passcode: passcode ?? '' };
});
const emulator = await startEmulator({ port: Number(values.port), accounts });
console.log(`CleverTap emulator: ${emulator.url}/`);
process.on('SIGINT', () => void emulator.close().then(() => process.exit(0)));
