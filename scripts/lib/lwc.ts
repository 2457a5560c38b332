import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { listFiles } from './files.ts';
import { readProject } from './project.ts';

/** One Lightning web component bundle folder. */
export interface LwcBundle {
  name: string;
  dir: string;
}

/** Every LWC bundle in the project's package directories. */
export function listLwcBundles(root: string): LwcBundle[] {
  const metaFiles = readProject(root).packageDirs.flatMap((dir) =>
    existsSync(dir) ? listFiles(dir, (name) => name.endsWith('.js-meta.xml')) : [],
  );
  return metaFiles
    .filter((file) => path.basename(path.dirname(path.dirname(file))) === 'lwc')
    .map((file) => ({ name: path.basename(path.dirname(file)), dir: path.dirname(file) }));
}

/** The TypeScript sources of a bundle, tests excluded. */
export function bundleSources(bundle: LwcBundle): string[] {
  return readdirSync(bundle.dir)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map((name) => path.join(bundle.dir, name));
}
