/**
 * The checks a file can only pass against a given org: its source objects exist there and are ones the
 * package can capture, their trigger events are ones the platform fires for that object, and every
 * field path (templates, mappings, filters, event timestamp) resolves through the org's describe —
 * the same walk CleverTapFieldPath.validate does when the wizard saves.
 */
import { templatePaths, type ConfigDocument, type DocumentProblem, type SyncConfig } from './document.ts';
import { queryAll } from './org-state.ts';

/** What the checks need from an org; jsforce's Connection provides it (see `orgSchemaOf`). */
export interface OrgSchema {
  /** API names of the org's objects. */
  objects(): Promise<string[]>;
  describe(objectName: string): Promise<ObjectDescribe>;
  /** Object → trigger events, from the package's CleverTap_Object_Setting__mdt records. */
  objectSettings(): Promise<Map<string, string[]>>;
}

export interface ObjectDescribe {
  name: string;
  fields: { name: string; type: string; relationshipName?: string | null; referenceTo?: string[] | null }[];
}

/** Objects of the package itself: never a sync's source. */
const PACKAGE_OBJECT = /^CleverTap_/i;

export async function checkAgainstOrg(doc: ConfigDocument, schema: OrgSchema): Promise<DocumentProblem[]> {
  const objects = new Map((await schema.objects()).map((name) => [name.toLowerCase(), name]));
  const settings = new Map([...(await schema.objectSettings())].map(([name, events]) => [name.toLowerCase(), events]));
  const describes = new Map<string, Promise<ObjectDescribe>>();
  const describe = (name: string): Promise<ObjectDescribe> => {
    const k = name.toLowerCase();
    if (!describes.has(k)) describes.set(k, schema.describe(name));
    return describes.get(k) as Promise<ObjectDescribe>;
  };
  const problems: DocumentProblem[] = [];
  for (const [i, connection] of doc.connections.entries()) {
    for (const [j, sync] of connection.syncs.entries()) {
      const at = `$.connections[${i}].syncs[${j}]`;
      const objectName = objects.get(sync.sourceObject.toLowerCase());
      const supported = sourceProblem(sync.sourceObject, objectName, settings);
      if (supported) {
        problems.push({ path: `${at}.sourceObject`, message: supported });
        continue;
      }
      const allowed = settings.get(sync.sourceObject.toLowerCase()) ?? ['Create', 'Update', 'Delete', 'Undelete'];
      sync.triggerEvents.forEach((event, k) => {
        if (!allowed.includes(event))
          problems.push({
            path: `${at}.triggerEvents[${k}]`,
            message: `is "${event}", which the platform does not report for ${objectName}; allowed: ${allowed.join(', ')}`,
          });
      });
      for (const { path, fieldPath } of fieldPathsOf(sync)) {
        const problem = await pathProblem(
          objectName as string,
          relative(sync.sourceObject, fieldPath),
          describe,
          objects,
        );
        if (problem) problems.push({ path: `${at}.${path}`, message: problem });
      }
    }
  }
  return problems;
}

function sourceProblem(
  requested: string,
  objectName: string | undefined,
  settings: Map<string, string[]>,
): string | undefined {
  const supported = [...settings.keys()].length;
  if (objectName === undefined)
    return `is "${requested}", which is not an object of this org (or not one you can see): check its API name, and that the feature it needs is enabled`;
  if (PACKAGE_OBJECT.test(objectName))
    return `is "${objectName}", an object of the package itself, which cannot be synced`;
  if (!objectName.endsWith('__c') && !settings.has(objectName.toLowerCase()))
    return `is "${objectName}", a standard object the package does not capture (${supported} are supported, plus custom objects)`;
  return undefined;
}

/** Every field path a sync reads, with where it sits in the file. */
function fieldPathsOf(sync: SyncConfig): { path: string; fieldPath: string }[] {
  const paths: { path: string; fieldPath: string }[] = [];
  const template = (name: 'customerIdTemplate' | 'eventNameTemplate' | 'deleteEventName'): void => {
    for (const p of templatePaths(sync[name] ?? '')) paths.push({ path: name, fieldPath: p });
  };
  template('customerIdTemplate');
  template('eventNameTemplate');
  template('deleteEventName');
  if (sync.eventTimestampField) paths.push({ path: 'eventTimestampField', fieldPath: sync.eventTimestampField });
  sync.mappings.forEach((m, k) => paths.push({ path: `mappings[${k}].sourceField`, fieldPath: m.sourceField }));
  sync.filter?.criteria.forEach((c, k) => paths.push({ path: `filter.criteria[${k}].field`, fieldPath: c.field }));
  return paths;
}

/** `Lead.Email` on Lead is `Email` (CleverTapFieldPath.relative). */
function relative(objectName: string, path: string): string {
  const prefix = `${objectName.toLowerCase()}.`;
  return path.toLowerCase().startsWith(prefix) ? path.slice(prefix.length) : path;
}

async function pathProblem(
  objectName: string,
  path: string,
  describe: (name: string) => Promise<ObjectDescribe>,
  objects: Map<string, string>,
): Promise<string | undefined> {
  const parts = path.split('.');
  let current = objectName;
  for (const [i, part] of parts.entries()) {
    const { fields } = await describe(current);
    const last = i === parts.length - 1;
    const field = last
      ? fields.find((f) => f.name.toLowerCase() === part.toLowerCase())
      : fields.find((f) => f.type === 'reference' && f.relationshipName?.toLowerCase() === part.toLowerCase());
    if (!field)
      return `reads "${path}": ${objectName} has no ${last ? 'field' : 'relationship'} "${part}" on ${current}`;
    if (last) return undefined;
    const targets = field.referenceTo ?? [];
    if (targets.length !== 1)
      return `reads "${path}": "${part}" can point to several objects (${targets.join(', ')}); map a field of one object instead`;
    const next = objects.get((targets[0] as string).toLowerCase());
    if (!next) return `reads "${path}": "${part}" points to ${targets[0]}, which you cannot see in this org`;
    current = next;
  }
  return undefined;
}

/** The schema of an org reached through jsforce. */
export function orgSchemaOf(conn: import('jsforce').Connection): OrgSchema {
  return {
    objects: async () => (await conn.describeGlobal()).sobjects.map((o) => o.name),
    describe: async (name) => {
      const d = await conn.describe(name);
      return {
        name: d.name,
        fields: d.fields.map((f) => ({
          name: f.name,
          type: f.type,
          relationshipName: f.relationshipName ?? null,
          referenceTo: f.referenceTo ?? null,
        })),
      };
    },
    objectSettings: async () => {
      const rows = await queryAll(
        conn,
        'SELECT Object_Api_Name__c, Trigger_Events__c FROM CleverTap_Object_Setting__mdt',
      );
      return new Map(
        rows.map((r) => [
          String(r.Object_Api_Name__c),
          String(r.Trigger_Events__c ?? '')
            .split(';')
            .filter(Boolean),
        ]),
      );
    },
  };
}
