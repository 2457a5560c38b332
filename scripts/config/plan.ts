/**
 * What an import would do to an org: each connection and sync of the file matched with the org's by
 * name (case-insensitive, as the org keeps them unique), and classified create / update / unchanged;
 * what only the org has is listed and left alone. Pure: the same file and org state give the same plan,
 * and a plan computed after applying it has nothing left to do.
 */
import {
  canonicalSync,
  CONNECTION_DEFAULTS,
  type ConfigDocument,
  type ConnectionConfig,
  type ConnectionFields,
  type DocumentProblem,
  type SyncConfig,
} from './document.ts';
import type { OrgConnection, OrgState, OrgSync } from './org-state.ts';

export type Change = 'create' | 'update' | 'unchanged' | 'only in the org';

export interface ConnectionStep {
  change: Change;
  name: string;
  file?: ConnectionConfig;
  org?: OrgConnection;
  /** The connection's settings after the import: the file's, and the org's (or defaults) where it says nothing. */
  fields: ConnectionFields;
  /** The Active__c the connection will have: never active without a passcode. */
  active: boolean;
  /** A passcode will be stored (a new one came from the environment or the prompt). */
  setsPasscode: boolean;
  /** Active in the file, but no passcode is stored or given: saved inactive. */
  waitsForPasscode: boolean;
  differences: string[];
  syncs: SyncStep[];
}

export interface SyncStep {
  change: Change;
  name: string;
  file?: SyncConfig;
  org?: OrgSync;
  /** The mappings differ: the org's are replaced by the file's. */
  replacesMappings: boolean;
  differences: string[];
}

export interface Plan {
  connections: ConnectionStep[];
}

export interface PasscodeInput {
  /** Connection names (lower case) for which a passcode was given. */
  given: ReadonlySet<string>;
  /** Store given passcodes over ones the org already has (off by default, so re-imports change nothing). */
  replace: boolean;
}

export function planImport(doc: ConfigDocument, state: OrgState, passcodes: PasscodeInput): Plan {
  const inOrg = new Map(state.connections.map((c) => [key(c.fields.name), c]));
  const steps = doc.connections.map((file) => connectionStep(file, inOrg.get(key(file.name)), passcodes));
  const named = new Set(doc.connections.map((c) => key(c.name)));
  for (const org of state.connections) {
    if (named.has(key(org.fields.name))) continue;
    steps.push({
      change: 'only in the org',
      name: org.fields.name,
      org,
      fields: org.fields,
      active: org.fields.active,
      setsPasscode: false,
      waitsForPasscode: false,
      differences: [],
      syncs: org.syncs.map((s) => orgOnlySync(s)),
    });
  }
  return { connections: steps };
}

function connectionStep(
  file: ConnectionConfig,
  org: OrgConnection | undefined,
  passcodes: PasscodeInput,
): ConnectionStep {
  const given = passcodes.given.has(key(file.name));
  const setsPasscode = given && (!org?.hasPasscode || passcodes.replace);
  const willHavePasscode = given || org?.hasPasscode === true;
  const wanted = settingsOf(file, org);
  const active = wanted.active && willHavePasscode;
  const fields: ConnectionFields = { ...wanted, active };
  const differences = org ? differencesOf(org.fields, fields) : [];
  if (setsPasscode && org) differences.push(org.hasPasscode ? 'passcode: replaced' : 'passcode: stored');
  const syncs = syncSteps(file.syncs, org?.syncs ?? []);
  return {
    change: !org ? 'create' : differences.length > 0 ? 'update' : 'unchanged',
    name: file.name,
    file,
    org,
    fields,
    active,
    setsPasscode,
    waitsForPasscode: wanted.active && !willHavePasscode,
    differences,
    syncs,
  };
}

function syncSteps(files: SyncConfig[], orgs: OrgSync[]): SyncStep[] {
  const inOrg = new Map(orgs.map((s) => [key(s.config.name), s]));
  const steps = files.map((file): SyncStep => {
    const org = inOrg.get(key(file.name));
    if (!org) return { change: 'create', name: file.name, file, replacesMappings: false, differences: [] };
    const differences = differencesOf(canonicalSync(org.config), canonicalSync(file));
    return {
      change: differences.length > 0 ? 'update' : 'unchanged',
      name: file.name,
      file,
      org,
      replacesMappings: differences.some((d) => d.startsWith('mappings')),
      differences,
    };
  });
  const named = new Set(files.map((s) => key(s.name)));
  return [...steps, ...orgs.filter((s) => !named.has(key(s.config.name))).map(orgOnlySync)];
}

function orgOnlySync(org: OrgSync): SyncStep {
  return { change: 'only in the org', name: org.config.name, org, replacesMappings: false, differences: [] };
}

/** What the file says of a connection, over what the org has (or the defaults for a new one). */
function settingsOf(file: ConnectionConfig, org: OrgConnection | undefined): ConnectionFields {
  const base = org?.fields;
  const region = file.region ?? base?.region;
  const accountId = file.accountId ?? base?.accountId;
  // checkConnectionsExist refuses such a file before any plan is made.
  if (region === undefined || accountId === undefined)
    throw new Error(`Connection "${file.name}" is not in the org and the file gives no region and accountId.`);
  return {
    name: file.name,
    region,
    accountId,
    deliveryMode: file.deliveryMode ?? base?.deliveryMode ?? CONNECTION_DEFAULTS.deliveryMode,
    defaultCountryCode:
      file.defaultCountryCode === undefined
        ? (base?.defaultCountryCode ?? CONNECTION_DEFAULTS.defaultCountryCode)
        : file.defaultCountryCode,
    // A connection without a passcode is inactive for want of one, not by choice: it may become active.
    active: file.active ?? (org?.hasPasscode ? org.fields.active : CONNECTION_DEFAULTS.active),
  };
}

/** Connections a file only names (no region and accountId) must exist in the org. */
export function checkConnectionsExist(doc: ConfigDocument, state: OrgState): DocumentProblem[] {
  const inOrg = new Set(state.connections.map((c) => key(c.fields.name)));
  return doc.connections.flatMap((c, i) =>
    c.region === undefined && !inOrg.has(key(c.name))
      ? [
          {
            path: `$.connections[${i}].name`,
            message: `is "${c.name}", which is not a connection of this org: add it on the Connections tab first, give its region and accountId here, or import with --connection <existing name>`,
          },
        ]
      : [],
  );
}

/** `field: old → new` for each top-level value that differs. */
function differencesOf<T extends object>(before: T, after: T): string[] {
  return (Object.keys(after) as (keyof T & string)[]).flatMap((field) => {
    const was = JSON.stringify(before[field] ?? null);
    const now = JSON.stringify(after[field] ?? null);
    if (was === now) return [];
    if (field === 'mappings' || field === 'filter') return [`${field}: changed`];
    return [`${field}: ${was} → ${now}`];
  });
}

const key = (name: string): string => name.trim().toLowerCase();

/** True when applying the plan would change nothing. */
export function isNoop(plan: Plan): boolean {
  return plan.connections.every(
    (c) =>
      (c.change === 'unchanged' || c.change === 'only in the org') &&
      c.syncs.every((s) => s.change !== 'create' && s.change !== 'update'),
  );
}

/** The plan as the command prints it, one line per connection and sync, details indented. */
export function formatPlan(plan: Plan): string {
  const lines: string[] = [];
  for (const c of plan.connections) {
    lines.push(`${label(c.change)} connection "${c.name}"`);
    for (const d of c.differences) lines.push(`      ${d}`);
    if (c.change === 'create' && c.setsPasscode) lines.push('      passcode: stored');
    if (c.waitsForPasscode)
      lines.push(
        `      saved inactive: no passcode stored or given (set ${passcodeVariable(c.name)} or answer the prompt)`,
      );
    for (const s of c.syncs) {
      lines.push(`  ${label(s.change)} sync "${s.name}"`);
      for (const d of s.differences) lines.push(`        ${d}`);
    }
  }
  const counts = countChanges(plan);
  lines.push(
    `Plan: ${counts.create} to create, ${counts.update} to update, ${counts.unchanged} unchanged, ${counts['only in the org']} only in the org (left as they are).`,
  );
  return lines.join('\n');
}

function label(change: Change): string {
  return { create: '+ create   ', update: '~ update   ', unchanged: '= unchanged', 'only in the org': '? org only ' }[
    change
  ];
}

export function countChanges(plan: Plan): Record<Change, number> {
  const counts: Record<Change, number> = { create: 0, update: 0, unchanged: 0, 'only in the org': 0 };
  for (const c of plan.connections) {
    counts[c.change]++;
    for (const s of c.syncs) counts[s.change]++;
  }
  return counts;
}

/** The environment variable holding a connection's passcode: `Production EU` → `CLEVERTAP_PASSCODE_PRODUCTION_EU`. */
export function passcodeVariable(connectionName: string): string {
  const suffix = connectionName
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return `CLEVERTAP_PASSCODE_${suffix}`;
}
