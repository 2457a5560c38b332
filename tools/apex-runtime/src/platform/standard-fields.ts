// What the platform checks on standard fields that the local schema (generated from apex-ls, which
// carries no lengths) cannot say: text lengths from the Object Reference for Salesforce and Lightning
// Platform (the objects the package supports, and User), and the auto-number fields it fills in.

/** Maximum lengths of standard text fields, by object then field (lower case). */
const LENGTHS: Record<string, Record<string, number>> = {
  account: {
    name: 255,
    accountnumber: 40,
    site: 80,
    phone: 40,
    fax: 40,
    website: 255,
    billingstreet: 255,
    billingcity: 40,
    billingstate: 80,
    billingpostalcode: 20,
    billingcountry: 80,
    shippingstreet: 255,
    shippingcity: 40,
    shippingstate: 80,
    shippingpostalcode: 20,
    shippingcountry: 80,
    tickersymbol: 20,
    description: 32000,
  },
  contact: {
    firstname: 40,
    lastname: 80,
    salutation: 40,
    title: 128,
    department: 80,
    email: 80,
    phone: 40,
    mobilephone: 40,
    homephone: 40,
    otherphone: 40,
    fax: 40,
    assistantname: 40,
    assistantphone: 40,
    mailingstreet: 255,
    mailingcity: 40,
    mailingstate: 80,
    mailingpostalcode: 20,
    mailingcountry: 80,
    description: 32000,
  },
  lead: {
    firstname: 40,
    lastname: 80,
    salutation: 40,
    title: 128,
    company: 255,
    email: 80,
    phone: 40,
    mobilephone: 40,
    fax: 40,
    website: 255,
    street: 255,
    city: 40,
    state: 80,
    postalcode: 20,
    country: 80,
    description: 32000,
  },
  opportunity: { name: 120, nextstep: 255, description: 32000 },
  case: {
    subject: 255,
    suppliedname: 80,
    suppliedemail: 80,
    suppliedphone: 40,
    suppliedcompany: 80,
    description: 32000,
  },
  campaign: { name: 80, description: 32000 },
  task: { subject: 255, description: 32000 },
  event: { subject: 255, location: 255, description: 32000 },
  product2: { name: 255, productcode: 255, description: 4000, family: 255 },
  pricebook2: { name: 255, description: 255 },
  asset: { name: 255, serialnumber: 80, description: 32000 },
  quote: { name: 255, email: 80, phone: 40, description: 32000 },
  contract: { description: 32000, specialterms: 4000 },
  order: { name: 80, description: 32000 },
  serviceappointment: { subject: 255, description: 32000 },
  user: {
    username: 80,
    email: 128,
    alias: 8,
    communitynickname: 40,
    firstname: 40,
    lastname: 80,
    title: 80,
    department: 80,
    companyname: 80,
  },
};

/** The documented length of a standard text field, when the schema has none. */
export function standardLength(objectName: string, fieldName: string): number | undefined {
  return LENGTHS[objectName.toLowerCase()]?.[fieldName.toLowerCase()];
}

/** Standard fields whose default is not the schema's (Object Reference: a new User is active). */
const DEFAULTS: Record<string, Record<string, boolean>> = { user: { isactive: true } };

export function standardDefault(objectName: string, fieldName: string): boolean | undefined {
  return DEFAULTS[objectName.toLowerCase()]?.[fieldName.toLowerCase()];
}

/** Auto-number fields the platform fills on insert (read-only; the first number is an org setting). */
const AUTO_NUMBERS: Record<string, { field: string; width: number; prefix?: string }> = {
  case: { field: 'CaseNumber', width: 8 },
  contract: { field: 'ContractNumber', width: 8 },
  order: { field: 'OrderNumber', width: 8 },
  quote: { field: 'QuoteNumber', width: 8 },
  serviceappointment: { field: 'AppointmentNumber', width: 4, prefix: 'SA-' },
};

export function autoNumberField(objectName: string): { field: string; format(n: number): string } | undefined {
  const spec = AUTO_NUMBERS[objectName.toLowerCase()];
  return (
    spec && { field: spec.field, format: (n: number) => `${spec.prefix ?? ''}${String(n).padStart(spec.width, '0')}` }
  );
}

/** Standard fields of type Email (the local schema types them as text). */
const EMAIL_FIELDS = new Set(['contact.email', 'lead.email', 'user.email', 'case.suppliedemail', 'quote.email']);

export function isStandardEmail(objectName: string, fieldName: string): boolean {
  return EMAIL_FIELDS.has(`${objectName}.${fieldName}`.toLowerCase());
}

/**
 * Salesforce's check of Email fields (INVALID_EMAIL_ADDRESS): a local part, one @, and a domain with a
 * dot and no spaces.
 */
export function validEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@.]+$/.test(value);
}
