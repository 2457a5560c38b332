/**
 * The end-to-end check behind `npm run smoke`: in an org with the package, a Lead saved through the
 * API reaches CleverTap. It sets up its own connection and Lead → Profile sync (through the config
 * import), saves a Lead, waits for the Events Log to say Sent, reads the profile back from CleverTap's
 * `/1/profile.json`, and removes what it made, passcode included, whatever happened.
 * Without CleverTap credentials it checks only the Salesforce half: the save was captured.
 */
import type { Connection } from 'jsforce';
import { importConfig } from '../config/config-commands.ts';
import { REGIONS, type ConfigDocument } from '../config/document.ts';
import { PASSCODE_RESOURCE, queryAll } from '../config/org-state.ts';

export interface CleverTapAccess {
  region: (typeof REGIONS)[number];
  accountId: string;
  passcode: string;
  /** The API's base URL; the region's host by default (the local org passes its emulator). */
  baseUrl?: string;
}

export interface SmokeOptions {
  cleverTap?: CleverTapAccess;
  /** How long to wait for the send, and then for the profile (ms). */
  timeoutMs: number;
  pollMs: number;
  log: (line: string) => void;
  /** Unique per run, so runs never meet each other's records. */
  runId: string;
}

export type SmokeOutcome = { passed: true; skipped: string[] } | { passed: false; reason: string };

const SMOKE_CONNECTION = 'CleverTap Smoke Test';
const SMOKE_SYNC = 'Smoke: Lead → Profile';

/** The test account's credentials, all three or none (a partial set is a mistake worth saying). */
export function cleverTapFromEnvironment(env: NodeJS.ProcessEnv): CleverTapAccess | undefined {
  const region = env.CLEVERTAP_REGION?.trim();
  const accountId = env.CLEVERTAP_ACCOUNT_ID?.trim();
  const passcode = env.CLEVERTAP_PASSCODE?.trim();
  if (!region && !accountId && !passcode) return undefined;
  if (!region || !accountId || !passcode)
    throw new Error('Set all of CLEVERTAP_REGION, CLEVERTAP_ACCOUNT_ID and CLEVERTAP_PASSCODE, or none of them.');
  const known = REGIONS.find((r) => r === region);
  if (!known) throw new Error(`CLEVERTAP_REGION is "${region}"; use one of ${REGIONS.join(', ')}.`);
  return { region: known, accountId, passcode };
}

/** The region's API host, as CleverTap_Region__mdt lists them (eu1 is the bare host). */
function regionBaseUrl(region: string): string {
  return region === 'eu1' ? 'https://api.clevertap.com' : `https://${region}.api.clevertap.com`;
}

export async function runSmoke(conn: Connection, options: SmokeOptions): Promise<SmokeOutcome> {
  const made: { leadId?: string; connectionId?: string } = {};
  try {
    return options.cleverTap
      ? await fullSmoke(conn, options.cleverTap, options, made)
      : await captureOnlySmoke(conn, options, made);
  } catch (error) {
    return { passed: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    await cleanUp(conn, made, options.log);
  }
}

async function fullSmoke(
  conn: Connection,
  access: CleverTapAccess,
  options: SmokeOptions,
  made: { leadId?: string; connectionId?: string },
): Promise<SmokeOutcome> {
  const { log } = options;
  made.connectionId = await setUpSync(conn, access, options);
  log(`Connection "${SMOKE_CONNECTION}" and sync "${SMOKE_SYNC}" are set up.`);
  const email = `smoke.${options.runId}@example.com`;
  made.leadId = await createLead(conn, options.runId, email);
  log(`Lead ${made.leadId} saved; waiting for its Events Log row...`);
  const row = await waitFor(options, () => logRowOf(conn, made.leadId as string, made.connectionId as string));
  if (row.status !== 'Sent') return { passed: false, reason: `The Events Log says ${row.status}: ${row.error ?? ''}` };
  log(`Events Log: Sent (${row.id}). Reading the profile back from CleverTap...`);
  const identity = `SF_Smoke_${made.leadId}`;
  const profile = await waitFor(options, () => readProfile(access, identity));
  if (profile.Email !== email)
    return {
      passed: false,
      reason: `CleverTap's profile ${identity} has Email ${String(profile.Email)}, not ${email}`,
    };
  log(`CleverTap has profile ${identity} with Email ${email}.`);
  return { passed: true, skipped: [] };
}

async function captureOnlySmoke(
  conn: Connection,
  options: SmokeOptions,
  made: { leadId?: string },
): Promise<SmokeOutcome> {
  const skipped =
    'CleverTap half skipped: set CLEVERTAP_REGION, CLEVERTAP_ACCOUNT_ID and CLEVERTAP_PASSCODE (a test account) to send a Lead and read its profile back.';
  options.log(skipped);
  const objects = (await conn.describeGlobal()).sobjects.map((o) => o.name);
  for (const name of ['CleverTap_Connection__c', 'CleverTap_Sync__c', 'CleverTap_Outbox__c', 'CleverTap_Event_Log__c'])
    if (!objects.includes(name))
      return {
        passed: false,
        reason: `${name} is not in the org: is the package deployed and the permission set assigned?`,
      };
  made.leadId = await createLead(conn, options.runId, `smoke.${options.runId}@example.com`);
  options.log(`Lead ${made.leadId} saved without error: the package's Lead trigger let the save through.`);
  return { passed: true, skipped: [skipped] };
}

async function setUpSync(conn: Connection, access: CleverTapAccess, options: SmokeOptions): Promise<string> {
  const doc: ConfigDocument = {
    format: 'clevertap-sync-config',
    version: 1,
    connections: [
      {
        name: SMOKE_CONNECTION,
        region: access.region,
        accountId: access.accountId,
        deliveryMode: 'Immediate',
        defaultCountryCode: null,
        active: true,
        syncs: [
          {
            name: SMOKE_SYNC,
            active: true,
            sourceObject: 'Lead',
            target: 'Profile',
            customerIdTemplate: 'SF_Smoke_{{Lead.Id}}',
            eventNameTemplate: null,
            eventTimestampField: null,
            triggerEvents: ['Create'],
            deleteAction: 'None',
            deleteEventName: null,
            onlyWhenChanged: false,
            // Only this run's Lead: other Leads saved meanwhile are not the smoke test's business.
            filter: {
              logic: 'AND',
              criteria: [{ field: 'Company', operator: 'equals', value: companyOf(options.runId) }],
            },
            mappings: [{ targetField: 'Email', sourceField: 'Email', dataType: 'String' }],
          },
        ],
      },
    ],
  };
  const outcome = await importConfig(conn, JSON.stringify(doc), {
    dryRun: false,
    replacePasscodes: true,
    passcodes: new Map([[SMOKE_CONNECTION.toLowerCase(), access.passcode]]),
  });
  if (!outcome.ok)
    throw new Error(
      `Setting up the smoke sync failed: ${outcome.problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
    );
  const rows = await queryAll(conn, `SELECT Id FROM CleverTap_Connection__c WHERE Name = '${SMOKE_CONNECTION}'`);
  const id = rows[0]?.Id;
  if (!id) throw new Error('The smoke connection was not saved.');
  return id;
}

const companyOf = (runId: string): string => `CleverTap Smoke ${runId}`;

async function createLead(conn: Connection, runId: string, email: string): Promise<string> {
  const saved = await conn
    .sobject('Lead')
    .create({ LastName: `Smoke ${runId}`, Company: companyOf(runId), Email: email });
  if (!saved.success) throw new Error(`The Lead was not saved: ${JSON.stringify(saved.errors)}`);
  return saved.id;
}

interface LogRow {
  id: string;
  status: string;
  error?: string;
}

/**
 * The Events Log row of the Lead's send: its own row, or a batch summary listing its Id. Records are
 * held, not failed, while CleverTap refuses the credentials: that ends the wait at once.
 */
async function logRowOf(conn: Connection, leadId: string, connectionId: string): Promise<LogRow | undefined> {
  const [connection] = await queryAll(
    conn,
    `SELECT Status__c, Status_Message__c FROM CleverTap_Connection__c WHERE Id = '${connectionId}'`,
  );
  if (connection?.Status__c === 'Invalid Credentials')
    throw new Error(`CleverTap refused the account ID or passcode: ${String(connection.Status_Message__c ?? '')}`);
  const rows = await queryAll(
    conn,
    "SELECT Id, Status__c, Error__c, Record_Id__c, Record_Ids__c FROM CleverTap_Event_Log__c WHERE Source_Object__c = 'Lead' ORDER BY CreatedDate DESC LIMIT 200",
  );
  const short = leadId.slice(0, 15);
  const row = rows.find(
    (r) => String(r.Record_Id__c ?? '').startsWith(short) || String(r.Record_Ids__c ?? '').includes(short),
  );
  return row && { id: row.Id, status: String(row.Status__c), error: (row.Error__c as string | null) ?? undefined };
}

async function readProfile(access: CleverTapAccess, identity: string): Promise<Record<string, unknown> | undefined> {
  const url = `${access.baseUrl ?? regionBaseUrl(access.region)}/1/profile.json?identity=${encodeURIComponent(identity)}`;
  const response = await fetch(url, {
    headers: { 'X-CleverTap-Account-Id': access.accountId, 'X-CleverTap-Passcode': access.passcode },
  });
  const body = (await response.json()) as { status?: string; record?: { profileData?: Record<string, unknown> } };
  // A profile not found yet is "fail" until CleverTap has processed the upload: keep polling.
  return body.status === 'success' ? (body.record?.profileData ?? {}) : undefined;
}

async function waitFor<T>(options: SmokeOptions, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Gave up after ${Math.round(options.timeoutMs / 1000)} s of waiting.`);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
  }
}

/** Removes the run's Lead, then the smoke connection (its syncs go with it) after forgetting its passcode. */
async function cleanUp(
  conn: Connection,
  made: { leadId?: string; connectionId?: string },
  log: (line: string) => void,
): Promise<void> {
  const steps: [string, () => Promise<unknown>][] = [];
  if (made.leadId) steps.push([`Lead ${made.leadId}`, () => conn.sobject('Lead').destroy(made.leadId as string)]);
  if (made.connectionId) {
    const id = made.connectionId;
    steps.push(['the smoke passcode', () => conn.apex.delete(`${PASSCODE_RESOURCE}?connectionId=${id}`)]);
    steps.push([`connection "${SMOKE_CONNECTION}"`, () => conn.sobject('CleverTap_Connection__c').destroy(id)]);
  }
  for (const [what, step] of steps) {
    try {
      await step();
      log(`Removed ${what}.`);
    } catch (error) {
      log(`Could not remove ${what}: ${error instanceof Error ? error.message : String(error)} (remove it by hand).`);
    }
  }
}
