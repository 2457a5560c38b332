import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const SF_ENV = {
  SF_DISABLE_TELEMETRY: 'true',
  SF_AUTOUPDATE_DISABLE: 'true',
  SF_SKIP_NEW_VERSION_CHECK: 'true',
};

/** The pinned Salesforce CLI in node_modules. */
export function sfBin(): string {
  return path.resolve(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'sf');
}

/** Runs the pinned Salesforce CLI with telemetry and update checks off. */
export function runSf(args: string[], cwd = process.cwd()): number {
  const run = spawnSync(sfBin(), args, { cwd, stdio: 'inherit', env: { ...process.env, ...SF_ENV } });
  if (run.error) throw run.error;
  return run.status ?? 1;
}

/** The value of `--flag value` in argv, if present. */
export function flagValue(argv: string[], flag: string): string | undefined {
  const index = argv.indexOf(flag);
  return index >= 0 ? argv[index + 1] : undefined;
}

export const PACKAGE_DIRS = {
  core: 'force-app/core',
  quotes: 'force-app/quotes',
  'field-service': 'force-app/field-service',
  orders: 'force-app/orders',
} as const;

export type PackageName = keyof typeof PACKAGE_DIRS;

/** `--packages core,quotes` → package directories; core only by default (it installs in any org). */
export function selectedPackageDirs(argv: string[]): string[] {
  const names = (flagValue(argv, '--packages') ?? 'core').split(',').filter(Boolean);
  return names.map((name) => {
    if (!(name in PACKAGE_DIRS))
      throw new Error(`Unknown package "${name}". Use: ${Object.keys(PACKAGE_DIRS).join(', ')}`);
    return PACKAGE_DIRS[name as PackageName];
  });
}

/** `--target-org <alias>` passed through; without it the CLI uses its default org. */
export function targetOrgArgs(argv: string[]): string[] {
  const org = flagValue(argv, '--target-org');
  return org ? ['--target-org', org] : [];
}
