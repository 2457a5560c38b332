/**
 * Generated records for the bulk load and the first start's sample data: realistic values and the
 * awkward ones an org holds (unicode names, missing emails, 255-character text, null dates,
 * multi-line descriptions). Deterministic for a given start number, so runs are repeatable.
 */
const FIRST = [
  'Ana',
  'Bjørn',
  'Chloé',
  'Dmitri',
  'Eun-ji',
  'Farah',
  'Günther',
  'Hiroshi',
  'Íñigo',
  'Jamal',
  '李',
  'Zoë',
];
const LAST = [
  'Silva',
  'Østergaard',
  'Dubois',
  'Ivanov',
  'Kim',
  'Haddad',
  'Müller',
  'Tanaka',
  'Núñez',
  "O'Brien",
  '王',
  'Van der Berg',
];
const COMPANIES = [
  'Acme Corp',
  'Globex',
  'Initech',
  'Umbrella GmbH',
  'Société Générale Démo',
  '株式会社テスト',
  'Stark & Sons',
  'Wayne Ltd',
];
const LONG_TEXT = 'x'.repeat(255);

export type Row = Record<string, unknown>;

/** `n` records of `object` numbered from `start`; `refs` supplies Ids of parents (accounts, contacts). */
export function generateRecords(object: string, n: number, start = 0, refs: Refs = {}): Row[] {
  const make = GENERATORS[object];
  return make ? Array.from({ length: n }, (_, k) => make(start + k, refs)) : [];
}

export interface Refs {
  accounts?: string[];
  contacts?: string[];
  campaigns?: string[];
}

const pickOf = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;
const date = (i: number): string =>
  `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
/** Every 7th record has no email, every 11th a name of 255 characters' worth of description. */
const email = (i: number): string | null => (i % 7 === 3 ? null : `person${i}@example.com`);

const GENERATORS: Record<string, (i: number, refs: Refs) => Row> = {
  Lead: (i) => ({
    FirstName: pickOf(FIRST, i),
    LastName: `${pickOf(LAST, i)} ${i}`,
    Company: pickOf(COMPANIES, i),
    Email: email(i),
    Phone: i % 5 === 0 ? null : `+1 415 555 ${String(1000 + (i % 9000))}`,
    Status: pickOf(['Open - Not Contacted', 'Working - Contacted', 'Closed - Not Converted'], i),
    LeadSource: pickOf(['Web', 'Phone Inquiry', 'Partner Referral', null], i),
    Industry: pickOf(['Technology', 'Finance', 'Retail', null], i),
    AnnualRevenue: i % 4 === 0 ? null : (i * 12_345.67).toFixed(2),
    NumberOfEmployees: i % 6 === 0 ? null : 10 + i,
    Description: i % 11 === 0 ? LONG_TEXT : i % 13 === 0 ? 'Line one\nLine "two" — ünïcödé ✓' : null,
  }),
  Account: (i) => ({
    Name: `${pickOf(COMPANIES, i)} ${i}`,
    Industry: pickOf(['Technology', 'Banking', 'Healthcare', null], i),
    Phone: i % 3 === 0 ? null : `+44 20 7946 ${String(1000 + i).slice(-4)}`,
    AnnualRevenue: i % 5 === 0 ? null : String(1_000_000 + i * 1000),
    NumberOfEmployees: i % 4 === 0 ? null : 50 + i,
    Description: i % 9 === 0 ? LONG_TEXT : null,
  }),
  Contact: (i, refs) => ({
    FirstName: pickOf(FIRST, i + 3),
    LastName: `${pickOf(LAST, i + 5)} ${i}`,
    Email: email(i),
    Birthdate: i % 4 === 0 ? null : `19${70 + (i % 30)}-0${(i % 9) + 1}-1${i % 10}`,
    AccountId: refs.accounts?.length ? pickOf(refs.accounts, i) : null,
    Title: i % 8 === 0 ? null : pickOf(['CEO', 'VP Marketing', 'Director, Ops', 'Engineer'], i),
  }),
  Opportunity: (i, refs) => ({
    Name: `Deal ${i}`,
    StageName: pickOf(['Prospecting', 'Qualification', 'Closed Won', 'Closed Lost'], i),
    CloseDate: date(i),
    Amount: i % 6 === 0 ? null : String(5000 + i * 250),
    Probability: String((i * 10) % 100),
    AccountId: refs.accounts?.length ? pickOf(refs.accounts, i) : null,
  }),
  Case: (i, refs) => ({
    Subject:
      i % 10 === 0 ? LONG_TEXT : `Issue #${i}: ${pickOf(['login fails', 'invoice wrong', 'feature request'], i)}`,
    Status: pickOf(['New', 'Working', 'Escalated', 'Closed'], i),
    Priority: pickOf(['High', 'Medium', 'Low'], i),
    Origin: pickOf(['Phone', 'Email', 'Web'], i),
    ContactId: refs.contacts?.length && i % 3 !== 0 ? pickOf(refs.contacts, i) : null,
  }),
  Task: (i, refs) => ({
    Subject: pickOf(['Call', 'Send quote', 'Follow up', 'Démo ✓'], i),
    Status: pickOf(['Not Started', 'In Progress', 'Completed'], i),
    Priority: pickOf(['High', 'Normal', 'Low'], i),
    ActivityDate: i % 5 === 0 ? null : date(i),
    WhoId: refs.contacts?.length && i % 2 === 0 ? pickOf(refs.contacts, i) : null,
  }),
  Campaign: (i) => ({ Name: `Campaign ${i}`, Status: 'Planned', StartDate: date(i), IsActive: i % 2 === 0 }),
  Product2: (i) => ({
    Name: `Product ${i}`,
    ProductCode: `P-${i}`,
    Family: pickOf(['Hardware', 'Software'], i),
    IsActive: true,
  }),
  Pricebook2: (i) => ({ Name: `Price Book ${i}`, IsActive: true }),
  Asset: (i, refs) => ({
    Name: `Asset ${i}`,
    AccountId: refs.accounts?.length ? pickOf(refs.accounts, i) : null,
    Price: String(100 + i),
  }),
  Event: (i) => {
    const start = Date.UTC(2026, i % 12, (i % 28) + 1, 9 + (i % 8));
    return {
      Subject: `Meeting ${i}`,
      StartDateTime: new Date(start).toISOString(),
      EndDateTime: new Date(start + 3_600_000).toISOString(),
    };
  },
};

/** Sample data of the first start, in dependency order; counts as the issue asks ("a few hundred"). */
export const SAMPLE_PLAN: { object: string; count: number }[] = [
  { object: 'Account', count: 100 },
  { object: 'Contact', count: 200 },
  { object: 'Lead', count: 300 },
  { object: 'Opportunity', count: 120 },
  { object: 'Case', count: 120 },
  { object: 'Task', count: 150 },
];
