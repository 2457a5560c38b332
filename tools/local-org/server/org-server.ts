/**
 * The local org's HTTP server (first part of slice 2): one long-lived LocalOrg, its callouts routed
 * to the CleverTap emulator, and `POST /api/apex` (the Aura bridge). Each request is one transaction;
 * async work queued by it runs after the answer is sent.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LocalOrg, type AsyncRun } from '../../apex-runtime/src/api.ts';
import type { Emulator } from '../emulator/emulator.ts';
import { callApex, type BridgeRequest } from './aura-bridge.ts';
import { cleverTapRouter } from './callout-router.ts';

export interface OrgServer {
  url: string;
  org: LocalOrg;
  /** Every async transaction's outcome, newest last (the Apex Jobs page reads `GET /api/jobs`). */
  jobs: JobRecord[];
  /** Settles once the async work queued so far has run. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface JobRecord extends AsyncRun {
  finishedAt: string;
}

export async function startOrgServer(options: {
  root: string;
  emulator: Pick<Emulator, 'answer'>;
  port?: number;
}): Promise<OrgServer> {
  const org = new LocalOrg(options.root);
  org.routeCallouts(cleverTapRouter(options.emulator));
  const jobs: JobRecord[] = [];
  org.onAsyncRun((run) => jobs.push({ ...run, finishedAt: new Date().toISOString() }));
  let background = Promise.resolve();
  const drainLater = (): void => {
    background = background.then(
      () =>
        new Promise<void>((resolve) =>
          setImmediate(() => {
            try {
              org.drain();
            } catch (error) {
              // A job's unhandled exception is recorded on its run; the org goes on, as a real one does.
              console.error(`async job failed: ${String(error)}`);
            }
            resolve();
          }),
        ),
    );
  };
  const route = (method: string, url: URL, input: unknown): { status: number; body: unknown } => {
    if (method === 'POST' && url.pathname === '/api/apex') {
      if (input === undefined) return { status: 400, body: { ok: false, message: 'The body is not JSON.' } };
      return callApex(org, input as BridgeRequest);
    }
    if (method === 'GET' && url.pathname === '/api/jobs') {
      return { status: 200, body: { ok: true, value: [...jobs].reverse() } };
    }
    return { status: 404, body: { ok: false, message: 'Not found' } };
  };
  const server = createServer((req, res) => {
    void readJson(req).then((input) => {
      const url = new URL(req.url ?? '/', 'http://org');
      const answer = route(req.method ?? 'GET', url, input);
      res.writeHead(answer.status, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(answer.body));
      drainLater();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, org, jobs, idle: () => background, close: () => closeServer(server) };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        resolve(undefined);
      }
    });
  });
}
