// `npm run org:scratch -- [--alias name] [--duration-days 7] [--packages core,...] [--dev-hub alias]`
// A ready-to-use scratch org: created from the definition that enables the chosen extensions'
// features, the packages deployed (deploy's own steps: feature check, deploy, CleverTap_Admin,
// background jobs), sample records loaded, and a way in printed. A missing Dev Hub is refused by
// the CLI before anything is created; the message says how to authorise one.
import { z } from 'zod';
import { isMain, OrgCommandError, type OrgContext, parseFlags, realContext, runCommand } from './command.ts';
import { deployToOrg } from './deploy.ts';
import {
  PACKAGE_NAMES,
  type PackageName,
  parsePackageList,
  readPackagingProject,
  scratchDefinitionFile,
} from './packages.ts';
import { devHubArgs, devHubTrouble, sfJson, sfResult } from './sf.ts';

export const SCRATCH_USAGE =
  'npm run org:scratch -- [--alias <name>] [--duration-days 1-30] [--packages core,quotes,field-service,orders] [--dev-hub <alias>]';
export const DEFAULT_SCRATCH_ALIAS = 'clevertap-scratch';
export const DEFAULT_DURATION_DAYS = 7;
export const SAMPLE_DATA_PLAN = 'config/sample-data/sample-data-plan.json';

export interface ScratchOptions {
  alias: string;
  durationDays: number;
  /** Always includes core: a new org has nothing the extensions could depend on. */
  packages: PackageName[];
  /** Alias or username of the Dev Hub; undefined uses the CLI's default Dev Hub. */
  devHub?: string;
}

export function scratchCommand(ctx: OrgContext, argv: readonly string[]): void {
  const flags = parseFlags(
    argv,
    {
      alias: { type: 'string' },
      'duration-days': { type: 'string' },
      packages: { type: 'string' },
      'dev-hub': { type: 'string' },
    },
    SCRATCH_USAGE,
  );
  const selected = parsePackageList(flags.packages, ['core']);
  createScratchOrg(ctx, {
    alias: parseAlias(flags.alias),
    durationDays: parseDurationDays(flags['duration-days']),
    packages: PACKAGE_NAMES.filter((name) => name === 'core' || selected.includes(name)),
    devHub: flags['dev-hub'],
  });
}

/** Scratch orgs live 1 to 30 days. */
export function parseDurationDays(value: string | undefined): number {
  if (value === undefined) return DEFAULT_DURATION_DAYS;
  const days = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(days >= 1 && days <= 30)) {
    throw new OrgCommandError(`--duration-days must be a whole number of days from 1 to 30, not "${value}".`);
  }
  return days;
}

/** The alias is passed to later commands unquoted by users: keep it to one shell word. */
function parseAlias(value: string | undefined): string {
  if (value === undefined) return DEFAULT_SCRATCH_ALIAS;
  if (!/^[\w.@-]+$/.test(value)) {
    throw new OrgCommandError(`--alias takes letters, digits, ".", "_", "-" and "@" only, not "${value}".`);
  }
  return value;
}

export function createScratchOrg(ctx: OrgContext, options: ScratchOptions): void {
  const definition = scratchDefinitionFile(readPackagingProject(ctx.root), options.packages);
  createOrg(ctx, options, definition);
  try {
    deployToOrg(ctx, { targetOrg: options.alias, packages: options.packages });
  } catch (error) {
    if (!(error instanceof OrgCommandError)) throw error;
    throw new OrgCommandError(
      `${error.message}\nThe scratch org "${options.alias}" is kept. Once fixed, run ` +
        `npm run deploy -- --target-org ${options.alias} --packages ${options.packages.join(',')}, then ` +
        `${importCommand(options.alias)} for the sample data; or delete the org with ` +
        `npx sf org delete scratch --target-org ${options.alias} --no-prompt.`,
    );
  }
  seedSampleData(ctx, options.alias);
  printWayIn(ctx, options.alias);
}

const CreatedOrg = z.object({ username: z.string(), orgId: z.string().optional() });

function createOrg(ctx: OrgContext, { alias, durationDays, devHub }: ScratchOptions, definition: string): void {
  ctx.log(`Creating scratch org "${alias}" from ${definition} for ${durationDays} day(s) (a few minutes) …`);
  const answer = sfJson(ctx.sf, [
    'org',
    'create',
    'scratch',
    '--definition-file',
    definition,
    '--alias',
    alias,
    '--duration-days',
    String(durationDays),
    '--wait',
    '30',
    ...devHubArgs(devHub),
  ]);
  const noHub = devHubTrouble(answer, devHub);
  if (noHub) throw new OrgCommandError(`${noHub}\nNothing was created.`);
  const created = answer.status === 0 ? sfResult(answer, CreatedOrg) : undefined;
  if (!created) {
    throw new OrgCommandError(
      `Creating the scratch org failed: ${answer.message ?? 'unexpected answer'}\n` +
        'Nothing else was done. Check the Dev Hub (its daily and active scratch org limits, Setup → Dev Hub) and run the command again.',
    );
  }
  ctx.log(`✓ Scratch org "${alias}" created: ${created.username}`);
}

const importCommand = (alias: string): string =>
  `npx sf data import tree --plan ${SAMPLE_DATA_PLAN} --target-org ${alias}`;

const ImportedRecords = z.array(z.object({ refId: z.string(), type: z.string(), id: z.string() }));

/** A few related Leads, Accounts, Contacts, Opportunities and Cases, so syncs have records to preview and send. */
export function seedSampleData(ctx: OrgContext, alias: string): void {
  const answer = sfJson(ctx.sf, ['data', 'import', 'tree', '--plan', SAMPLE_DATA_PLAN, '--target-org', alias]);
  const records = answer.status === 0 ? sfResult(answer, ImportedRecords) : undefined;
  if (!records) {
    throw new OrgCommandError(
      `Loading the sample data failed: ${answer.message ?? 'unexpected answer'}\n` +
        `The scratch org "${alias}" is ready otherwise; load the data again with ${importCommand(alias)}`,
    );
  }
  const counts = new Map<string, number>();
  for (const record of records) counts.set(record.type, (counts.get(record.type) ?? 0) + 1);
  ctx.log(`✓ Sample data: ${[...counts].map(([type, count]) => `${count} ${type}`).join(', ')}`);
}

const OpenedOrg = z.object({ url: z.string() });
const DisplayedOrg = z.object({ instanceUrl: z.string() });

/**
 * The login link carries a live session: it is printed on a developer's terminal, never in CI
 * (build logs are shared), where the instance URL is printed instead. The org is ready either
 * way, so a failure here is reported without failing the command.
 */
function printWayIn(ctx: OrgContext, alias: string): void {
  const openCommand = `npx sf org open --target-org ${alias}`;
  if (ctx.env.CI) {
    const instanceUrl = sfResult(sfJson(ctx.sf, ['org', 'display', '--target-org', alias]), DisplayedOrg)?.instanceUrl;
    ctx.log(`Scratch org "${alias}" is ready${instanceUrl ? ` at ${instanceUrl}` : ''}. Log in with: ${openCommand}`);
    return;
  }
  const url = sfResult(sfJson(ctx.sf, ['org', 'open', '--url-only', '--target-org', alias]), OpenedOrg)?.url;
  if (!url) {
    ctx.log(`Scratch org "${alias}" is ready, but the CLI gave no login link. Log in with: ${openCommand}`);
    return;
  }
  ctx.log(`Scratch org "${alias}" is ready. Log in (this link holds a session: don't share it):\n  ${url}`);
}

if (isMain(import.meta.url)) runCommand(() => scratchCommand(realContext(), process.argv.slice(2)));
