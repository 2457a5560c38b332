/**
 * The package's configuration as it stands in an org, read and written through the REST API
 * (jsforce): connections, syncs and field mappings are ordinary records of the package's objects;
 * passcodes never leave the org, and only the Apex REST resource CleverTapPasscodeResource says
 * whether one is stored or stores a new one.
 */
import type { Connection } from 'jsforce';
import type { ConnectionFields, FilterConfig, MappingConfig, SyncConfig } from './document.ts';

/** Where CleverTapPasscodeResource listens (its @RestResource urlMapping). */
export const PASSCODE_RESOURCE = '/clevertap/v1/passcode';

export interface OrgSync {
  id: string;
  config: SyncConfig;
  mappingIds: string[];
}

export interface OrgConnection {
  id: string;
  hasPasscode: boolean;
  fields: ConnectionFields;
  syncs: OrgSync[];
}

export interface OrgState {
  connections: OrgConnection[];
}

type Row = Record<string, unknown> & { Id: string };

const CONNECTION_FIELDS = 'Id, Name, Region__c, Account_Id__c, Delivery_Mode__c, Default_Country_Code__c, Active__c';
const SYNC_FIELDS =
  'Id, Name, Connection__c, Active__c, Source_Object__c, Target_Entity__c, Customer_Id_Template__c, ' +
  'Event_Name_Template__c, Event_Timestamp_Field__c, Trigger_Events__c, Delete_Action__c, Delete_Event_Name__c, ' +
  'Only_When_Changed__c, Filter__c';
const MAPPING_FIELDS = 'Id, Sync__c, Order__c, Target_Field__c, Source_Field__c, Data_Type__c';

/** Every row of a query, following `nextRecordsUrl` until the last page. */
export async function queryAll(conn: Connection, soql: string): Promise<Row[]> {
  let page = await conn.query<Row>(soql, { autoFetch: false });
  const rows = [...page.records];
  while (!page.done && page.nextRecordsUrl) {
    page = await conn.queryMore<Row>(page.nextRecordsUrl);
    rows.push(...page.records);
  }
  return rows;
}

export async function readOrgState(conn: Connection): Promise<OrgState> {
  const [connections, syncs, mappings, passcodes] = await Promise.all([
    queryAll(conn, `SELECT ${CONNECTION_FIELDS} FROM CleverTap_Connection__c ORDER BY Name`),
    queryAll(conn, `SELECT ${SYNC_FIELDS} FROM CleverTap_Sync__c ORDER BY Name`),
    queryAll(conn, `SELECT ${MAPPING_FIELDS} FROM CleverTap_Field_Mapping__c ORDER BY Sync__c, Order__c`),
    readPasscodeStatus(conn),
  ]);
  const mappingsBySync = groupBy(mappings, (m) => String(m.Sync__c));
  const syncsByConnection = groupBy(syncs, (s) => String(s.Connection__c));
  return {
    connections: connections.map((c) => ({
      id: c.Id,
      hasPasscode: passcodes.has(c.Id.slice(0, 15)),
      fields: connectionFieldsOf(c),
      syncs: (syncsByConnection.get(c.Id) ?? []).map((s) => {
        const rows = mappingsBySync.get(s.Id) ?? [];
        return { id: s.Id, config: syncConfigOf(s, rows), mappingIds: rows.map((m) => m.Id) };
      }),
    })),
  };
}

/** The 15-character Ids of the connections with a stored passcode. */
async function readPasscodeStatus(conn: Connection): Promise<Set<string>> {
  const answer = await conn.apex.get<{ connections: { connectionId: string; hasPasscode: boolean }[] }>(
    PASSCODE_RESOURCE,
  );
  return new Set(answer.connections.filter((c) => c.hasPasscode).map((c) => c.connectionId.slice(0, 15)));
}

function connectionFieldsOf(row: Row): ConnectionFields {
  return {
    name: String(row.Name),
    region: row.Region__c as ConnectionFields['region'],
    accountId: String(row.Account_Id__c),
    deliveryMode: (row.Delivery_Mode__c ?? 'Immediate') as ConnectionFields['deliveryMode'],
    defaultCountryCode: (row.Default_Country_Code__c as string | null) ?? null,
    active: row.Active__c === true,
  };
}

function syncConfigOf(row: Row, mappings: Row[]): SyncConfig {
  const text = (name: string): string | null => (row[name] as string | null | undefined) ?? null;
  return {
    name: String(row.Name),
    active: row.Active__c === true,
    sourceObject: String(row.Source_Object__c),
    target: row.Target_Entity__c as SyncConfig['target'],
    customerIdTemplate: String(row.Customer_Id_Template__c),
    eventNameTemplate: text('Event_Name_Template__c'),
    eventTimestampField: text('Event_Timestamp_Field__c'),
    triggerEvents: (text('Trigger_Events__c') ?? '').split(';').filter(Boolean) as SyncConfig['triggerEvents'],
    deleteAction: (text('Delete_Action__c') ?? 'None') as SyncConfig['deleteAction'],
    deleteEventName: text('Delete_Event_Name__c'),
    onlyWhenChanged: row.Only_When_Changed__c === true,
    filter: filterOf(text('Filter__c')),
    mappings: mappings.map((m): MappingConfig => ({
      targetField: String(m.Target_Field__c),
      sourceField: String(m.Source_Field__c),
      dataType: m.Data_Type__c as MappingConfig['dataType'],
    })),
  };
}

/** Filter__c as CleverTapFilter stores it; an unreadable one is exported as it is, to fail on import. */
function filterOf(json: string | null): FilterConfig | null {
  if (json === null || json.trim() === '') return null;
  const raw = JSON.parse(json) as { logic?: string; criteria?: { field: string; operator: string; value?: unknown }[] };
  return {
    logic: (raw.logic ?? 'AND').toUpperCase() as FilterConfig['logic'],
    criteria: (raw.criteria ?? []).map((c) => ({
      field: c.field,
      operator: c.operator.toLowerCase() as FilterConfig['criteria'][number]['operator'],
      value: c.value === undefined || c.value === null ? null : String(c.value),
    })),
  };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

// ---- writing ----

export function connectionRecord(fields: ConnectionFields, active: boolean): Record<string, unknown> {
  return {
    Name: fields.name,
    // The connections form keys connections by their lower-cased name (unique), and so does import.
    Connection_Key__c: fields.name.toLowerCase(),
    Region__c: fields.region,
    Account_Id__c: fields.accountId,
    Delivery_Mode__c: fields.deliveryMode,
    Default_Country_Code__c: fields.defaultCountryCode,
    Active__c: active,
  };
}

export function syncRecord(sync: SyncConfig): Record<string, unknown> {
  return {
    Name: sync.name,
    Active__c: sync.active,
    Source_Object__c: sync.sourceObject,
    Target_Entity__c: sync.target,
    Customer_Id_Template__c: sync.customerIdTemplate,
    Event_Name_Template__c: sync.eventNameTemplate,
    Event_Timestamp_Field__c: sync.eventTimestampField,
    Trigger_Events__c: sync.triggerEvents.join(';'),
    Delete_Action__c: sync.deleteAction,
    Delete_Event_Name__c: sync.deleteEventName,
    Only_When_Changed__c: sync.onlyWhenChanged,
    Filter__c: sync.filter ? JSON.stringify(sync.filter) : null,
  };
}

export function mappingRecords(syncId: string, mappings: MappingConfig[]): Record<string, unknown>[] {
  return mappings.map((m, order) => ({
    Sync__c: syncId,
    Order__c: order,
    Target_Field__c: m.targetField,
    Source_Field__c: m.sourceField,
    Data_Type__c: m.dataType,
  }));
}
