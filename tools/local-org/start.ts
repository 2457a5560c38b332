/**
 * `npm start -- [--port N] [--emulator-port N] [--reset] [--clock-speed N] [--watch] [--data-dir D]`:
 * builds the page, starts the CleverTap emulator and the org (persistent store under `--data-dir`,
 * default `tools/local-org/data`), prints one line per service, and stops both cleanly on Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_DATA_DIR, DEMO_ACCOUNT, startLocalOrg, type RunningLocalOrg } from './local-org.ts';
import { LOCAL_PASSWORD, sessionFile } from './session.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'emulator-port': { type: 'string', default: '0' },
    reset: { type: 'boolean', default: false },
    'clock-speed': { type: 'string', default: '1' },
    watch: { type: 'boolean', default: false },
    'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
  },
});

function numberOption(name: string, min: number): number {
  const text = values[name as 'port'];
  const n = Number(text);
  if (!Number.isFinite(n) || n < min) {
    console.error(`--${name} must be a number of at least ${min} (got ${String(text)}).`);
    process.exit(2);
  }
  return n;
}

const clockSpeed = numberOption('clock-speed', 0.001);
const started = Date.now();
let running: RunningLocalOrg;
try {
  running = await startLocalOrg({
    port: numberOption('port', 0),
    emulatorPort: numberOption('emulator-port', 0),
    dataDir: values['data-dir'],
    reset: values.reset,
    clockSpeed,
    watch: values.watch,
    onRebuild: () => console.log(`Page rebuilt at ${new Date().toLocaleTimeString()}: reload the browser.`),
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
const ready = (Date.now() - started) / 1000 - running.buildSeconds;
console.log(`Local org:           ${running.url}/  (as Local Admin; switch user in the header)`);
console.log(
  `CleverTap emulator:  ${running.emulatorUrl}/  (account ${DEMO_ACCOUNT.id}, passcode ${DEMO_ACCOUNT.passcode})`,
);
console.log(
  `REST API:            instanceUrl ${running.server.session.instanceUrl}  (jsforce; users' password ${LOCAL_PASSWORD})`,
);
console.log(
  `Access token:        ${running.server.session.accessToken}  (${running.server.session.username}; also in ${sessionFile(values['data-dir'])})`,
);
console.log(
  `Page built in ${running.buildSeconds.toFixed(1)} s, org ready ${ready.toFixed(1)} s later; store ${values['data-dir']}` +
    `${clockSpeed === 1 ? '' : `; clock x${clockSpeed}`}${values.watch ? '; watching sources' : ''}. Ctrl-C stops.`,
);

let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  console.log('Stopping: finishing the work in progress and saving the org...');
  void running.close().then(() => process.exit(0));
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
