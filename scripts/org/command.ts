// What the org commands (deploy, org:scratch, package:version) share: the context they run in,
// which tests replace to check the exact `sf` commands without an org, their flag parsing and
// how a failed step ends the command.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { buildLwc } from '../build-lwc.ts';
import { spawnSf, type SfRunner } from './sf.ts';

/** A step failed. The message says what failed and what to do; the command prints it and exits 1. */
export class OrgCommandError extends Error {
  override name = 'OrgCommandError';
}

export interface OrgContext {
  sf: SfRunner;
  /** The project's offline gate, `npm test`; returns its exit status. */
  runChecks: () => number;
  /** Emits the LWC JavaScript (only emitted .js is deployed or packaged). */
  buildLwc: () => void;
  log: (line: string) => void;
  /** The project root: sfdx-project.json, config/ and the package directories are read from here. */
  root: string;
  env: Readonly<Record<string, string | undefined>>;
}

/** The context of a command run from the terminal: the real CLI, npm and console. */
export function realContext(root = process.cwd()): OrgContext {
  return {
    sf: spawnSf(root),
    runChecks: () => spawnSync('npm', ['test'], { cwd: root, stdio: 'inherit' }).status ?? 1,
    buildLwc: () => void buildLwc(root),
    log: (line) => console.log(line),
    root,
    env: process.env,
  };
}

type FlagSpec = Record<string, { type: 'string' | 'boolean' }>;
type FlagValues<T extends FlagSpec> = {
  [K in keyof T]?: T[K]['type'] extends 'string' ? string : boolean;
};

/** `--flag value` options of a command; an unknown flag or a stray word is refused with the usage. */
export function parseFlags<T extends FlagSpec>(argv: readonly string[], spec: T, usage: string): FlagValues<T> {
  try {
    return parseArgs({ args: [...argv], options: spec, strict: true, allowPositionals: false }).values as FlagValues<T>;
  } catch (error) {
    throw new OrgCommandError(`${error instanceof Error ? error.message : String(error)}\nUsage: ${usage}`);
  }
}

/** True when `moduleUrl` is the script node was started with (not a test importing it). */
export const isMain = (moduleUrl: string): boolean => moduleUrl === pathToFileURL(process.argv[1] ?? '').href;

/**
 * Runs a command (org commands and the config-as-code ones): its number, if any, is the exit code; a
 * failure prints its message and sets exit code 1. A failed step's message is the help, so no stack;
 * other errors (a refused API call, a network failure) show theirs with DEBUG=1.
 */
export function runCommand(run: () => number | void | Promise<number | void>): void {
  const fail = (error: unknown): void => {
    if (error instanceof OrgCommandError) console.error(`\n✖ ${error.message}`);
    else
      console.error(
        process.env.DEBUG && error instanceof Error
          ? error.stack
          : error instanceof Error
            ? error.message
            : String(error),
      );
    process.exitCode = 1;
  };
  try {
    const outcome = run();
    if (outcome instanceof Promise)
      outcome.then((code) => void (typeof code === 'number' && (process.exitCode = code)), fail);
    else if (typeof outcome === 'number') process.exitCode = outcome;
  } catch (error) {
    fail(error);
  }
}
