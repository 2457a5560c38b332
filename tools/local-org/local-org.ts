/**
 * The whole local org as one service: the page's build, the CleverTap emulator and the org server.
 * `npm start` (start.ts) and the browser tests (e2e/) start it through here.
 */
import path from 'node:path';
import { buildClient } from './client/build.ts';
import { startEmulator, type Emulator } from './emulator/emulator.ts';
import { FileStore } from './server/file-store.ts';
import { startOrgServer, type OrgServer } from './server/org-server.ts';
import { serveStatic } from './server/static.ts';
import { DEFAULT_DATA_DIR, DEMO_ACCOUNT } from './session.ts';

export { DEFAULT_DATA_DIR, DEMO_ACCOUNT };

export const CLIENT_DIST = path.join(import.meta.dirname, 'client', 'dist');

export interface LocalOrgOptions {
  port?: number;
  emulatorPort?: number;
  dataDir?: string;
  reset?: boolean;
  seed?: boolean;
  clockSpeed?: number;
  /** Build the page first (default true); `watch` keeps rebuilding on source changes. */
  build?: boolean;
  watch?: boolean;
  onRebuild?: () => void;
}

export interface RunningLocalOrg {
  url: string;
  emulatorUrl: string;
  server: OrgServer;
  emulator: Emulator;
  /** Seconds the page build took (0 when not built). */
  buildSeconds: number;
  close(): Promise<void>;
}

export async function startLocalOrg(options: LocalOrgOptions = {}): Promise<RunningLocalOrg> {
  const started = Date.now();
  // Refuse a second org on the same store before spending the build on it.
  new FileStore(options.dataDir ?? DEFAULT_DATA_DIR).assertFree();
  const client =
    options.build === false
      ? { close: async () => undefined }
      : await buildClient({ outDir: CLIENT_DIST, watch: options.watch, onRebuild: options.onRebuild });
  const buildSeconds = options.build === false ? 0 : (Date.now() - started) / 1000;
  const emulator = await startEmulator({ port: options.emulatorPort ?? 0, accounts: [DEMO_ACCOUNT] });
  let server: OrgServer;
  try {
    server = await startOrgServer({
      root: path.resolve(import.meta.dirname, '..', '..'),
      emulator,
      port: options.port ?? 0,
      dataDir: options.dataDir ?? DEFAULT_DATA_DIR,
      reset: options.reset,
      seed: options.seed,
      clockSpeed: options.clockSpeed,
      serveStatic: (req, res) => serveStatic(req, res, CLIENT_DIST),
    });
  } catch (error) {
    await Promise.all([emulator.close(), client.close()]);
    throw error;
  }
  return {
    url: server.url,
    emulatorUrl: emulator.url,
    server,
    emulator,
    buildSeconds,
    close: async () => {
      await server.close();
      await Promise.all([emulator.close(), client.close()]);
    },
  };
}
