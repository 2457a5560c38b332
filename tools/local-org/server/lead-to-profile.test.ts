/**
 * The package, on the local org with callouts routed to the emulator: the README's setup snippet
 * configures a connection and a Lead → Profile sync; a saved Lead arrives in the emulator as profile
 * `SF_Lead_<18-char Id>` with its mapped Email, and a Lead saved while the emulator answers 503
 * arrives after the retry.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LocalOrg } from '../../apex-runtime/src/org/api.ts';
import { startEmulator, type Emulator } from '../emulator/emulator.ts';
import { cleverTapRouter } from './callout-router.ts';

const ACCOUNT = 'W67-774-7Z5Z';
let emulator: Emulator;
let org: LocalOrg;

before(async () => {
  emulator = await startEmulator({ accounts: [{ id: ACCOUNT, passcode: 'local-passcode' }] });
  org = new LocalOrg(path.resolve(import.meta.dirname, '..', '..', '..'));
  org.routeCallouts(cleverTapRouter(emulator));
  org.runAnonymous(`CleverTap_Connection__c c = new CleverTap_Connection__c(Name = 'Production', Connection_Key__c = 'production',
      Region__c = 'eu1', Account_Id__c = '${ACCOUNT}', Active__c = true);
    insert c;
    CleverTapCredentials.setPasscode(c.Id, 'local-passcode');`);
  org.runAnonymous(`CleverTap_Connection__c c = [SELECT Id FROM CleverTap_Connection__c WHERE Connection_Key__c = 'production'];
    System.debug(CleverTapConnectionTester.testConnection(c.Id).message);
    CleverTap_Sync__c s = new CleverTap_Sync__c(Name = 'Lead to Profile', Connection__c = c.Id,
      Source_Object__c = 'Lead', Target_Entity__c = 'Profile', Customer_Id_Template__c = 'SF_Lead_{{Lead.Id}}',
      Trigger_Events__c = 'Create;Update', Active__c = true);
    insert s;
    insert new CleverTap_Field_Mapping__c(Sync__c = s.Id, Target_Field__c = 'Email', Source_Field__c = 'Email',
      Data_Type__c = 'String');
    CleverTapBackgroundJobs.start();`);
  org.drain();
});
after(async () => emulator.close());

function insertLead(email: string): string {
  const lead = org.record('Lead', { LastName: 'Lovelace', Company: 'Analytical Engines', Email: email });
  const { results } = org.dml('insert', [lead]);
  return String(results[0].id);
}
const profileOf = (leadId: string) => emulator.accounts.get(ACCOUNT)?.profiles.get(`SF_Lead_${leadId}`);

describe('Lead → Profile through the emulator', () => {
  it('the connection test reached the emulator', () => {
    assert.ok(emulator.requests.some((r) => r.path.startsWith('/v1/connect') && r.status === 200));
  });
  it('a saved Lead arrives as SF_Lead_<18-char Id> with its mapped Email', () => {
    const id = insertLead('ada@example.com');
    org.drain();
    assert.equal(id.length, 18);
    assert.equal(profileOf(id)?.profileData.Email, 'ada@example.com');
  });
  it('a Lead saved while CleverTap answers 503 arrives after the retry', () => {
    emulator.accounts.get(ACCOUNT)?.faults.push('503');
    const id = insertLead('grace@example.com');
    org.drain();
    assert.equal(profileOf(id), undefined);
    assert.equal(emulator.requests.at(-1)?.status, 503);
    org.advanceClock(10 * 60_000);
    assert.equal(profileOf(id)?.profileData.Email, 'grace@example.com');
  });
});
