import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { OrgCommandError } from './command.ts';
import { deployCommand } from './deploy.ts';
import { fail, fakeOrg, JOBS_LOG, ok, withApexFile } from './fake-org-context.ts';

const ASSIGN = 'sf org assign permset --name CleverTap_Admin --target-org my-org --json';
const START_JOBS = 'sf apex run --file <apex> --target-org my-org --json';
const FEATURES = 'sf sobject list --sobject standard --target-org my-org --json';

describe('npm run deploy', () => {
  it('deploys core, assigns CleverTap_Admin and starts the background jobs, in that order', () => {
    const fake = fakeOrg();
    deployCommand(fake.ctx, ['--target-org', 'my-org']);
    assert.deepEqual(withApexFile(fake.calls), [
      'build-lwc',
      'sf project deploy start --target-org my-org --wait 30 --source-dir force-app/core',
      ASSIGN,
      START_JOBS,
    ]);
    assert.match(fake.apexSources[0] ?? '', /CleverTapBackgroundJobs\.start\(\);/);
    assert.equal(existsSync(fake.apexFiles[0] ?? ''), false, 'the temporary Apex file is removed');
    const printed = fake.output.join('\n');
    assert.match(printed, /Permission set CleverTap_Admin assigned/);
    assert.match(printed, /CleverTap Drainer :30 +WAITING, next run 2026-05-04T10:30:00.000Z/);
    assert.match(printed, /CleverTap Watchdog/);
  });

  it('checks the org has each extension’s object before deploying the packages in sfdx-project.json’s order', () => {
    const fake = fakeOrg();
    deployCommand(fake.ctx, ['--target-org', 'my-org', '--packages', 'orders,core,quotes,field-service']);
    assert.deepEqual(withApexFile(fake.calls), [
      FEATURES,
      'build-lwc',
      'sf project deploy start --target-org my-org --wait 30 --source-dir force-app/core --source-dir force-app/quotes ' +
        '--source-dir force-app/field-service --source-dir force-app/orders',
      ASSIGN,
      START_JOBS,
    ]);
    assert.match(fake.output.join('\n'), /has Quotes, Field Service, Orders/);
  });

  it('refuses an extension whose feature is off, naming the Setup page, and deploys nothing', () => {
    const fake = fakeOrg({ answers: { 'sobject list': ok(['Account', 'Contact', 'Lead', 'Order']) } });
    assert.throws(
      () => deployCommand(fake.ctx, ['--target-org', 'my-org', '--packages', 'core,quotes,orders']),
      (error: Error) =>
        error instanceof OrgCommandError &&
        /quotes needs Quotes \(the Quote object\): turn it on in Setup → Quote Settings/.test(error.message) &&
        !/orders needs/.test(error.message) &&
        /Nothing was deployed/.test(error.message),
    );
    assert.deepEqual(fake.calls, [FEATURES]);
  });

  it('names every missing feature at once', () => {
    const fake = fakeOrg({ answers: { 'sobject list': ok(['Account']) } });
    assert.throws(
      () => deployCommand(fake.ctx, ['--target-org', 'my-org', '--packages', 'field-service,orders']),
      /field-service needs Field Service .*Setup → Field Service Settings[\s\S]*orders needs Orders .*Setup → Order Settings/,
    );
  });

  it('says the org could not be read when the feature check itself fails', () => {
    const fake = fakeOrg({
      answers: {
        'sobject list': fail('NamedOrgNotFoundError', 'No authorization information found for my-org.', { status: 2 }),
      },
    });
    assert.throws(
      () => deployCommand(fake.ctx, ['--target-org', 'my-org', '--packages', 'quotes']),
      /Could not list the objects of org "my-org".*No authorization information[\s\S]*sf org login web/,
    );
    assert.deepEqual(fake.calls, [FEATURES]);
  });

  it('stops after a failed deploy: nothing assigned, no job started', () => {
    const fake = fakeOrg({ answers: { 'project deploy start': { status: 1 } } });
    assert.throws(
      () => deployCommand(fake.ctx, ['--target-org', 'my-org']),
      /The deploy to org "my-org" failed.*Nothing was assigned or started/,
    );
    assert.deepEqual(fake.calls, [
      'build-lwc',
      'sf project deploy start --target-org my-org --wait 30 --source-dir force-app/core',
    ]);
  });

  it('goes on when the permission set is already assigned', () => {
    const duplicate = {
      status: 1,
      result: {
        successes: [],
        failures: [
          {
            name: 'admin@example.com',
            message: 'Duplicate PermissionSetAssignment. Assignee: 005000000000001; Permission Set: 0PS000000000001',
          },
        ],
      },
    };
    const fake = fakeOrg({ answers: { 'org assign permset': duplicate } });
    deployCommand(fake.ctx, ['--target-org', 'my-org']);
    assert.equal(withApexFile(fake.calls).at(-1), START_JOBS);
    assert.match(fake.output.join('\n'), /CleverTap_Admin was already assigned/);
  });

  it('stops when the permission set cannot be assigned for another reason, saying how to do it by hand', () => {
    const refused = {
      status: 1,
      result: { successes: [], failures: [{ name: 'admin@example.com', message: 'Permission set not found' }] },
    };
    const fake = fakeOrg({ answers: { 'org assign permset': refused } });
    assert.throws(
      () => deployCommand(fake.ctx, ['--target-org', 'my-org']),
      /Assigning the permission set CleverTap_Admin in org "my-org" failed: Permission set not found[\s\S]*Manage Assignments/,
    );
    assert.equal(fake.calls.at(-1), ASSIGN);
  });

  it('reports an Apex exception from starting the jobs, with where to start them by hand', () => {
    const fake = fakeOrg({
      answers: {
        'apex run': fail(
          'executeRuntimeFailure',
          'System.AsyncException: The drain interval must be 5, 10, 15, 20, 30 or 60 minutes',
          { data: { success: false, compiled: true, exceptionMessage: 'System.AsyncException' } },
        ),
      },
    });
    assert.throws(
      () => deployCommand(fake.ctx, ['--target-org', 'my-org']),
      /Starting the background jobs in org "my-org" failed: System.AsyncException: The drain interval[\s\S]*Start background jobs/,
    );
  });

  it('still succeeds when the log does not carry the jobs’ status', () => {
    const fake = fakeOrg({
      answers: { 'apex run': ok({ success: true, compiled: true, logs: JOBS_LOG.split('\n')[0] }) },
    });
    deployCommand(fake.ctx, ['--target-org', 'my-org']);
    assert.match(fake.output.join('\n'), /Background jobs started \(their status was not in the log/);
  });

  it('uses the CLI’s default org when no --target-org is given', () => {
    const fake = fakeOrg();
    deployCommand(fake.ctx, []);
    assert.deepEqual(withApexFile(fake.calls), [
      'build-lwc',
      'sf project deploy start --wait 30 --source-dir force-app/core',
      'sf org assign permset --name CleverTap_Admin --json',
      'sf apex run --file <apex> --json',
    ]);
    assert.match(fake.output.join('\n'), /your default org/);
  });

  it('refuses an unknown package or flag before running anything', () => {
    const fake = fakeOrg();
    assert.throws(
      () => deployCommand(fake.ctx, ['--packages', 'core,quote']),
      /Unknown package "quote" in --packages. Use: core, quotes, field-service, orders/,
    );
    assert.throws(() => deployCommand(fake.ctx, ['--packages', ',']), /No package named in --packages/);
    assert.throws(() => deployCommand(fake.ctx, ['--org', 'x']), /Unknown option '--org'[\s\S]*Usage: npm run deploy/);
    assert.throws(() => deployCommand(fake.ctx, ['--target-org']), /argument missing[\s\S]*Usage/);
    assert.deepEqual(fake.calls, []);
  });
});
