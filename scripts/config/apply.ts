/**
 * Carries out an import plan through the REST API: connections first (inactive until their passcode
 * is stored), then passcodes through CleverTapPasscodeResource, then syncs and their field mappings.
 * Each batch is all-or-none (composite/sobjects with allOrNone), so a refused record saves nothing of
 * its batch; the plan was checked against the org's schema beforehand, so refusals are rare.
 */
import type { Connection } from 'jsforce';
import type { ConnectionConfig, SyncConfig } from './document.ts';
import type { ConnectionStep, Plan, SyncStep } from './plan.ts';
import { connectionRecord, mappingRecords, PASSCODE_RESOURCE, syncRecord } from './org-state.ts';

/** Composite sObject calls take at most 200 records. */
const BATCH = 200;
const CONNECTION = 'CleverTap_Connection__c';
const SYNC = 'CleverTap_Sync__c';
const MAPPING = 'CleverTap_Field_Mapping__c';

export interface ApplyResult {
  created: number;
  updated: number;
  passcodesStored: number;
}

type Passcodes = ReadonlyMap<string, string>;
/** A step for a connection the file names (not one only the org has). */
type FileStep = ConnectionStep & { file: ConnectionConfig };

const inFile = (c: ConnectionStep): c is FileStep => c.file !== undefined;
/** Never active before a passcode is stored: activated after storing it instead. */
const activeAtFirst = (c: ConnectionStep): boolean => c.active && (!c.setsPasscode || c.org?.hasPasscode === true);

export async function applyPlan(conn: Connection, plan: Plan, passcodes: Passcodes): Promise<ApplyResult> {
  const result: ApplyResult = { created: 0, updated: 0, passcodesStored: 0 };
  const steps = plan.connections.filter(inFile);
  const ids = await saveConnections(conn, steps, result);
  for (const step of steps.filter((c) => c.setsPasscode)) {
    const passcode = passcodes.get(step.name.trim().toLowerCase());
    if (passcode === undefined) throw new Error(`No passcode was given for connection "${step.name}".`);
    await conn.apex.put(PASSCODE_RESOURCE, { connectionId: ids.get(step), passcode });
    result.passcodesStored++;
  }
  const activate = steps.filter((c) => c.active && !activeAtFirst(c));
  await save(
    conn,
    'update',
    CONNECTION,
    activate.map((c) => ({ Id: ids.get(c), Active__c: true })),
  );
  await saveSyncs(conn, steps, ids, result);
  return result;
}

async function saveConnections(
  conn: Connection,
  steps: FileStep[],
  result: ApplyResult,
): Promise<Map<ConnectionStep, string>> {
  const ids = new Map<ConnectionStep, string>();
  for (const c of steps) if (c.org) ids.set(c, c.org.id);
  const creates = steps.filter((c) => c.change === 'create');
  const createdIds = await save(
    conn,
    'create',
    CONNECTION,
    creates.map((c) => connectionRecord(c.fields, activeAtFirst(c))),
  );
  creates.forEach((c, i) => ids.set(c, createdIds[i] as string));
  const updates = steps.filter((c) => c.change === 'update');
  await save(
    conn,
    'update',
    CONNECTION,
    updates.map((c) => ({ Id: ids.get(c), ...connectionRecord(c.fields, activeAtFirst(c)) })),
  );
  result.created += creates.length;
  result.updated += updates.length;
  return ids;
}

async function saveSyncs(
  conn: Connection,
  steps: FileStep[],
  ids: Map<ConnectionStep, string>,
  result: ApplyResult,
): Promise<void> {
  const all = steps.flatMap((c) => c.syncs.filter(syncInFile).map((sync) => ({ connectionId: ids.get(c), sync })));
  const creates = all.filter(({ sync }) => sync.change === 'create');
  const createdIds = await save(
    conn,
    'create',
    SYNC,
    creates.map(({ connectionId, sync }) => ({ ...syncRecord(sync.file), Connection__c: connectionId })),
  );
  const updates = all.filter(({ sync }) => sync.change === 'update').map(({ sync }) => sync);
  await save(
    conn,
    'update',
    SYNC,
    updates.map((sync) => ({ Id: sync.org?.id, ...syncRecord(sync.file) })),
  );
  // Mappings are replaced whole, as the wizard saves them: their order is part of the configuration.
  const replaced = updates.filter((sync) => sync.replacesMappings);
  await destroy(
    conn,
    MAPPING,
    replaced.flatMap((sync) => sync.org?.mappingIds ?? []),
  );
  const mappings = [
    ...creates.flatMap(({ sync }, i) => mappingRecords(createdIds[i] as string, sync.file.mappings)),
    ...replaced.flatMap((sync) => mappingRecords(sync.org?.id as string, sync.file.mappings)),
  ];
  await save(conn, 'create', MAPPING, mappings);
  result.created += creates.length;
  result.updated += updates.length;
}

const syncInFile = (s: SyncStep): s is SyncStep & { file: SyncConfig } => s.file !== undefined;

/** Creates or updates records in all-or-none batches; the new Ids in order for creates. */
async function save(
  conn: Connection,
  operation: 'create' | 'update',
  objectName: string,
  records: Record<string, unknown>[],
): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < records.length; start += BATCH) {
    const batch = records.slice(start, start + BATCH);
    const results =
      operation === 'create'
        ? await conn.sobject(objectName).create(batch, { allOrNone: true })
        : await conn.sobject(objectName).update(batch as { Id: string }[], { allOrNone: true });
    for (const r of results) {
      if (!r.success) throw new Error(`${operation} ${objectName} refused: ${JSON.stringify(r.errors)}`);
      ids.push(r.id);
    }
  }
  return ids;
}

async function destroy(conn: Connection, objectName: string, ids: string[]): Promise<void> {
  for (let start = 0; start < ids.length; start += BATCH) {
    const results = await conn.sobject(objectName).destroy(ids.slice(start, start + BATCH), { allOrNone: true });
    for (const r of results)
      if (!r.success) throw new Error(`delete ${objectName} refused: ${JSON.stringify(r.errors)}`);
  }
}
