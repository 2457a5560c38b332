import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { z } from 'zod';

export const SF_ENV = {
  SF_DISABLE_TELEMETRY: 'true',
  SF_AUTOUPDATE_DISABLE: 'true',
  SF_SKIP_NEW_VERSION_CHECK: 'true',
};

/** The pinned Salesforce CLI in node_modules. */
export function sfBin(): string {
  return path.resolve(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'sf');
}

/**
 * `show`: the CLI prints to the terminal as it goes (deploys, test runs, where its own report is the
 * best one); `capture`: its stdout is returned, for `--json` answers a command reads.
 */
export type SfMode = 'show' | 'capture';

export interface SfOutput {
  status: number;
  /** Empty in `show` mode. */
  stdout: string;
}

/** Runs the Salesforce CLI with these arguments. Injected, so tests check the exact commands without an org. */
export type SfRunner = (args: readonly string[], mode: SfMode) => SfOutput;

/** The pinned Salesforce CLI from node_modules, telemetry and update checks off. */
export function spawnSf(cwd = process.cwd()): SfRunner {
  return (args, mode) => {
    const run = spawnSync(sfBin(), args, {
      cwd,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      // No stdin when capturing: a command that would prompt fails instead of waiting unseen.
      stdio: mode === 'show' ? 'inherit' : ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...SF_ENV },
    });
    if (run.error) throw run.error;
    return { status: run.status ?? 1, stdout: run.stdout ?? '' };
  };
}

/** Runs the pinned Salesforce CLI with its output on the terminal; returns its exit status. */
export function runSf(args: string[], cwd = process.cwd()): number {
  return spawnSf(cwd)(args, 'show').status;
}

/** What a `--json` command printed: `status` 0 and its `result`, or its error's `name` and `message`. */
export interface SfJson {
  status: number;
  result?: unknown;
  name?: string;
  message?: string;
  /** Details some errors carry (`sf apex run`'s exception, for one). */
  data?: unknown;
}

const SfJsonShape = z.object({
  status: z.number(),
  result: z.unknown().optional(),
  name: z.string().optional(),
  message: z.string().optional(),
  data: z.unknown().optional(),
});

/** Runs `sf <args> --json` and reads its answer; output that is not the CLI's JSON becomes an error answer. */
export function sfJson(sf: SfRunner, args: readonly string[]): SfJson {
  const output = sf([...args, '--json'], 'capture');
  const text = output.stdout.trim();
  try {
    // Anything printed before the JSON (a Node warning, say) is skipped.
    const parsed = SfJsonShape.safeParse(JSON.parse(text.slice(Math.max(0, text.indexOf('{')))));
    if (parsed.success) return { ...parsed.data, status: parsed.data.status || output.status };
  } catch {
    // fall through: not JSON
  }
  const shown = text.length > 300 ? `${text.slice(0, 300)}…` : text;
  return {
    status: output.status || 1,
    name: 'NoJsonOutput',
    message: `sf answered without JSON: ${shown || '(nothing)'}`,
  };
}

/** Reads a `--json` command's result with its expected shape; undefined when it has another shape. */
export function sfResult<T>(answer: SfJson, shape: z.ZodType<T>): T | undefined {
  const parsed = shape.safeParse(answer.result);
  return parsed.success ? parsed.data : undefined;
}

/** The value of `--flag value` in argv, if present. */
export function flagValue(argv: string[], flag: string): string | undefined {
  const index = argv.indexOf(flag);
  return index >= 0 ? argv[index + 1] : undefined;
}

/** `--target-org <alias>` passed through; without it the CLI uses its default org. */
export function targetOrgArgs(argv: string[]): string[] {
  const org = flagValue(argv, '--target-org');
  return org ? ['--target-org', org] : [];
}

/** `['--target-org', org]`, or nothing for the CLI's default org. */
export const orgArgs = (org: string | undefined): string[] => (org ? ['--target-org', org] : []);

/** `['--target-dev-hub', hub]`, or nothing for the CLI's default Dev Hub. */
export const devHubArgs = (hub: string | undefined): string[] => (hub ? ['--target-dev-hub', hub] : []);

/**
 * What to do when a command that needs a Dev Hub was refused for lack of one (the CLI checks its
 * `--target-dev-hub` before anything else); undefined for any other failure.
 */
export function devHubTrouble(answer: SfJson, hub: string | undefined): string | undefined {
  const login = `npx sf org login web --alias ${hub ?? 'devhub'} --set-default-dev-hub`;
  switch (answer.name) {
    case 'NoDefaultDevHubError':
      return `No Dev Hub is authorised as the CLI's default. Log in to your Dev Hub and make it the default: ${login} — or pass --dev-hub <alias>.`;
    case 'NamedOrgNotFoundError':
      return `No org "${hub ?? ''}" is authorised in the Salesforce CLI. Log in to your Dev Hub: ${login}`;
    case 'NotADevHubError':
      return (
        `"${hub ?? 'The default Dev Hub'}" is not a Dev Hub. Turn on Setup → Dev Hub → Enable Dev Hub in that org, ` +
        'or pass --dev-hub <alias> of your Dev Hub.'
      );
    default:
      return undefined;
  }
}
