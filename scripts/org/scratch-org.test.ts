import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadSchema } from '../lib/schema.ts';
import { OrgCommandError } from './command.ts';
import { SAMPLE_DATA_PLAN, scratchCommand } from './scratch-org.ts';
import { fail, fakeOrg, REPO_ROOT, withApexFile } from './fake-org-context.ts';

const DEPLOY_CORE = [
  'build-lwc',
  'sf project deploy start --target-org clevertap-scratch --wait 30 --source-dir force-app/core',
  'sf org assign permset --name CleverTap_Admin --target-org clevertap-scratch --json',
  'sf apex run --file <apex> --target-org clevertap-scratch --json',
];

describe('npm run org:scratch', () => {
  it('creates a core scratch org, deploys with deploy’s steps, seeds sample data and prints the login link', () => {
    const fake = fakeOrg();
    scratchCommand(fake.ctx, []);
    assert.deepEqual(withApexFile(fake.calls), [
      'sf org create scratch --definition-file config/core-scratch-def.json --alias clevertap-scratch ' +
        '--duration-days 7 --wait 30 --json',
      ...DEPLOY_CORE,
      'sf data import tree --plan config/sample-data/sample-data-plan.json --target-org clevertap-scratch --json',
      'sf org open --url-only --target-org clevertap-scratch --json',
    ]);
    const printed = fake.output.join('\n');
    assert.match(printed, /Sample data: 2 Account, 1 Contact, 1 Lead/);
    assert.match(printed, /https:\/\/power-fun-1234-dev-ed\.scratch\.my\.salesforce\.com\/secur\/frontdoor\.jsp/);
    assert.match(printed, /don't share it/);
  });

  it('uses the extension’s own definition, the given Dev Hub, alias and duration, and always deploys core', () => {
    const fake = fakeOrg();
    scratchCommand(fake.ctx, [
      '--packages',
      'quotes',
      '--dev-hub',
      'devhub',
      '--alias',
      'qa-1',
      '--duration-days',
      '3',
    ]);
    assert.deepEqual(withApexFile(fake.calls).slice(0, 3), [
      'sf org create scratch --definition-file config/quotes-scratch-def.json --alias qa-1 --duration-days 3 ' +
        '--wait 30 --target-dev-hub devhub --json',
      'sf sobject list --sobject standard --target-org qa-1 --json',
      'build-lwc',
    ]);
    assert.ok(
      fake.calls.includes(
        'sf project deploy start --target-org qa-1 --wait 30 --source-dir force-app/core --source-dir force-app/quotes',
      ),
    );
  });

  it('uses the all-features definition for several extensions', () => {
    const fake = fakeOrg();
    scratchCommand(fake.ctx, ['--packages', 'core,field-service,orders']);
    assert.match(fake.calls[0] ?? '', /--definition-file config\/project-scratch-def\.json /);
  });

  it('prints the instance URL, not a session link, in CI', () => {
    const fake = fakeOrg({ env: { CI: 'true' } });
    scratchCommand(fake.ctx, ['--alias', 'ci-42']);
    assert.equal(fake.calls.at(-1), 'sf org display --target-org ci-42 --json');
    const printed = fake.output.join('\n');
    assert.match(printed, /ready at https:\/\/power-fun-1234-dev-ed\.scratch\.my\.salesforce\.com\. /);
    assert.doesNotMatch(printed, /frontdoor/);
  });

  it('says how to authorise a Dev Hub when none is the default, and does nothing else', () => {
    const fake = fakeOrg({
      answers: {
        'org create scratch': fail(
          'NoDefaultDevHubError',
          'No default dev hub found. Use -v or --target-dev-hub to specify an environment.',
        ),
      },
    });
    assert.throws(
      () => scratchCommand(fake.ctx, []),
      (error: Error) =>
        error instanceof OrgCommandError &&
        /No Dev Hub is authorised as the CLI's default/.test(error.message) &&
        /npx sf org login web --alias devhub --set-default-dev-hub/.test(error.message) &&
        /--dev-hub <alias>/.test(error.message) &&
        /Nothing was created/.test(error.message),
    );
    assert.equal(fake.calls.length, 1);
  });

  it('names a --dev-hub the CLI does not know', () => {
    const fake = fakeOrg({
      answers: {
        'org create scratch': fail(
          'NamedOrgNotFoundError',
          'Parsing --target-dev-hub \n\tNo authorization information found for other-hub.',
          { status: 2 },
        ),
      },
    });
    assert.throws(
      () => scratchCommand(fake.ctx, ['--dev-hub', 'other-hub']),
      /No org "other-hub" is authorised in the Salesforce CLI.*--alias other-hub --set-default-dev-hub/,
    );
    assert.equal(fake.calls.length, 1);
  });

  it('refuses an authorised org that is not a Dev Hub', () => {
    const fake = fakeOrg({
      answers: {
        'org create scratch': fail('NotADevHubError', 'The specified org admin@prod.example.com is not a Dev Hub.'),
      },
    });
    assert.throws(
      () => scratchCommand(fake.ctx, ['--dev-hub', 'prod']),
      /"prod" is not a Dev Hub. Turn on Setup → Dev Hub → Enable Dev Hub/,
    );
  });

  it('reports the CLI’s reason when the scratch org cannot be created, and does nothing else', () => {
    const fake = fakeOrg({
      answers: {
        'org create scratch': fail('ScratchOrgInfoError', 'The signup request failed: LIMIT_EXCEEDED'),
      },
    });
    assert.throws(() => scratchCommand(fake.ctx, []), /Creating the scratch org failed: The signup request failed/);
    assert.equal(fake.calls.length, 1);
  });

  it('keeps the scratch org after a failed deploy and says how to retry or delete it', () => {
    const fake = fakeOrg({ answers: { 'project deploy start': { status: 1 } } });
    assert.throws(
      () => scratchCommand(fake.ctx, ['--alias', 'qa-2']),
      /deploy to org "qa-2" failed[\s\S]*The scratch org "qa-2" is kept.*npm run deploy -- --target-org qa-2 --packages core, then npx sf data import tree --plan config\/sample-data\/sample-data-plan.json --target-org qa-2 .*npx sf org delete scratch --target-org qa-2 --no-prompt/,
    );
    assert.ok(fake.calls.at(-1)?.startsWith('sf project deploy start'), 'no sample data after a failed deploy');
  });

  it('says how to load the sample data again when it fails', () => {
    const fake = fakeOrg({
      answers: { 'data import tree': fail('FailedTreeImport', 'Data plan import failed: REQUIRED_FIELD_MISSING') },
    });
    assert.throws(
      () => scratchCommand(fake.ctx, []),
      /Loading the sample data failed: .*REQUIRED_FIELD_MISSING\nThe scratch org "clevertap-scratch" is ready otherwise; load the data again with npx sf data import tree --plan config\/sample-data/,
    );
  });

  it('refuses a duration outside 1 to 30 days, an odd alias and an unknown package before running anything', () => {
    const fake = fakeOrg();
    for (const days of ['0', '31', 'seven', '2.5', '-3']) {
      assert.throws(
        () => scratchCommand(fake.ctx, [`--duration-days=${days}`]),
        new RegExp(`--duration-days must be a whole number of days from 1 to 30, not "${days}"`),
      );
    }
    assert.throws(() => scratchCommand(fake.ctx, ['--alias', 'my org']), /--alias takes letters/);
    assert.throws(() => scratchCommand(fake.ctx, ['--packages', 'service']), /Unknown package "service"/);
    assert.throws(
      () => scratchCommand(fake.ctx, ['extra']),
      /Unexpected argument 'extra'[\s\S]*Usage: npm run org:scratch/,
    );
    assert.deepEqual(fake.calls, []);
  });
});

interface TreeRecord {
  attributes: { type: string; referenceId: string };
  [field: string]: unknown;
}

describe('sample data (config/sample-data)', () => {
  const planFile = path.join(REPO_ROOT, SAMPLE_DATA_PLAN);
  const plan = JSON.parse(readFileSync(planFile, 'utf8')) as { sobject: string; files: string[] }[];
  const schema = loadSchema(REPO_ROOT);

  it('has a few of each object the guide uses, parents before children', () => {
    assert.deepEqual(
      plan.map((step) => step.sobject),
      ['Account', 'Contact', 'Lead', 'Opportunity', 'Case'],
    );
  });

  it('names only real fields, and every @reference points to an earlier record of the lookup’s object', () => {
    const seen = new Map<string, string>();
    for (const step of plan) {
      for (const file of step.files) {
        const { records } = JSON.parse(readFileSync(path.join(path.dirname(planFile), file), 'utf8')) as {
          records: TreeRecord[];
        };
        assert.ok(records.length >= 3 && records.length <= 10, `${file}: a few records`);
        for (const record of records) {
          assert.equal(record.attributes.type, step.sobject);
          for (const [name, value] of Object.entries(record)) {
            if (name === 'attributes') continue;
            const field = schema.getField(step.sobject, name);
            assert.ok(field, `${file}: ${step.sobject}.${name} is not a field`);
            if (typeof value === 'string' && value.startsWith('@')) {
              assert.ok(field.referenceTo.includes(seen.get(value.slice(1)) ?? '?'), `${file}: ${name} = ${value}`);
            }
          }
          seen.set(record.attributes.referenceId, step.sobject);
        }
      }
    }
  });
});
