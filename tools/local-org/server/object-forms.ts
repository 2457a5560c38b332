/**
 * The Records page's forms for the supported objects. The runtime's standard-object schema comes from
 * the Apex type jar: it knows each field's Apex type but not its UI type, whether the page layout
 * requires it, or its picklist values. This table adds those for the fields a form shows (values as in
 * a new Developer Edition org's defaults). Any other field still reads and writes by its schema type.
 */
export interface FormField {
  name: string;
  /** UI type when the schema's is coarser (`email` where the schema says `string`). */
  type?: string;
  required?: boolean;
  picklistValues?: string[];
  /** Preselected on a new record, as the org's picklist default is. */
  defaultValue?: string;
}

export interface ObjectForm {
  label: string;
  pluralLabel: string;
  /** Columns of the list view, after the record's name. */
  columns: string[];
  fields: FormField[];
}

const LEAD_SOURCE = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];
const INDUSTRY = ['Agriculture', 'Banking', 'Education', 'Finance', 'Healthcare', 'Retail', 'Technology', 'Other'];
const PRIORITY = ['High', 'Normal', 'Low'];

const text = (name: string, required = false): FormField => ({ name, type: 'string', required });
/** A picklist; a required one defaults to its first value, as a new org's standard picklists do. */
const pick = (name: string, picklistValues: string[], required = false, defaultValue?: string): FormField => ({
  name,
  type: 'picklist',
  picklistValues,
  required,
  defaultValue: defaultValue ?? (required ? picklistValues[0] : undefined),
});
const typed = (name: string, type: string, required = false): FormField => ({ name, type, required });
const ref = (name: string, required = false): FormField => ({ name, type: 'reference', required });

export const OBJECT_FORMS: Record<string, ObjectForm> = {
  Lead: {
    label: 'Lead',
    pluralLabel: 'Leads',
    columns: ['Company', 'Email', 'Status', 'CreatedDate'],
    fields: [
      text('FirstName'),
      text('LastName', true),
      text('Company', true),
      typed('Email', 'email'),
      typed('Phone', 'phone'),
      text('Title'),
      pick(
        'Status',
        ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'],
        true,
      ),
      pick('LeadSource', LEAD_SOURCE),
      pick('Industry', INDUSTRY),
      pick('Rating', ['Hot', 'Warm', 'Cold']),
      typed('AnnualRevenue', 'currency'),
      typed('NumberOfEmployees', 'int'),
      typed('Website', 'url'),
      text('City'),
      text('Country'),
      typed('Description', 'textarea'),
    ],
  },
  Contact: {
    label: 'Contact',
    pluralLabel: 'Contacts',
    columns: ['Email', 'Phone', 'CreatedDate'],
    fields: [
      text('FirstName'),
      text('LastName', true),
      ref('AccountId'),
      typed('Email', 'email'),
      typed('Phone', 'phone'),
      typed('MobilePhone', 'phone'),
      text('Title'),
      text('Department'),
      typed('Birthdate', 'date'),
      pick('LeadSource', LEAD_SOURCE),
      text('MailingCity'),
      text('MailingCountry'),
      typed('Description', 'textarea'),
    ],
  },
  Account: {
    label: 'Account',
    pluralLabel: 'Accounts',
    columns: ['Industry', 'Phone', 'CreatedDate'],
    fields: [
      text('Name', true),
      pick('Type', ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Partner', 'Other']),
      pick('Industry', INDUSTRY),
      typed('Phone', 'phone'),
      typed('Website', 'url'),
      typed('AnnualRevenue', 'currency'),
      typed('NumberOfEmployees', 'int'),
      text('BillingCity'),
      text('BillingCountry'),
      typed('Description', 'textarea'),
    ],
  },
  Opportunity: {
    label: 'Opportunity',
    pluralLabel: 'Opportunities',
    columns: ['StageName', 'Amount', 'CloseDate', 'CreatedDate'],
    fields: [
      text('Name', true),
      ref('AccountId'),
      pick(
        'StageName',
        ['Prospecting', 'Qualification', 'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost'],
        true,
      ),
      typed('CloseDate', 'date', true),
      typed('Amount', 'currency'),
      typed('Probability', 'percent'),
      pick('LeadSource', LEAD_SOURCE),
      text('NextStep'),
      typed('Description', 'textarea'),
    ],
  },
  Case: {
    label: 'Case',
    pluralLabel: 'Cases',
    columns: ['Subject', 'Status', 'Priority', 'CreatedDate'],
    fields: [
      text('Subject'),
      pick('Status', ['New', 'Working', 'Escalated', 'Closed'], true),
      pick('Priority', ['High', 'Medium', 'Low']),
      pick('Origin', ['Phone', 'Email', 'Web'], true),
      ref('ContactId'),
      ref('AccountId'),
      typed('SuppliedEmail', 'email'),
      typed('Description', 'textarea'),
    ],
  },
  Campaign: {
    label: 'Campaign',
    pluralLabel: 'Campaigns',
    columns: ['Status', 'StartDate', 'CreatedDate'],
    fields: [
      text('Name', true),
      pick('Type', ['Conference', 'Webinar', 'Email', 'Advertisement', 'Other']),
      pick('Status', ['Planned', 'In Progress', 'Completed', 'Aborted']),
      typed('StartDate', 'date'),
      typed('EndDate', 'date'),
      typed('BudgetedCost', 'currency'),
      typed('IsActive', 'boolean'),
      typed('Description', 'textarea'),
    ],
  },
  Task: {
    label: 'Task',
    pluralLabel: 'Tasks',
    columns: ['Subject', 'Status', 'ActivityDate', 'CreatedDate'],
    fields: [
      text('Subject', true),
      pick('Status', ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'], true),
      pick('Priority', PRIORITY, true, 'Normal'),
      typed('ActivityDate', 'date'),
      ref('WhoId'),
      ref('WhatId'),
      typed('Description', 'textarea'),
    ],
  },
  CampaignMember: {
    label: 'Campaign Member',
    pluralLabel: 'Campaign Members',
    columns: ['CampaignId', 'LeadId', 'ContactId', 'Status'],
    fields: [ref('CampaignId', true), ref('LeadId'), ref('ContactId'), pick('Status', ['Sent', 'Responded'])],
  },
  Event: {
    label: 'Event',
    pluralLabel: 'Events',
    columns: ['Subject', 'StartDateTime', 'CreatedDate'],
    fields: [
      text('Subject', true),
      typed('StartDateTime', 'datetime', true),
      typed('EndDateTime', 'datetime', true),
      text('Location'),
      ref('WhoId'),
      ref('WhatId'),
      typed('Description', 'textarea'),
    ],
  },
  Contract: {
    label: 'Contract',
    pluralLabel: 'Contracts',
    columns: ['AccountId', 'Status', 'StartDate', 'CreatedDate'],
    fields: [
      ref('AccountId', true),
      pick('Status', ['Draft', 'In Approval Process', 'Activated'], true),
      typed('StartDate', 'date', true),
      typed('ContractTerm', 'int', true),
      typed('Description', 'textarea'),
    ],
  },
  Product2: {
    label: 'Product',
    pluralLabel: 'Products',
    columns: ['ProductCode', 'Family', 'CreatedDate'],
    fields: [
      text('Name', true),
      text('ProductCode'),
      pick('Family', ['None', 'Hardware', 'Software', 'Services']),
      typed('IsActive', 'boolean'),
      typed('Description', 'textarea'),
    ],
  },
  OpportunityLineItem: {
    label: 'Opportunity Product',
    pluralLabel: 'Opportunity Products',
    columns: ['OpportunityId', 'Quantity', 'TotalPrice', 'CreatedDate'],
    fields: [
      ref('OpportunityId', true),
      ref('PricebookEntryId', true),
      typed('Quantity', 'double', true),
      typed('UnitPrice', 'currency'),
      typed('ServiceDate', 'date'),
      typed('Description', 'textarea'),
    ],
  },
  Asset: {
    label: 'Asset',
    pluralLabel: 'Assets',
    columns: ['AccountId', 'Status', 'CreatedDate'],
    fields: [
      text('Name', true),
      ref('AccountId'),
      ref('ContactId'),
      text('SerialNumber'),
      pick('Status', ['Purchased', 'Shipped', 'Installed', 'Registered', 'Obsolete']),
      typed('Price', 'currency'),
      typed('Quantity', 'double'),
      typed('PurchaseDate', 'date'),
      typed('Description', 'textarea'),
    ],
  },
  Pricebook2: {
    label: 'Price Book',
    pluralLabel: 'Price Books',
    columns: ['IsActive', 'CreatedDate'],
    fields: [text('Name', true), typed('IsActive', 'boolean'), typed('Description', 'textarea')],
  },
  Quote: {
    label: 'Quote',
    pluralLabel: 'Quotes',
    columns: ['OpportunityId', 'Status', 'CreatedDate'],
    fields: [
      text('Name', true),
      ref('OpportunityId', true),
      pick('Status', ['Draft', 'Needs Review', 'In Review', 'Approved', 'Rejected', 'Presented', 'Accepted', 'Denied']),
      typed('ExpirationDate', 'date'),
      typed('Email', 'email'),
      typed('Description', 'textarea'),
    ],
  },
  Order: {
    label: 'Order',
    pluralLabel: 'Orders',
    columns: ['AccountId', 'Status', 'EffectiveDate', 'CreatedDate'],
    fields: [
      ref('AccountId', true),
      typed('EffectiveDate', 'date', true),
      pick('Status', ['Draft', 'Activated'], true),
      text('PoNumber'),
      typed('Description', 'textarea'),
    ],
  },
  ServiceAppointment: {
    label: 'Service Appointment',
    pluralLabel: 'Service Appointments',
    columns: ['Subject', 'Status', 'SchedStartTime', 'CreatedDate'],
    fields: [
      ref('ParentRecordId', true),
      text('Subject'),
      pick('Status', ['None', 'Scheduled', 'Dispatched', 'In Progress', 'Completed', 'Canceled']),
      typed('EarliestStartTime', 'datetime'),
      typed('DueDate', 'datetime'),
      typed('SchedStartTime', 'datetime'),
      typed('Description', 'textarea'),
    ],
  },
};
