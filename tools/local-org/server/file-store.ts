/**
 * The local org's persistent store: one JSON snapshot of the org written after every committed
 * transaction, before the request that made it is answered. Written to a temporary file, flushed,
 * then renamed over the previous one: a crash mid-write leaves the last committed snapshot intact.
 * A lock file keeps a second `npm start` from opening the same store.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import type { OrgState } from '../../apex-runtime/src/org/persist.ts';
import type { JobRecord } from './org-server.ts';

export interface SavedOrg {
  org: OrgState;
  jobs: JobRecord[];
  /** Real time of the save, so the clock can account for the time the org was stopped. */
  savedAt: number;
}

/** Stores held by servers of this process (a lock file's pid cannot tell two of them apart). */
const HELD = new Map<string, string>();

export class FileStore {
  readonly dir: string;
  private readonly file: string;
  private readonly lockFile: string;

  constructor(dir: string) {
    this.dir = dir;
    this.file = path.join(dir, 'org.json');
    this.lockFile = path.join(dir, 'org.lock');
    mkdirSync(dir, { recursive: true });
  }

  load(): SavedOrg | undefined {
    if (!existsSync(this.file)) return undefined;
    return JSON.parse(readFileSync(this.file, 'utf8')) as SavedOrg;
  }

  save(saved: SavedOrg): void {
    const temp = `${this.file}.tmp`;
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, JSON.stringify(saved));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.file);
  }

  /** `--reset`: forget the org (the next start seeds a new one). */
  clear(): void {
    rmSync(this.file, { force: true });
    rmSync(`${this.file}.tmp`, { force: true });
  }

  /** Throws when another live server (in this process or another) holds the store. */
  assertFree(): void {
    if (HELD.has(this.lockFile))
      throw new Error(`The local org is already running at ${HELD.get(this.lockFile)}. Stop it first (Ctrl-C).`);
    const holder = lockHolder(this.dir);
    if (holder)
      throw new Error(`The local org is already running at ${holder.url} (pid ${holder.pid}). Stop it first (Ctrl-C).`);
  }

  /** Takes the store for this server; refuses when another live server holds it. */
  lock(url: string): void {
    this.assertFree();
    const fd = openSync(this.lockFile, 'w');
    writeSync(fd, JSON.stringify({ pid: process.pid, url }));
    closeSync(fd);
    HELD.set(this.lockFile, url);
  }

  unlock(): void {
    HELD.delete(this.lockFile);
    rmSync(this.lockFile, { force: true });
  }
}

/**
 * The live server holding the store in `dir` (another process, or a server of this one), or
 * undefined. Reads only: a CLI asks it to find a running org.
 */
export function lockHolder(dir: string): { pid: number; url: string } | undefined {
  const lockFile = path.join(dir, 'org.lock');
  const held = HELD.get(lockFile);
  if (held !== undefined) return { pid: process.pid, url: held };
  if (!existsSync(lockFile)) return undefined;
  const holder = JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number; url: string };
  return holder.pid !== process.pid && isAlive(holder.pid) ? holder : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
