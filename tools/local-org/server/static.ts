/**
 * Serves the local org's page: the built files, SLDS under `/assets/`, and `index.html` for every
 * other path so a deep link (`/lightning/n/CleverTap_Settings`) opens the page and its router.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const SLDS_ASSETS = path.resolve(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'node_modules',
  '@salesforce-ux',
  'design-system',
  'assets',
);
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
};

export function serveStatic(req: IncomingMessage, res: ServerResponse, dir: string): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://page').pathname);
  const [base, rest] = pathname.startsWith('/assets/')
    ? [SLDS_ASSETS, pathname.slice('/assets/'.length)]
    : [dir, pathname.slice(1)];
  const file = path.resolve(base, rest);
  // Never outside the served folders.
  if (!file.startsWith(base + path.sep)) return send(res, path.join(dir, 'index.html'));
  if (existsSync(file) && statSync(file).isFile()) return send(res, file);
  if (pathname.startsWith('/assets/') || path.extname(pathname) !== '') {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    return true;
  }
  return send(res, path.join(dir, 'index.html'));
}

function send(res: ServerResponse, file: string): boolean {
  if (!existsSync(file)) {
    res
      .writeHead(503, { 'Content-Type': 'text/plain' })
      .end('The page is not built yet: run npm start (or npm run build:client).');
    return true;
  }
  res.writeHead(200, {
    'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Cache-Control': 'no-cache',
  });
  createReadStream(file).pipe(res);
  return true;
}
