// `npm run package:version -- [--packages core,quotes,...] (--installation-key-bypass | --installation-key K)
//   [--dev-hub alias] [--skip-checks] [--unlocked]`
// Pre-checks (namespace, the packages in the Dev Hub, `npm test`), then one package version per
// package: core first, then each extension in sfdx-project.json's order, because the extensions
// depend on core's LATEST version and the next build must see the one just made.
import { z } from 'zod';
import { isMain, OrgCommandError, type OrgContext, parseFlags, realContext, runCommand } from './command.ts';
import {
  PACKAGE_NAMES,
  type PackageName,
  type PackagingProject,
  parsePackageList,
  type ProjectPackage,
  readPackagingProject,
} from './packages.ts';
import { devHubArgs, devHubTrouble, type SfJson, sfJson, sfResult } from './sf.ts';

export const PACKAGE_VERSION_USAGE =
  'npm run package:version -- [--packages core,quotes,field-service,orders] ' +
  '(--installation-key-bypass | --installation-key <key>) [--dev-hub <alias>] [--skip-checks] [--unlocked]';

/** The gates of `npm test` (scripts/run-gates.ts) a release most depends on, named in the output. */
export const RELEASE_GATES = {
  'apex-tests': 'the Apex tests with their coverage floor of 85 % per class',
  security: 'the security scan (PMD Security/AppExchange rules and the Graph Engine FLS check)',
} as const;

export interface PackageVersionOptions {
  packages: PackageName[];
  /** undefined: --installation-key-bypass. */
  installationKey?: string;
  devHub?: string;
  skipChecks: boolean;
  /** The packages were created Unlocked (a test build): no namespace needed. */
  unlocked: boolean;
}

export function packageVersionCommand(ctx: OrgContext, argv: readonly string[]): void {
  const flags = parseFlags(
    argv,
    {
      packages: { type: 'string' },
      'installation-key': { type: 'string' },
      'installation-key-bypass': { type: 'boolean' },
      'dev-hub': { type: 'string' },
      'skip-checks': { type: 'boolean' },
      unlocked: { type: 'boolean' },
    },
    PACKAGE_VERSION_USAGE,
  );
  // The CLI needs exactly one of the two; asking here fails before the long checks, not after.
  if ((flags['installation-key-bypass'] === true) === (flags['installation-key'] !== undefined)) {
    throw new OrgCommandError(
      'Choose one of --installation-key-bypass (anyone with the link can install) or --installation-key <key>.\n' +
        `Usage: ${PACKAGE_VERSION_USAGE}`,
    );
  }
  createPackageVersions(ctx, {
    packages: parsePackageList(flags.packages, PACKAGE_NAMES),
    installationKey: flags['installation-key'],
    devHub: flags['dev-hub'],
    skipChecks: flags['skip-checks'] === true,
    unlocked: flags.unlocked === true,
  });
}

interface CreatedVersion {
  packageName: string;
  versionNumber: string;
  subscriberVersionId: string;
}

export function createPackageVersions(ctx: OrgContext, options: PackageVersionOptions): void {
  const project = readPackagingProject(ctx.root);
  const selected = project.packages.filter((pkg) => options.packages.includes(pkg.name));
  checkNamespace(project, options.unlocked);
  checkDevHubPackages(ctx, project, selected, options);
  runChecks(ctx, options.skipChecks);
  ctx.buildLwc();
  const created: CreatedVersion[] = [];
  for (const [index, pkg] of selected.entries()) {
    created.push(createVersion(ctx, pkg, options, { before: created, after: selected.slice(index + 1) }));
  }
  ctx.log('Package versions created:');
  for (const version of created) {
    ctx.log(`  ${version.packageName} ${version.versionNumber}: ${version.subscriberVersionId}`);
    ctx.log(
      `    install: https://login.salesforce.com/packaging/installPackage.apexp?p0=${version.subscriberVersionId}`,
    );
  }
  ctx.log('They are beta versions: promote one for release with npx sf package version promote --package <04t Id>.');
}

/** A managed 2GP package is tied to a namespace the Dev Hub has linked; the project's is empty while in development. */
export function checkNamespace(project: PackagingProject, unlocked: boolean): void {
  if (project.namespace !== '' || unlocked) return;
  throw new OrgCommandError(
    'sfdx-project.json has no namespace ("namespace": ""), and managed packages need one. To build them:\n' +
      '  1. Register a namespace in a Developer Edition org (Setup → Package Manager → Namespace Prefix).\n' +
      '  2. Link it to your Dev Hub (Dev Hub → App Launcher → Namespace Registries → Link Namespace).\n' +
      '  3. Set "namespace": "<prefix>" in sfdx-project.json, then create each package once:\n' +
      '     npx sf package create --name "CleverTap Import" --package-type Managed --path force-app/core (and each extension).\n' +
      'For a test build without a namespace, create the packages with --package-type Unlocked --no-namespace and pass --unlocked.',
  );
}

const DevHubPackage = z.object({
  Id: z.string(),
  Name: z.string(),
  NamespacePrefix: z.string().nullish(),
  ContainerOptions: z.string(),
});

/**
 * Every package must exist in the Dev Hub with the expected type and namespace, and have its Id in
 * sfdx-project.json's packageAliases (which `--package "<name>"` resolves through). All problems
 * are listed at once, each with its fix.
 */
export function checkDevHubPackages(
  ctx: OrgContext,
  project: PackagingProject,
  selected: readonly ProjectPackage[],
  options: PackageVersionOptions,
): void {
  const answer = sfJson(ctx.sf, ['package', 'list', ...devHubArgs(options.devHub)]);
  const hubPackages = answer.status === 0 ? sfResult(answer, z.array(DevHubPackage)) : undefined;
  if (!hubPackages) throw devHubError(answer, options.devHub);
  const type = options.unlocked ? 'Unlocked' : 'Managed';
  const problems = selected.flatMap((pkg) => {
    const found = hubPackages.find((hubPackage) => hubPackage.Name === pkg.packageName);
    if (!found) {
      const create = `npx sf package create --name "${pkg.packageName}" --package-type ${type} --path ${pkg.path}`;
      return [`"${pkg.packageName}" does not exist in the Dev Hub: create it once with ${create}${hubFlag(options)}`];
    }
    return packageProblems(project, pkg, found, type);
  });
  if (problems.length > 0) {
    throw new OrgCommandError(`Not ready to build:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
  ctx.log(`✓ Dev Hub has ${selected.map((pkg) => `"${pkg.packageName}"`).join(', ')} (${type})`);
}

function packageProblems(
  project: PackagingProject,
  pkg: ProjectPackage,
  found: z.infer<typeof DevHubPackage>,
  type: string,
): string[] {
  const problems: string[] = [];
  if (found.ContainerOptions !== type) {
    const fix = type === 'Unlocked' ? 'leave out --unlocked' : 'pass --unlocked for a test build';
    problems.push(`"${pkg.packageName}" is a ${found.ContainerOptions} package in the Dev Hub: ${fix}.`);
  }
  if (type === 'Managed' && (found.NamespacePrefix ?? '') !== project.namespace) {
    problems.push(
      `"${pkg.packageName}" has namespace "${found.NamespacePrefix ?? ''}" in the Dev Hub, sfdx-project.json says "${project.namespace}".`,
    );
  }
  if (project.aliases[pkg.packageName] !== found.Id) {
    problems.push(`sfdx-project.json's packageAliases must map "${pkg.packageName}" to ${found.Id}.`);
  }
  return problems;
}

const hubFlag = (options: PackageVersionOptions): string =>
  options.devHub ? ` --target-dev-hub ${options.devHub}` : '';

function devHubError(answer: SfJson, devHub: string | undefined): OrgCommandError {
  return new OrgCommandError(
    devHubTrouble(answer, devHub) ??
      `Could not list the Dev Hub's packages: ${answer.message ?? 'unexpected answer'}\n` +
        `Check the Dev Hub login (npx sf org login web --alias ${devHub ?? 'devhub'} --set-default-dev-hub).`,
  );
}

function runChecks(ctx: OrgContext, skip: boolean): void {
  const gates = Object.entries(RELEASE_GATES).map(([name, what]) => `${name} (${what})`);
  if (skip) {
    ctx.log(
      [
        '',
        '!!! WARNING: --skip-checks: npm test was NOT run.',
        `!!! Nothing checked ${gates.join(' or ')}.`,
        '!!! Use this build for testing only: never promote it.',
        '',
      ].join('\n'),
    );
    return;
  }
  ctx.log(`Running npm test, every offline gate, including ${gates.join(' and ')} …`);
  if (ctx.runChecks() !== 0) {
    throw new OrgCommandError(
      'npm test failed (its report is above): no package version was created. Fix the failing gate and run the command again.',
    );
  }
  ctx.log('✓ npm test passed');
}

const VersionRequest = z.object({
  Id: z.string(),
  Status: z.string(),
  SubscriberPackageVersionId: z.string().nullish(),
  VersionNumber: z.string().nullish(),
  CodeCoverage: z.number().nullish(),
});

function createVersion(
  ctx: OrgContext,
  pkg: ProjectPackage,
  options: PackageVersionOptions,
  progress: Progress,
): CreatedVersion {
  const key =
    options.installationKey === undefined
      ? ['--installation-key-bypass']
      : ['--installation-key', options.installationKey];
  ctx.log(`Creating a version of "${pkg.packageName}" from ${pkg.path} (waits up to 60 minutes) …`);
  const answer = sfJson(ctx.sf, [
    'package',
    'version',
    'create',
    '--package',
    pkg.packageName,
    '--code-coverage',
    '--wait',
    '60',
    ...key,
    ...devHubArgs(options.devHub),
  ]);
  const request = answer.status === 0 ? sfResult(answer, VersionRequest) : undefined;
  if (!request) {
    throw versionError(
      `Creating a version of "${pkg.packageName}" failed: ${answer.message ?? 'unexpected answer'}`,
      progress,
    );
  }
  if (request.Status !== 'Success' || !request.SubscriberPackageVersionId) {
    throw versionError(
      `The version of "${pkg.packageName}" is still "${request.Status}" after 60 minutes. Follow it with ` +
        `npx sf package version create report --package-create-request-id ${request.Id}${hubFlag(options)}`,
      progress,
    );
  }
  const coverage =
    request.CodeCoverage === null || request.CodeCoverage === undefined ? '' : `, coverage ${request.CodeCoverage} %`;
  ctx.log(`✓ "${pkg.packageName}" ${request.VersionNumber ?? ''}: ${request.SubscriberPackageVersionId}${coverage}`);
  return {
    packageName: pkg.packageName,
    versionNumber: request.VersionNumber ?? '',
    subscriberVersionId: request.SubscriberPackageVersionId,
  };
}

/** Where the build stands when a version fails: what was created, what was not started. */
interface Progress {
  before: readonly CreatedVersion[];
  after: readonly ProjectPackage[];
}

/** Later packages are not started: they would build against an older core. */
function versionError(message: string, { before, after }: Progress): OrgCommandError {
  const done = before.map(
    (version) => `${version.packageName} ${version.versionNumber} (${version.subscriberVersionId})`,
  );
  const lines = [message];
  if (after.length > 0) lines.push(`Not started: ${after.map((pkg) => `"${pkg.packageName}"`).join(', ')}.`);
  if (done.length > 0) lines.push(`Created before: ${done.join(', ')}.`);
  return new OrgCommandError(lines.join('\n'));
}

if (isMain(import.meta.url)) runCommand(() => packageVersionCommand(realContext(), process.argv.slice(2)));
