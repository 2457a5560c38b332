// The anonymous Apex `npm run deploy` sends to start the background jobs, run on the local Apex
// runtime against the package's own classes: it must compile, and what it prints must be what the
// command reads back.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LocalOrg } from '../../tools/apex-runtime/src/org/api.ts';
import { deployCommand, START_JOBS_APEX } from './deploy.ts';
import { fakeOrg, ok, REPO_ROOT } from './fake-org-context.ts';

describe('the Apex that starts the background jobs', () => {
  const org = new LocalOrg(REPO_ROOT, { clockStart: Date.UTC(2026, 4, 4, 10, 15) });

  it('runs against the package and reports every job; a second run changes nothing', () => {
    const first = org.runAnonymous(START_JOBS_APEX);
    assert.equal(first.length, 1);
    assert.match(first[0] ?? '', /^CLEVERTAP_JOBS \[/);
    assert.deepEqual(org.runAnonymous(START_JOBS_APEX), first);
  });

  it('prints what deploy shows: each job, its state and next run', () => {
    const [message] = org.runAnonymous(START_JOBS_APEX);
    // As the platform writes a USER_DEBUG line into the log `sf apex run` returns.
    const logs = `10:15:02.41 (41229012)|USER_DEBUG|[3]|ERROR|${message}\n10:15:02.41 (41312000)|CODE_UNIT_FINISHED`;
    const fake = fakeOrg({ answers: { 'apex run': ok({ success: true, compiled: true, logs }) } });
    deployCommand(fake.ctx, ['--target-org', 'my-org']);
    const printed = fake.output.join('\n');
    for (const name of ['Drainer :00', 'Drainer :15', 'Drainer :30', 'Drainer :45', 'Log Purge', 'Watchdog']) {
      assert.match(printed, new RegExp(`CleverTap ${name} +WAITING, next run 2026-05-0\\dT`));
    }
  });
});
