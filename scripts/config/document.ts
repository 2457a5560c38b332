/**
 * The config-as-code document: connections (never passcodes) with their syncs, field mappings and
 * filters, as `syncs:export` writes it and `syncs:import` reads it. The zod schema is the one
 * definition of what a file may say; every problem comes back with its JSON path and what is allowed.
 * The value rules mirror the package's own (CleverTapRules, CleverTapTemplate, CleverTapFilter): a
 * file that passes here saves in the org without the wizard's error messages.
 */
import { z } from 'zod';

export const DOCUMENT_FORMAT = 'clevertap-sync-config';
/** Bump when a reader of the previous version would misread a new file. */
export const DOCUMENT_VERSION = 1;

export const REGIONS = ['eu1', 'in1', 'us1', 'sg1', 'aps3', 'mec1', 'sk1'] as const;
const DELIVERY_MODES = ['Immediate', 'Scheduled'] as const;
const TARGETS = ['Profile', 'Event'] as const;
const TRIGGER_EVENTS = ['Create', 'Update', 'Delete', 'Undelete'] as const;
const DELETE_ACTIONS = ['None', 'Send Event', 'Delete Profile'] as const;
const DATA_TYPES = ['String', 'Number', 'Boolean', 'Date', 'Multi-value'] as const;
const FILTER_OPERATORS = [
  'equals',
  'not equals',
  'contains',
  'starts with',
  'greater than',
  'less than',
  'is null',
  'is not null',
  'is changed',
  'changed from',
  'changed to',
] as const;

/** CleverTap's key rules (clevertap-api.md; the package's CleverTapRules.keyProblem). */
const MAX_KEY_LENGTH = 120;
const PROHIBITED_IN_KEYS = /[%><!|&.:;$'"\\#]/;
const PROHIBITED_IN_EVENT_NAMES = /[%><!|&.:;$'"\\]/;
/** System events CleverTap refuses to ingest, compared case- and space-insensitively. */
const RESTRICTED_EVENTS = new Set([
  'notificationsent',
  'notificationviewed',
  'notificationclicked',
  'notificationdelivered',
  'notificationreplied',
  'notificationbounced',
  'notificationfailed',
  'utmvisited',
  'applaunched',
  'appuninstalled',
  'appversionchanged',
  'stayed',
  'replysent',
  'experimentrendered',
  'reachableby',
  'identityreset',
  'identityset',
  'identityerror',
  'wzrk_d',
  'partnersync',
]);

/** `{{ Object.Field }}` tokens as CleverTapTemplate reads them. */
const TOKEN = /\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g;
const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const FIELD_PATH = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;

/** The field paths of a template's tokens, in order. */
export function templatePaths(template: string): string[] {
  return [...template.matchAll(TOKEN)].map((match) => match[1] as string);
}

/** Why a template cannot be read as CleverTapTemplate reads it, or undefined when it can. */
function templateSyntaxProblem(template: string): string | undefined {
  const rest = template.replace(TOKEN, '');
  if (rest.includes('{{') || rest.includes('}}'))
    return 'has a "{{" or "}}" that is not part of a {{Object.Field}} token (letters, digits, _ and . between the braces)';
  const bad = templatePaths(template).find((path) => !FIELD_PATH.test(path));
  return bad === undefined ? undefined : `has a token {{${bad}}} that is not a field path such as {{Lead.Email}}`;
}

const text = (max: number, what: string) =>
  z
    .string({ error: `must be ${what}` })
    .trim()
    .min(1, { error: `must not be empty: ${what}` })
    .max(max, { error: `must be at most ${max} characters` });

const template = (what: string) =>
  text(255, what).superRefine((value, ctx) => {
    const problem = templateSyntaxProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: () => `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}` });

const criterionSchema = z.strictObject({
  field: z.string().regex(FIELD_PATH, { error: 'must be a field path such as Status or Account.Industry' }),
  operator: oneOf(FILTER_OPERATORS),
  value: z.string().max(255).nullable().default(null),
});

const filterSchema = z.strictObject({
  logic: oneOf(['AND', 'OR']).default('AND'),
  criteria: z.array(criterionSchema).min(1, { error: 'must hold at least one criterion (or set filter to null)' }),
});

const mappingSchema = z.strictObject({
  targetField: text(MAX_KEY_LENGTH, 'the CleverTap property name').refine((key) => !PROHIBITED_IN_KEYS.test(key), {
    error: `must not contain any of % > < ! | & . : ; $ ' " \\ #`,
  }),
  sourceField: z
    .string()
    .trim()
    .regex(FIELD_PATH, { error: 'must be a field path such as Email or Lead.Account.Name' })
    .max(255),
  dataType: oneOf(DATA_TYPES),
});

const eventName = template('the CleverTap event name, e.g. "Opportunity Won"').refine(
  (name) => {
    const literal = name.replace(TOKEN, '');
    return !RESTRICTED_EVENTS.has(name.replace(/\s/g, '').toLowerCase()) && !PROHIBITED_IN_EVENT_NAMES.test(literal);
  },
  { error: `must not be a CleverTap system event (e.g. "App Launched") nor contain % > < ! | & . : ; $ ' " \\` },
);

const syncSchema = z
  .strictObject({
    name: text(80, 'the sync name'),
    active: z.boolean().default(true),
    sourceObject: z.string().regex(API_NAME, { error: 'must be an object API name such as Lead or Invoice__c' }),
    target: oneOf(TARGETS),
    customerIdTemplate: template('the Customer ID template, e.g. "SF_Lead_{{Lead.Id}}"'),
    eventNameTemplate: eventName.nullable().default(null),
    eventTimestampField: z
      .string()
      .regex(FIELD_PATH, { error: 'must be a field path such as CloseDate' })
      .max(80)
      .nullable()
      .default(null),
    triggerEvents: z.array(oneOf(TRIGGER_EVENTS)).default(['Create', 'Update']),
    deleteAction: oneOf(DELETE_ACTIONS).default('None'),
    deleteEventName: eventName.nullable().default(null),
    onlyWhenChanged: z.boolean().default(false),
    filter: filterSchema.nullable().default(null),
    mappings: z.array(mappingSchema).default([]),
  })
  .superRefine((sync, ctx) => {
    if (sync.target === 'Event' && sync.eventNameTemplate === null)
      ctx.addIssue({ code: 'custom', path: ['eventNameTemplate'], message: 'is required when target is "Event"' });
    if (sync.target === 'Profile' && sync.eventNameTemplate !== null)
      ctx.addIssue({ code: 'custom', path: ['eventNameTemplate'], message: 'must be null when target is "Profile"' });
    if (sync.deleteAction === 'Send Event' && sync.deleteEventName === null)
      ctx.addIssue({
        code: 'custom',
        path: ['deleteEventName'],
        message: 'is required when deleteAction is "Send Event"',
      });
    if (sync.deleteAction !== 'Send Event' && sync.deleteEventName !== null)
      ctx.addIssue({
        code: 'custom',
        path: ['deleteEventName'],
        message: 'is only used when deleteAction is "Send Event"',
      });
    duplicates(sync.triggerEvents, (e) => e).forEach((i) =>
      ctx.addIssue({ code: 'custom', path: ['triggerEvents', i], message: 'is listed twice' }),
    );
    duplicates(sync.mappings, (m) => m.targetField.toLowerCase()).forEach((i) =>
      ctx.addIssue({ code: 'custom', path: ['mappings', i, 'targetField'], message: 'is mapped twice in this sync' }),
    );
  });

/**
 * A connection's own settings are optional as a group: a file (such as a template) may name an
 * existing connection and bring only syncs for it; whatever it leaves out stays as the org has it.
 */
const connectionSchema = z
  .strictObject({
    name: text(80, 'the connection name'),
    region: oneOf(REGIONS).optional(),
    accountId: text(64, 'the CleverTap account ID')
      .regex(/^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/, {
        error: 'must look like a CleverTap account ID such as W67-774-7Z5Z',
      })
      .optional(),
    deliveryMode: oneOf(DELIVERY_MODES).optional(),
    defaultCountryCode: z
      .string()
      .regex(/^[0-9]{1,4}$/, { error: 'must be the calling code in digits only, e.g. "44" (United Kingdom) or "1"' })
      .nullable()
      .optional(),
    active: z.boolean().optional(),
    syncs: z.array(syncSchema).default([]),
  })
  .superRefine((connection, ctx) => {
    if ((connection.region === undefined) !== (connection.accountId === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [connection.region === undefined ? 'region' : 'accountId'],
        message: "is missing: give both region and accountId, or neither to keep the org's connection as it is",
      });
    duplicates(connection.syncs, (s) => s.name.toLowerCase()).forEach((i) =>
      ctx.addIssue({
        code: 'custom',
        path: ['syncs', i, 'name'],
        message: 'is used by another sync of this connection',
      }),
    );
  });

const documentSchema = z
  .strictObject({
    format: z.literal(DOCUMENT_FORMAT, { error: `must be "${DOCUMENT_FORMAT}"` }),
    version: z.literal(DOCUMENT_VERSION, { error: `must be ${DOCUMENT_VERSION}` }),
    connections: z.array(connectionSchema),
  })
  .superRefine((doc, ctx) => {
    duplicates(doc.connections, (c) => c.name.toLowerCase()).forEach((i) =>
      ctx.addIssue({ code: 'custom', path: ['connections', i, 'name'], message: 'is used by another connection' }),
    );
  });

export type ConfigDocument = z.output<typeof documentSchema>;
export type ConnectionConfig = ConfigDocument['connections'][number];
/** A connection's settings as an org holds them: every one has a value. */
export type ConnectionFields = Required<Omit<ConnectionConfig, 'syncs'>>;
/** What a new connection gets for the settings a file leaves out. */
export const CONNECTION_DEFAULTS = { deliveryMode: 'Immediate', defaultCountryCode: null, active: true } as const;
export type SyncConfig = ConnectionConfig['syncs'][number];
export type MappingConfig = SyncConfig['mappings'][number];
export type FilterConfig = NonNullable<SyncConfig['filter']>;

/** A problem in a file: `$.connections[0].syncs[1].target must be one of "Profile", "Event"`. */
export interface DocumentProblem {
  path: string;
  message: string;
}

export type ParseResult = { ok: true; document: ConfigDocument } | { ok: false; problems: DocumentProblem[] };

/** Reads a document; a file from a newer version of this tool is refused before anything else is said. */
export function parseDocument(input: unknown): ParseResult {
  const version = (input as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > DOCUMENT_VERSION)
    return {
      ok: false,
      problems: [
        {
          path: '$.version',
          message: `is ${version}, written by a newer version of this tool; this one reads version ${DOCUMENT_VERSION}: update the project and try again`,
        },
      ],
    };
  const parsed = documentSchema.safeParse(input);
  if (parsed.success) return { ok: true, document: parsed.data };
  return { ok: false, problems: parsed.error.issues.map(problemOf) };
}

function problemOf(issue: z.core.$ZodIssue): DocumentProblem {
  if (issue.code === 'unrecognized_keys')
    return {
      path: jsonPath(issue.path),
      message: `has ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}, which this format does not know (a typo, or a file for a newer version?)`,
    };
  return { path: jsonPath(issue.path), message: issue.message };
}

function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}.${String(key)}`), '$');
}

/** Indexes of the items whose key was already seen earlier in the list. */
function duplicates<T>(items: readonly T[], key: (item: T) => string): number[] {
  const seen = new Set<string>();
  return items.flatMap((item, index) => {
    const k = key(item);
    if (seen.has(k)) return [index];
    seen.add(k);
    return [];
  });
}

/**
 * The document as text: keys in the schema's order (every object is rebuilt below in that order),
 * connections and syncs sorted by name, mappings in their configured order, so exports diff well.
 */
export function formatDocument(doc: ConfigDocument): string {
  const byName = <T extends { name: string }>(a: T, b: T): number =>
    a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0;
  const ordered: ConfigDocument = {
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    connections: [...doc.connections].sort(byName).map((c) => ({
      name: c.name,
      region: c.region,
      accountId: c.accountId,
      deliveryMode: c.deliveryMode,
      defaultCountryCode: c.defaultCountryCode,
      active: c.active,
      syncs: [...c.syncs].sort(byName).map(canonicalSync),
    })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** A sync with its keys in the schema's order and its trigger events in the picklist's order. */
export function canonicalSync(s: SyncConfig): SyncConfig {
  return {
    name: s.name,
    active: s.active,
    sourceObject: s.sourceObject,
    target: s.target,
    customerIdTemplate: s.customerIdTemplate,
    eventNameTemplate: s.eventNameTemplate,
    eventTimestampField: s.eventTimestampField,
    triggerEvents: TRIGGER_EVENTS.filter((e) => s.triggerEvents.includes(e)),
    deleteAction: s.deleteAction,
    deleteEventName: s.deleteEventName,
    onlyWhenChanged: s.onlyWhenChanged,
    filter: s.filter && {
      logic: s.filter.logic,
      criteria: s.filter.criteria.map((c) => ({ field: c.field, operator: c.operator, value: c.value })),
    },
    mappings: s.mappings.map((m) => ({ targetField: m.targetField, sourceField: m.sourceField, dataType: m.dataType })),
  };
}
