// `npm run deploy -- --target-org <alias|local> [--packages core,quotes,field-service,orders]`
// Checks the org has the feature each chosen extension needs, builds the TypeScript LWC, deploys the
// package directories (core by default), assigns CleverTap_Admin to the running user and starts the
// background jobs. Each step stops the command when it fails, saying what to do.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { isMain, OrgCommandError, type OrgContext, parseFlags, realContext, runCommand } from './command.ts';
import { EXTENSION_FEATURES, isExtension, PACKAGE_DIRS, type PackageName, parsePackageList } from './packages.ts';
import { readLocalSession } from '../../tools/local-org/session.ts';
import { connectionTo } from '../lib/org-connection.ts';
import { flagValue, orgArgs, type SfJson, sfJson, sfResult } from './sf.ts';

export const DEPLOY_USAGE = 'npm run deploy -- --target-org <alias> [--packages core,quotes,field-service,orders]';
export const ADMIN_PERMISSION_SET = 'CleverTap_Admin';

export interface DeployOptions {
  /** Alias or username; undefined deploys to the CLI's default org. */
  targetOrg?: string;
  packages: PackageName[];
}

export const orgLabel = (org: string | undefined): string => (org ? `org "${org}"` : 'your default org');

export function deployCommand(ctx: OrgContext, argv: readonly string[]): void {
  const flags = parseFlags(argv, { 'target-org': { type: 'string' }, packages: { type: 'string' } }, DEPLOY_USAGE);
  deployToOrg(ctx, { targetOrg: flags['target-org'], packages: parsePackageList(flags.packages, ['core']) });
}

/** Deploy, then make the package usable: the admin permission set and the background jobs. */
export function deployToOrg(ctx: OrgContext, options: DeployOptions): void {
  checkOrgFeatures(ctx, options);
  deploySource(ctx, options);
  assignAdminPermissionSet(ctx, options.targetOrg);
  startBackgroundJobs(ctx, options.targetOrg);
  ctx.log(
    `Done: ${options.packages.join(', ')} in ${orgLabel(options.targetOrg)}. ` +
      'Next: App Launcher → CleverTap → CleverTap Settings → Add New Connection.',
  );
}

/** An extension deployed where its object does not exist fails late with dozens of errors: say which feature is off instead. */
export function checkOrgFeatures(ctx: OrgContext, { targetOrg, packages }: DeployOptions): void {
  const extensions = packages.filter(isExtension);
  if (extensions.length === 0) return;
  const answer = sfJson(ctx.sf, ['sobject', 'list', '--sobject', 'standard', ...orgArgs(targetOrg)]);
  const objects = answer.status === 0 ? sfResult(answer, z.array(z.string())) : undefined;
  if (!objects) {
    throw new OrgCommandError(
      `Could not list the objects of ${orgLabel(targetOrg)} to check its features: ${answer.message ?? 'unexpected answer'}\n` +
        'Check the org is authorised (npx sf org login web --alias <alias>) and pass it with --target-org. Nothing was deployed.',
    );
  }
  const missing = extensions.filter((name) => !objects.includes(EXTENSION_FEATURES[name].object));
  if (missing.length > 0) {
    const lines = missing.map((name) => {
      const { object, feature, setup } = EXTENSION_FEATURES[name];
      return `  ${name} needs ${feature} (the ${object} object): turn it on in ${setup}.`;
    });
    throw new OrgCommandError(
      `${orgLabel(targetOrg)} lacks a feature the chosen extensions need:\n${lines.join('\n')}\n` +
        'Nothing was deployed. Turn the feature on and run the command again, or leave that package out of --packages.',
    );
  }
  ctx.log(`✓ ${orgLabel(targetOrg)} has ${extensions.map((name) => EXTENSION_FEATURES[name].feature).join(', ')}`);
}

function deploySource(ctx: OrgContext, { targetOrg, packages }: DeployOptions): void {
  ctx.buildLwc();
  const args = ['project', 'deploy', 'start', ...orgArgs(targetOrg), '--wait', '30'];
  for (const name of packages) args.push('--source-dir', PACKAGE_DIRS[name]);
  ctx.log(`Deploying ${packages.join(', ')} to ${orgLabel(targetOrg)} …`);
  if (ctx.sf(args, 'show').status !== 0) {
    throw new OrgCommandError(
      `The deploy to ${orgLabel(targetOrg)} failed (the CLI's report is above). ` +
        'Nothing was assigned or started: fix the errors and run the command again.',
    );
  }
  ctx.log(`✓ Deployed ${packages.join(', ')}`);
}

const PermsetAnswer = z.object({ failures: z.array(z.object({ message: z.string() })) });

/** The platform refuses a second assignment of the same set ("Duplicate PermissionSetAssignment"). */
const isAlreadyAssigned = (message: string): boolean => /duplicate|already/i.test(message);

export function assignAdminPermissionSet(ctx: OrgContext, targetOrg: string | undefined): void {
  const answer = sfJson(ctx.sf, ['org', 'assign', 'permset', '--name', ADMIN_PERMISSION_SET, ...orgArgs(targetOrg)]);
  if (answer.status === 0) {
    ctx.log(`✓ Permission set ${ADMIN_PERMISSION_SET} assigned to the running user`);
    return;
  }
  const failures = (sfResult(answer, PermsetAnswer)?.failures ?? []).map((failure) => failure.message);
  if (failures.length > 0 && failures.every(isAlreadyAssigned)) {
    ctx.log(`✓ Permission set ${ADMIN_PERMISSION_SET} was already assigned to the running user`);
    return;
  }
  throw new OrgCommandError(
    `Assigning the permission set ${ADMIN_PERMISSION_SET} in ${orgLabel(targetOrg)} failed: ` +
      `${failures.join('; ') || answer.message || 'no reason given'}\n` +
      'The package is deployed. Assign it in Setup → Permission Sets → CleverTap Admin → Manage Assignments, ' +
      'then start the background jobs (CleverTap Settings → Settings → Start background jobs).',
  );
}

const JOBS_MARKER = 'CLEVERTAP_JOBS ';

/** Anonymous Apex that starts the jobs (start() is idempotent) and prints their status for us to read back. */
export const START_JOBS_APEX = [
  '// Written by npm run deploy: starts the background jobs (safe to repeat) and reports them.',
  'List<CleverTapBackgroundJobs.JobStatus> jobs = CleverTapBackgroundJobs.start();',
  `System.debug(LoggingLevel.ERROR, '${JOBS_MARKER}' + JSON.serialize(jobs));`,
  '',
].join('\n');

const ApexRunAnswer = z.object({ logs: z.string().optional() });
const JobStatuses = z.array(
  z.object({ name: z.string(), state: z.string(), nextFireTime: z.string().nullable().optional() }),
);
type JobStatus = z.infer<typeof JobStatuses>[number];

export function startBackgroundJobs(ctx: OrgContext, targetOrg: string | undefined): void {
  const answer = runAnonymousApex(ctx, START_JOBS_APEX, targetOrg);
  if (answer.status !== 0) {
    throw new OrgCommandError(
      `Starting the background jobs in ${orgLabel(targetOrg)} failed: ${answer.message ?? 'no reason given'}\n` +
        `The package is deployed and ${ADMIN_PERMISSION_SET} assigned. Start them from CleverTap Settings → Settings → ` +
        'Start background jobs, or run the command again once the cause is fixed.',
    );
  }
  const jobs = jobsFromLog(sfResult(answer, ApexRunAnswer)?.logs ?? '');
  if (!jobs) {
    ctx.log('✓ Background jobs started (their status was not in the log: see CleverTap Settings → Settings)');
    return;
  }
  ctx.log('✓ Background jobs started:');
  for (const job of jobs) ctx.log(`    ${describeJob(job)}`);
}

/** `sf apex run` takes a file: the Apex goes into a temporary one, removed afterwards. */
function runAnonymousApex(ctx: OrgContext, source: string, targetOrg: string | undefined): SfJson {
  const dir = mkdtempSync(path.join(tmpdir(), 'clevertap-apex-'));
  try {
    const file = path.join(dir, 'anonymous.apex');
    writeFileSync(file, source);
    return sfJson(ctx.sf, ['apex', 'run', '--file', file, ...orgArgs(targetOrg)]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The statuses the Apex printed, from its debug log line. */
function jobsFromLog(log: string): JobStatus[] | undefined {
  const line = log.split('\n').find((entry) => entry.includes(`|${JOBS_MARKER}`));
  if (!line) return undefined;
  try {
    const parsed = JobStatuses.safeParse(JSON.parse(line.slice(line.indexOf(JOBS_MARKER) + JOBS_MARKER.length)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const describeJob = (job: JobStatus): string =>
  `${job.name.padEnd(24)} ${job.state}${job.nextFireTime ? `, next run ${job.nextFireTime}` : ''}`;

if (isMain(import.meta.url))
  runCommand(async () => {
    const argv = process.argv.slice(2);
    if (flagValue(argv, '--target-org') !== 'local') return deployCommand(realContext(), argv);
    const session = readLocalSession();
    // Loaded here so deploy-local.ts (which reads this module's constants) is no import loop.
    const { deployToLocalOrg } = await import('./deploy-local.ts');
    await deployToLocalOrg(connectionTo(session), session.username, (line) => console.log(line));
  });
