import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { rmSync } from 'node:fs';
import { OrgCommandError } from './command.ts';
import { packageVersionCommand, RELEASE_GATES } from './package-version.ts';
import { fail, fakeOrg, HUB_PACKAGES, ok, REPO_ROOT, versionCreated } from './fake-org-context.ts';

const temporaryRoots: string[] = [];
after(() => temporaryRoots.forEach((root) => rmSync(root, { recursive: true, force: true })));

const ALIASES = Object.fromEntries(HUB_PACKAGES.map((pkg) => [pkg.Name, pkg.Id]));

/** A copy of the project's sfdx-project.json with these changes, in a folder of its own. */
function projectWith(changes: { namespace?: string; packageAliases?: Record<string, string> }): string {
  const project = JSON.parse(readFileSync(path.join(REPO_ROOT, 'sfdx-project.json'), 'utf8')) as object;
  const root = mkdtempSync(path.join(tmpdir(), 'clevertap-project-'));
  temporaryRoots.push(root);
  writeFileSync(path.join(root, 'sfdx-project.json'), JSON.stringify({ ...project, ...changes }, null, 2));
  return root;
}

const NAMESPACED = { namespace: 'ctimport', packageAliases: ALIASES };

const create = (name: string, extra = '') =>
  `sf package version create --package ${name} --code-coverage --wait 60 --installation-key-bypass${extra} --json`;

describe('npm run package:version', () => {
  it('checks the Dev Hub, runs npm test, then builds core and each extension in sfdx-project.json’s order', () => {
    const fake = fakeOrg({ root: projectWith(NAMESPACED) });
    packageVersionCommand(fake.ctx, ['--installation-key-bypass', '--dev-hub', 'devhub']);
    const hub = ' --target-dev-hub devhub';
    assert.deepEqual(fake.calls, [
      'sf package list --target-dev-hub devhub --json',
      'npm test',
      'build-lwc',
      create('CleverTap Import', hub),
      create('CleverTap Import Quotes', hub),
      create('CleverTap Import Field Service', hub),
      create('CleverTap Import Orders', hub),
    ]);
    const printed = fake.output.join('\n');
    assert.match(printed, /apex-tests \(the Apex tests with their coverage floor of 85 % per class\)/);
    assert.match(printed, /security \(the security scan/);
    assert.match(printed, /"CleverTap Import" 0\.1\.0\.1: 04t000000000001AAA, coverage 91 %/);
    assert.match(printed, /installPackage\.apexp\?p0=04t000000000004AAA/);
  });

  it('names gates that exist in scripts/run-gates.ts', () => {
    const gates = readFileSync(path.join(REPO_ROOT, 'scripts', 'run-gates.ts'), 'utf8');
    for (const name of Object.keys(RELEASE_GATES)) assert.match(gates, new RegExp(`name: '${name}'`));
    assert.match(gates, /coverage floor 85 %/);
  });

  it('builds only the chosen packages, with an installation key', () => {
    const fake = fakeOrg({ root: projectWith(NAMESPACED) });
    packageVersionCommand(fake.ctx, ['--packages', 'orders', '--installation-key', 's3cret']);
    assert.deepEqual(fake.calls.slice(1), [
      'npm test',
      'build-lwc',
      'sf package version create --package CleverTap Import Orders --code-coverage --wait 60 --installation-key s3cret --json',
    ]);
  });

  it('refuses to build managed packages without a namespace and says how to get one', () => {
    const fake = fakeOrg({ root: projectWith({ packageAliases: ALIASES }) });
    assert.throws(
      () => packageVersionCommand(fake.ctx, ['--installation-key-bypass']),
      (error: Error) =>
        error instanceof OrgCommandError &&
        /sfdx-project.json has no namespace/.test(error.message) &&
        /Link Namespace/.test(error.message) &&
        /Set "namespace": "<prefix>" in sfdx-project.json/.test(error.message) &&
        /--unlocked/.test(error.message),
    );
    assert.deepEqual(fake.calls, []);
  });

  it('builds unlocked packages without a namespace with --unlocked', () => {
    const unlocked = HUB_PACKAGES.map((pkg) => ({ ...pkg, ContainerOptions: 'Unlocked', NamespacePrefix: null }));
    const fake = fakeOrg({ root: projectWith({ packageAliases: ALIASES }), answers: { 'package list': ok(unlocked) } });
    packageVersionCommand(fake.ctx, ['--installation-key-bypass', '--unlocked', '--packages', 'core']);
    assert.deepEqual(fake.calls.at(-1), create('CleverTap Import'));
  });

  it('warns loudly and skips npm test with --skip-checks', () => {
    const fake = fakeOrg({ root: projectWith(NAMESPACED) });
    packageVersionCommand(fake.ctx, ['--installation-key-bypass', '--skip-checks', '--packages', 'core']);
    assert.deepEqual(fake.calls, ['sf package list --json', 'build-lwc', create('CleverTap Import')]);
    const printed = fake.output.join('\n');
    assert.match(printed, /!!! WARNING: --skip-checks: npm test was NOT run/);
    assert.match(printed, /never promote it/);
  });

  it('creates nothing when npm test fails', () => {
    const fake = fakeOrg({ root: projectWith(NAMESPACED), checksStatus: 1 });
    assert.throws(
      () => packageVersionCommand(fake.ctx, ['--installation-key-bypass']),
      /npm test failed .*no package version was created/,
    );
    assert.deepEqual(fake.calls, ['sf package list --json', 'npm test']);
  });

  it('asks for exactly one of the installation key flags before running anything', () => {
    const fake = fakeOrg({ root: projectWith(NAMESPACED) });
    const message = /Choose one of --installation-key-bypass .* or --installation-key <key>/;
    assert.throws(() => packageVersionCommand(fake.ctx, []), message);
    assert.throws(
      () => packageVersionCommand(fake.ctx, ['--installation-key-bypass', '--installation-key', 'k']),
      message,
    );
    assert.throws(
      () => packageVersionCommand(fake.ctx, ['--installation-key-bypass', '--packages', 'core,fsl']),
      /Unknown package "fsl"/,
    );
    assert.deepEqual(fake.calls, []);
  });

  it('stops at core’s failure: the extensions are not started', () => {
    const fake = fakeOrg({
      root: projectWith(NAMESPACED),
      answers: {
        'package version create': fail('multipleErrors', 'Multiple errors occurred: (1) Code coverage is 61 %'),
      },
    });
    assert.throws(
      () => packageVersionCommand(fake.ctx, ['--installation-key-bypass']),
      /Creating a version of "CleverTap Import" failed: Multiple errors occurred: \(1\) Code coverage is 61 %\nNot started: "CleverTap Import Quotes", "CleverTap Import Field Service", "CleverTap Import Orders"\./,
    );
    assert.equal(fake.calls.filter((call) => call.startsWith('sf package version create')).length, 1);
  });

  it('says which versions were created before an extension failed', () => {
    const fake = fakeOrg({
      root: projectWith(NAMESPACED),
      answers: {
        'package version create': [versionCreated(1), fail('multipleErrors', 'Quote: Entity is not org-accessible')],
      },
    });
    assert.throws(
      () => packageVersionCommand(fake.ctx, ['--installation-key-bypass']),
      /"CleverTap Import Quotes" failed[\s\S]*Not started: "CleverTap Import Field Service", "CleverTap Import Orders"\.\nCreated before: CleverTap Import 0\.1\.0\.1 \(04t000000000001AAA\)\./,
    );
  });

  it('stops when a version is still being built after the wait, with the command that follows it', () => {
    const inProgress = ok({ Id: '08c000000000009AAA', Status: 'Verifying metadata', SubscriberPackageVersionId: null });
    const fake = fakeOrg({ root: projectWith(NAMESPACED), answers: { 'package version create': inProgress } });
    assert.throws(
      () => packageVersionCommand(fake.ctx, ['--installation-key-bypass', '--dev-hub', 'devhub']),
      /still "Verifying metadata" after 60 minutes.*sf package version create report --package-create-request-id 08c000000000009AAA --target-dev-hub devhub/,
    );
  });

  it('lists every package that is missing, of another type or not in packageAliases, with its fix', () => {
    const hub = [
      HUB_PACKAGES[0],
      { ...HUB_PACKAGES[1], ContainerOptions: 'Unlocked' },
      { ...HUB_PACKAGES[3], Id: '0Ho000000000099AAA' },
    ];
    const fake = fakeOrg({ root: projectWith(NAMESPACED), answers: { 'package list': ok(hub) } });
    assert.throws(
      () => packageVersionCommand(fake.ctx, ['--installation-key-bypass']),
      (error: Error) =>
        /"CleverTap Import Quotes" is a Unlocked package in the Dev Hub: pass --unlocked/.test(error.message) &&
        /"CleverTap Import Field Service" does not exist in the Dev Hub: create it once with npx sf package create --name "CleverTap Import Field Service" --package-type Managed --path force-app\/field-service/.test(
          error.message,
        ) &&
        /packageAliases must map "CleverTap Import Orders" to 0Ho000000000099AAA/.test(error.message) &&
        !/"CleverTap Import" /.test(error.message),
    );
    assert.deepEqual(fake.calls, ['sf package list --json']);
  });

  it('refuses a namespace that differs from the Dev Hub’s', () => {
    const fake = fakeOrg({ root: projectWith({ ...NAMESPACED, namespace: 'other' }) });
    assert.throws(
      () => packageVersionCommand(fake.ctx, ['--installation-key-bypass', '--packages', 'core']),
      /"CleverTap Import" has namespace "ctimport" in the Dev Hub, sfdx-project.json says "other"/,
    );
  });

  it('says how to authorise a Dev Hub when there is none', () => {
    const fake = fakeOrg({
      root: projectWith(NAMESPACED),
      answers: {
        'package list': fail(
          'NoDefaultDevHubError',
          'No default dev hub found. Use -v or --target-dev-hub to specify an environment.',
        ),
      },
    });
    assert.throws(
      () => packageVersionCommand(fake.ctx, ['--installation-key-bypass']),
      /No Dev Hub is authorised as the CLI's default. .*npx sf org login web --alias devhub --set-default-dev-hub — or pass --dev-hub <alias>/,
    );
    assert.deepEqual(fake.calls, ['sf package list --json']);
  });
});
