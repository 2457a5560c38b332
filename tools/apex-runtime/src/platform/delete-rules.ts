// What deleting a record does to the records whose lookups point at it. Custom relationships follow
// their metadata; standard ones follow the table below, whose every row names its source. A standard
// relationship the table does not list is refused loudly (only when a live record uses it): the
// platform's answer for it is not documented where we could read it, and a guess would be a plausible
// wrong answer.
import type { SchemaField, SchemaObject } from '../../../../scripts/lib/schema.ts';
import type { ApexId } from '../language/values.ts';
import type { StoredRecord } from './store.ts';

/**
 * - `cascade`: the child goes to the Recycle Bin with the parent, firing no trigger, and comes back
 *   when the parent is undeleted.
 * - `restrict`: the parent's delete fails with DELETE_FAILED while a live child points at it.
 * - `clear`: the lookup is cleared (no trigger fires on the child); undeleting the parent restores it
 *   unless it was set again meanwhile.
 * - `ignore`: a field no DML of this runtime ever sets (merge-only, or derived by the platform).
 * - `unsupported`: refused loudly when a live child points at a deleted parent.
 */
export type DeleteEffect = 'cascade' | 'restrict' | 'clear' | 'ignore' | 'unsupported';

export interface Decision {
  effect: DeleteEffect;
  /** Why the runtime refuses (unsupported only). */
  why?: string;
}

export interface Relation {
  /** The child object and its lookup field (lower-case key). */
  object: SchemaObject;
  field: string;
  /** `Child.Field`, as Salesforce spells it, for messages. */
  label: string;
  /** A field no DML here sets: its children need not be looked at. */
  ignored: boolean;
  decide(child: StoredRecord, deletingUser: ApexId): Decision;
}

const ACCOUNTS =
  'Salesforce Help, "Delete Accounts": a deleted account goes to the Recycle Bin with its contacts, opportunities, ' +
  'contracts that are not activated and activities, which are restored with it; an account with associated cases, ' +
  'activated contracts or opportunities owned by other users cannot be deleted (the current wording limits the last ' +
  'two to partner accounts). SOAP API Developer Guide, "undelete()": deleting an account deletes its contacts, and ' +
  'undelete restores what the delete cascaded.';
const ACCOUNT_CASES =
  'describe of Account (API 67.0, Developer Edition org): child relationship Case.AccountId has restrictedDelete=true.';
const CONTACT_DESCRIBE =
  'describe of Contact: child relationships ActivityHistory.WhoId (Tasks and Events) and Asset.ContactId have cascadeDelete=true.';
const REFERENTIAL_INTEGRITY =
  'Apex Developer Guide, "Deleting Records" → "Referential Integrity When Deleting and Restoring Records": undelete ' +
  'restores parent accounts (Account.ParentId), parent cases (Case.ParentId), managers of contacts ' +
  '(Contact.ReportsToId), products related to assets (Asset.Product2Id) and all custom lookup relationships, only ' +
  'where the lookup was not replaced meanwhile.';
const NOT_SET = 'Set only by merge (refused by this runtime) or derived by the platform from other fields.';

const always = (effect: DeleteEffect) => (): Decision => ({ effect });

interface Row {
  /** `Child.Field` */
  field: string;
  parent: string;
  decide(child: StoredRecord, deletingUser: ApexId): Decision;
  source: string;
}

/** Standard relationships whose delete behaviour is documented (or, for `ignore`, never exercised). */
const STANDARD_ROWS: Row[] = [
  { field: 'Contact.AccountId', parent: 'Account', decide: always('cascade'), source: ACCOUNTS },
  {
    field: 'Opportunity.AccountId',
    parent: 'Account',
    decide: (child, user) =>
      (child.fields.get('ownerid') as ApexId | null | undefined)?.value === user.value || !child.fields.get('ownerid')
        ? { effect: 'cascade' }
        : {
            effect: 'unsupported',
            why: 'the Help says an account whose opportunities other users own cannot be deleted, in words that limit it to partner accounts',
          },
    source: ACCOUNTS,
  },
  {
    field: 'Contract.AccountId',
    parent: 'Account',
    decide: (child) =>
      child.fields.get('statuscode') === 'Activated' || child.fields.get('status') === 'Activated'
        ? {
            effect: 'unsupported',
            why: 'the Help says an account with activated contracts cannot be deleted, in words that limit it to partner accounts',
          }
        : { effect: 'cascade' },
    source: ACCOUNTS,
  },
  { field: 'Case.AccountId', parent: 'Account', decide: always('restrict'), source: `${ACCOUNTS} ${ACCOUNT_CASES}` },
  { field: 'Task.WhatId', parent: 'Account', decide: always('cascade'), source: ACCOUNTS },
  { field: 'Event.WhatId', parent: 'Account', decide: always('cascade'), source: ACCOUNTS },
  { field: 'Task.WhoId', parent: 'Contact', decide: always('cascade'), source: CONTACT_DESCRIBE },
  { field: 'Event.WhoId', parent: 'Contact', decide: always('cascade'), source: CONTACT_DESCRIBE },
  { field: 'Asset.ContactId', parent: 'Contact', decide: always('cascade'), source: CONTACT_DESCRIBE },
  { field: 'Account.ParentId', parent: 'Account', decide: always('clear'), source: REFERENTIAL_INTEGRITY },
  { field: 'Case.ParentId', parent: 'Case', decide: always('clear'), source: REFERENTIAL_INTEGRITY },
  { field: 'Contact.ReportsToId', parent: 'Contact', decide: always('clear'), source: REFERENTIAL_INTEGRITY },
  { field: 'Asset.Product2Id', parent: 'Product2', decide: always('clear'), source: REFERENTIAL_INTEGRITY },
  // Task.AccountId / Event.AccountId follow WhatId and WhoId; LeadOrContact* follow LeadId and ContactId.
  ...['Account', 'Asset', 'Case', 'Contact', 'Lead'].map((object): Row => ({
    field: `${object}.MasterRecordId`,
    parent: object,
    decide: always('ignore'),
    source: NOT_SET,
  })),
  { field: 'Task.AccountId', parent: 'Account', decide: always('ignore'), source: NOT_SET },
  { field: 'Event.AccountId', parent: 'Account', decide: always('ignore'), source: NOT_SET },
  ...['Contact', 'Lead'].map((parent): Row => ({
    field: 'CampaignMember.LeadOrContactId',
    parent,
    decide: always('ignore'),
    source: NOT_SET,
  })),
];

const rowKey = (field: string, parent: string): string => `${field}>${parent}`.toLowerCase();
const ROWS = new Map(STANDARD_ROWS.map((row) => [rowKey(row.field, row.parent), row]));

/**
 * The rule of one lookup field towards one parent object. Custom lookups: Salesforce Help, "Object
 * Relationships Overview" — "What to do if the lookup record is deleted?" is Clear the value of this
 * field (the default), Don't allow deletion of the lookup record, or Delete this record also (metadata
 * deleteConstraint SetNull / Restrict / Cascade); a lookup to its own object has no such option and is
 * cleared (Salesforce Knowledge Article 000383277). Master-detail: "Considerations for Relationships".
 */
function ruleOf(child: SchemaObject, field: SchemaField, parent: SchemaObject): Relation['decide'] {
  if (field.masterDetail) return always('cascade');
  if (field.custom) {
    // A lookup to its own object has no delete option: it is cleared.
    if (child.name.toLowerCase() === parent.name.toLowerCase()) return always('clear');
    if (field.deleteConstraint === 'Restrict') return always('restrict');
    if (field.deleteConstraint === 'Cascade') return always('cascade');
    return always('clear');
  }
  const row = ROWS.get(rowKey(`${child.name}.${field.name}`, parent.name));
  if (row) return row.decide;
  return () => ({ effect: 'unsupported', why: 'what the platform does here is not documented' });
}

function ignoredField(child: SchemaObject, field: SchemaField, parent: SchemaObject): boolean {
  return !field.custom && ROWS.get(rowKey(`${child.name}.${field.name}`, parent.name))?.source === NOT_SET;
}

const cache = new WeakMap<SchemaObject, Relation[]>();

/** Every lookup field of the schema that can point at a record of `parent`. */
export function relationsTo(objects: SchemaObject[], parent: SchemaObject): Relation[] {
  const cached = cache.get(parent);
  if (cached) return cached;
  const name = parent.name.toLowerCase();
  const relations: Relation[] = [];
  for (const object of objects) {
    for (const field of Object.values(object.fields)) {
      if (field.type !== 'reference' || !field.referenceTo.some((r) => r.toLowerCase() === name)) continue;
      relations.push({
        object,
        field: field.name.toLowerCase(),
        label: `${object.name}.${field.name}`,
        ignored: ignoredField(object, field, parent),
        decide: ruleOf(object, field, parent),
      });
    }
  }
  cache.set(parent, relations);
  return relations;
}
