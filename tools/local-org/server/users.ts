/**
 * The local org's users: the default admin (with CleverTap Admin), an operations user (CleverTap
 * Operations) and a sales user with neither, created on first start as an admin would, with DML.
 */
import type { LocalOrg } from '../../apex-runtime/src/org/api.ts';
import { ApexId } from '../../apex-runtime/src/language/values.ts';

export interface LocalUser {
  id: string;
  name: string;
  username: string;
  permissionSets: string[];
}

export function seedUsers(org: LocalOrg): void {
  const user = (first: string, last: string, alias: string): string =>
    `new User(FirstName = '${first}', LastName = '${last}', Alias = '${alias}', Username = '${alias}@clevertap-import.local',
      Email = '${alias}@clevertap-import.local', ProfileId = standardProfile, TimeZoneSidKey = 'America/Los_Angeles',
      LocaleSidKey = 'en_US', EmailEncodingKey = 'UTF-8', LanguageLocaleKey = 'en_US', IsActive = true)`;
  org.runAnonymous(`
    Id standardProfile = [SELECT Id FROM Profile WHERE Name = 'Standard User' LIMIT 1].Id;
    User ops = ${user('Olivia', 'Ops', 'ops')};
    User sales = ${user('Sam', 'Sales', 'sales')};
    insert new List<User>{ ops, sales };
    Map<String, Id> sets = new Map<String, Id>();
    for (PermissionSet ps : [SELECT Id, Name FROM PermissionSet WHERE Name IN ('CleverTap_Admin', 'CleverTap_Operations')]) {
      sets.put(ps.Name, ps.Id);
    }
    List<PermissionSetAssignment> grants = new List<PermissionSetAssignment>();
    if (sets.containsKey('CleverTap_Admin')) {
      grants.add(new PermissionSetAssignment(AssigneeId = UserInfo.getUserId(), PermissionSetId = sets.get('CleverTap_Admin')));
    }
    if (sets.containsKey('CleverTap_Operations')) {
      grants.add(new PermissionSetAssignment(AssigneeId = ops.Id, PermissionSetId = sets.get('CleverTap_Operations')));
    }
    insert grants;
  `);
}

export function listUsers(org: LocalOrg): LocalUser[] {
  const store = org.rt.org.store;
  const setNames = new Map([...store.records('PermissionSet')].map((p) => [p.id.value, String(p.fields.get('name'))]));
  const assignments = [...store.records('PermissionSetAssignment')].filter((a) => !a.deleted);
  return [...store.records('User')]
    .filter((u) => !u.deleted && u.fields.get('isactive') !== false)
    .map((u) => ({
      id: u.id.value,
      name: String(
        u.fields.get('name') ??
          `${String(u.fields.get('firstname') ?? '')} ${String(u.fields.get('lastname') ?? '')}`.trim(),
      ),
      username: String(u.fields.get('username') ?? ''),
      permissionSets: assignments
        .filter((a) => (a.fields.get('assigneeid') as ApexId | null)?.value === u.id.value)
        .map((a) => setNames.get(String((a.fields.get('permissionsetid') as ApexId | null)?.value)) ?? '')
        .filter(Boolean),
    }));
}

/** The custom permissions `userId` holds, as `@salesforce/customPermission/*` reports them. */
export function customPermissionsOf(org: LocalOrg, userId: ApexId): string[] {
  const previous = org.rt.userId;
  org.rt.userId = userId;
  try {
    return [...org.rt.org.store.records('CustomPermission')]
      .map((p) => String(p.fields.get('developername')))
      .filter((name) => org.rt.access.hasCustomPermission(name));
  } finally {
    org.rt.userId = previous;
  }
}
