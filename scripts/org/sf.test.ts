import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REPO_ROOT } from './fake-org-context.ts';
import { type SfRunner, sfJson, spawnSf } from './sf.ts';

describe('sfJson', () => {
  const answering =
    (stdout: string, status = 0): SfRunner =>
    () => ({ status, stdout });

  it('appends --json and reads the result or the error', () => {
    const seen: string[][] = [];
    const sf: SfRunner = (args) => {
      seen.push([...args]);
      return { status: 0, stdout: '{"status":0,"result":["Account"]}' };
    };
    assert.deepEqual(sfJson(sf, ['sobject', 'list']), { status: 0, result: ['Account'] });
    assert.deepEqual(seen, [['sobject', 'list', '--json']]);
    const error = sfJson(
      answering('{"status":1,"name":"NoDefaultDevHubError","message":"No default dev hub found."}', 1),
      [],
    );
    assert.equal(error.name, 'NoDefaultDevHubError');
    assert.equal(error.status, 1);
  });

  it('skips what is printed before the JSON, and turns output that is not JSON into an error answer', () => {
    assert.equal(sfJson(answering('(node:12) Warning: something\n{"status":0,"result":1}'), []).result, 1);
    const garbled = sfJson(answering('Segmentation fault', 139), []);
    assert.equal(garbled.status, 139);
    assert.match(garbled.message ?? '', /sf answered without JSON: Segmentation fault/);
  });

  it('reads the pinned CLI’s own JSON error for an org it does not know (no network)', () => {
    const answer = sfJson(spawnSf(REPO_ROOT), ['org', 'display', '--target-org', 'clevertap-no-such-org']);
    assert.notEqual(answer.status, 0);
    assert.equal(answer.name, 'NamedOrgNotFoundError');
    assert.match(answer.message ?? '', /clevertap-no-such-org/);
  });
});
