/**
 * How a client reaches a running local org's REST API: the server writes an admin session
 * (`session.json`, beside the store) when it starts and removes it when it stops; a CLI given
 * `--target-org local` reads it and connects with jsforce as to any org:
 * `new Connection({ instanceUrl, accessToken, version: '62.0' })`.
 * Light on purpose: importing it does not load the runtime or the page build.
 */
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lockHolder } from './server/file-store.ts';

export const DEFAULT_DATA_DIR = path.join(import.meta.dirname, 'data');

/** The password of every seeded user of the local org (for the OAuth 2.0 username-password flow). */
export const LOCAL_PASSWORD = 'local-password';

/** The local org's one connected app, for jsforce's `new Connection({ oauth2: { loginUrl, ...LOCAL_OAUTH_CLIENT } })`. */
export const LOCAL_OAUTH_CLIENT = { clientId: 'clevertap-import-local', clientSecret: 'local-secret' } as const;

/** The demo CleverTap account the emulator knows from the start (the README's setup uses it). */
export const DEMO_ACCOUNT = { id: 'W67-774-7Z5Z', passcode: 'local-passcode' };

export interface LocalSession {
  /** The org's URL: the REST API is under `/services/data/vNN.N/`. */
  instanceUrl: string;
  /** A session of the admin user, valid while that server runs. */
  accessToken: string;
  username: string;
  /** The CleverTap emulator the org's callouts reach, when it has one (`npm run smoke` reads profiles there). */
  emulatorUrl?: string;
}

const SESSION_FILE = 'session.json';

/** Where the server writes its admin session. */
export function sessionFile(dataDir: string): string {
  return path.join(dataDir, SESSION_FILE);
}

export function writeLocalSession(dataDir: string, session: LocalSession): void {
  const file = sessionFile(dataDir);
  writeFileSync(file, `${JSON.stringify(session, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

export function removeLocalSession(dataDir: string): void {
  rmSync(sessionFile(dataDir), { force: true });
}

/**
 * The admin session of the local org running on `dataDir` (default: `LOCAL_ORG_DATA_DIR`, else the
 * default store, as `npm start` uses it); throws when none runs there.
 */
export function readLocalSession(dataDir = process.env.LOCAL_ORG_DATA_DIR || DEFAULT_DATA_DIR): LocalSession {
  const holder = existsSync(dataDir) ? lockHolder(dataDir) : undefined;
  const file = sessionFile(dataDir);
  if (!holder || !existsSync(file)) throw new Error('No local org is running: start one with npm start');
  const session = JSON.parse(readFileSync(file, 'utf8')) as LocalSession;
  // A session left by an earlier run names another server: the running one has not written its own yet.
  if (session.instanceUrl !== holder.url)
    throw new Error(`The local org at ${holder.url} has not written its session yet: try again in a moment`);
  return session;
}
