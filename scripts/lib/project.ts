import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The parts of sfdx-project.json the gates and tools need. */
export interface SfdxProject {
  root: string;
  /** Absolute paths of every package directory, in declaration order. */
  packageDirs: string[];
  sourceApiVersion: string;
}

interface SfdxProjectJson {
  packageDirectories: { path: string }[];
  sourceApiVersion: string;
}

export function readProject(root: string): SfdxProject {
  const raw = JSON.parse(readFileSync(path.join(root, 'sfdx-project.json'), 'utf8')) as SfdxProjectJson;
  return {
    root,
    packageDirs: raw.packageDirectories.map((dir) => path.resolve(root, dir.path)),
    sourceApiVersion: raw.sourceApiVersion,
  };
}
