// The in-memory org: the project's classes and triggers, its schema, custom metadata records,
// labels, and the record store with platform-shaped Ids.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { listFiles } from '../../../../scripts/lib/files.ts';
import { readProject } from '../../../../scripts/lib/project.ts';
import { readCustomLabels } from '../../../../scripts/lib/labels.ts';
import { loadSchema, type Schema, type SchemaObject } from '../../../../scripts/lib/schema.ts';
import type { ClassDecl, TriggerDecl } from '../language/ast.ts';
import type { ClassInfo } from '../language/classes.ts';
import { ApexConverter, type SoqlConverter } from '../language/parse.ts';
import type { OrgData } from '../platform/context.ts';
import { RecordStore } from '../platform/store.ts';
import { ApexDecimal, ApexId, type Value } from '../language/values.ts';

/** Key prefixes of the standard objects the package touches (real platform prefixes). */
const STANDARD_PREFIXES: Record<string, string> = {
  account: '001',
  contact: '003',
  lead: '00Q',
  opportunity: '006',
  case: '500',
  campaign: '701',
  campaignmember: '00v',
  task: '00T',
  event: '00U',
  contract: '800',
  product2: '01t',
  opportunitylineitem: '00k',
  asset: '02i',
  pricebook2: '01s',
  pricebookentry: '01u',
  quote: '0Q0',
  order: '801',
  orderitem: '802',
  serviceappointment: '08p',
  user: '005',
  profile: '00e',
  permissionset: '0PS',
  permissionsetassignment: '0Pa',
  asyncapexjob: '707',
  apexclass: '01p',
  crontrigger: '08e',
  organization: '00D',
  recordtype: '012',
  group: '00G',
};

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export class Org implements OrgData {
  readonly root: string;
  readonly schema: Schema;
  readonly classDecls: ClassDecl[] = [];
  readonly triggers = new Map<string, TriggerDecl[]>();
  readonly classes = new Map<string, ClassInfo>();
  readonly labels = new Map<string, string>();
  /** Hosts of the project's active Remote Site Settings (callouts elsewhere are refused outside tests). */
  readonly remoteSites: URL[] = [];
  readonly store = new RecordStore();
  private readonly prefixes = new Map<string, string>();
  private readonly counters = new Map<string, number>();

  constructor(root: string, soql?: SoqlConverter) {
    this.root = root;
    this.schema = loadSchema(root);
    this.assignCustomPrefixes();
    const dirs = readProject(root).packageDirs;
    for (const file of dirs.flatMap((dir) =>
      listFiles(dir, (name) => name.endsWith('.cls') || name.endsWith('.trigger')),
    )) {
      const source = readFileSync(file, 'utf8');
      const converter = new ApexConverter(path.relative(root, file), soql);
      if (file.endsWith('.cls')) {
        this.classDecls.push(converter.classUnit(source));
      } else {
        const trigger = converter.triggerUnit(source);
        const key = trigger.object.toLowerCase();
        this.triggers.set(key, [...(this.triggers.get(key) ?? []), trigger]);
      }
    }
    for (const [name, value] of readCustomLabels(root)) this.labels.set(name.toLowerCase(), value);
    for (const dir of dirs) {
      this.loadCustomMetadata(dir);
      this.loadRemoteSites(dir);
    }
  }

  /** Custom objects get deterministic `a0x` prefixes, metadata types `m0x`, events `e0x`. */
  private assignCustomPrefixes(): void {
    const counters = { a: 0, m: 0, e: 0 };
    for (const object of this.schema.listObjects().sort((x, y) => x.name.localeCompare(y.name))) {
      const key = object.name.toLowerCase();
      const standard = STANDARD_PREFIXES[key];
      if (standard) {
        this.prefixes.set(key, standard);
        continue;
      }
      const letter = object.kind === 'customMetadata' ? 'm' : object.kind === 'platformEvent' ? 'e' : 'a';
      const n = counters[letter]++;
      this.prefixes.set(key, `${letter}${BASE62[Math.floor(n / 62) % 62]}${BASE62[n % 62]}`);
    }
  }

  keyPrefix(object: SchemaObject): string {
    return this.prefixes.get(object.name.toLowerCase()) ?? '000';
  }

  objectForPrefix(prefix: string): SchemaObject | undefined {
    for (const [key, p] of this.prefixes) if (p === prefix) return this.schema.getObject(key);
    return undefined;
  }

  /** A new 18-character Id: prefix, a pod-like '5g', then a base-62 counter. */
  newId(object: SchemaObject): ApexId {
    const prefix = this.keyPrefix(object);
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    let digits = '';
    for (let rest = n; digits.length < 10; rest = Math.floor(rest / 62)) digits = BASE62[rest % 62] + digits;
    return new ApexId(`${prefix}5g${digits}`);
  }

  /** The per-prefix Id counters, for the local org's saved state. */
  idCounters(): [string, number][] {
    return [...this.counters];
  }

  /** Restores saved counters; prefixes not listed keep their current value. */
  setIdCounters(counters: [string, number][]): void {
    for (const [prefix, n] of counters) this.counters.set(prefix, n);
  }

  private loadCustomMetadata(dir: string): void {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
    for (const file of listFiles(dir, (name) => name.endsWith('.md-meta.xml'))) {
      const [typeName, developerName] = path.basename(file, '.md-meta.xml').split('.');
      const object = this.schema.getObject(`${typeName}__mdt`);
      if (!object || !developerName) continue;
      const doc = parser.parse(readFileSync(file, 'utf8')) as { CustomMetadata: MetadataRecordXml };
      const fields = new Map<string, Value>();
      const id = this.newId(object);
      fields.set('id', id);
      fields.set('developername', developerName);
      fields.set('masterlabel', String(doc.CustomMetadata.label));
      fields.set('label', String(doc.CustomMetadata.label));
      fields.set('qualifiedapiname', developerName);
      fields.set('namespaceprefix', null);
      for (const entry of ([] as MetadataValueXml[]).concat(doc.CustomMetadata.values ?? [])) {
        fields.set(String(entry.field).toLowerCase(), metadataValue(entry.value));
      }
      this.store.put({ id, object, fields, deleted: false });
    }
  }

  private loadRemoteSites(dir: string): void {
    const parser = new XMLParser();
    for (const file of listFiles(dir, (name) => name.endsWith('.remoteSite-meta.xml'))) {
      const site = (
        parser.parse(readFileSync(file, 'utf8')) as { RemoteSiteSetting: { url: string; isActive: boolean } }
      ).RemoteSiteSetting;
      if (site.isActive) this.remoteSites.push(new URL(site.url));
    }
  }
}

interface MetadataValueXml {
  field: string;
  value: string | number | boolean | { '#text'?: string | number | boolean; '@xsi:type'?: string; '@xsi:nil'?: string };
}

interface MetadataRecordXml {
  label: string;
  values?: MetadataValueXml | MetadataValueXml[];
}

function metadataValue(raw: MetadataValueXml['value']): Value {
  if (typeof raw !== 'object') return typeof raw === 'number' ? ApexDecimal.fromNumber(raw) : raw;
  if (raw['@xsi:nil'] === 'true') return null;
  const text = raw['#text'];
  const type = raw['@xsi:type'];
  if (text === undefined) return type === 'xsd:string' ? '' : null;
  if (type === 'xsd:boolean') return text === true || text === 'true';
  if (type === 'xsd:double' || type === 'xsd:int') return ApexDecimal.parse(String(text));
  return String(text);
}
