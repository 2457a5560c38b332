import { readdirSync } from 'node:fs';
import path from 'node:path';

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.sfdx', '.sf', 'coverage', '__tests__']);

/** Every file under `dir` whose name satisfies `accept`, skipping tool and test folders. */
export function listFiles(dir: string, accept: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) out.push(...listFiles(full, accept));
    } else if (accept(entry.name)) {
      out.push(full);
    }
  }
  return out.sort();
}
