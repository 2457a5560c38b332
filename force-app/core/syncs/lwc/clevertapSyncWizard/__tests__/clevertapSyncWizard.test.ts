import { createElement } from 'lwc';
import ClevertapSyncWizard, { errorMessage } from 'c/clevertapSyncWizard';
import sourceEntities from '@salesforce/apex/CleverTapSyncEditorController.sourceEntities';
import fields from '@salesforce/apex/CleverTapSyncEditorController.fields';
import loadSync from '@salesforce/apex/CleverTapSyncEditorController.loadSync';
import saveSync from '@salesforce/apex/CleverTapSyncEditorController.saveSync';
import findRecords from '@salesforce/apex/CleverTapSyncEditorController.findRecords';
import preview from '@salesforce/apex/CleverTapSyncEditorController.preview';
import sendTest from '@salesforce/apex/CleverTapSyncEditorController.sendTest';

jest.mock('@salesforce/label/c.CT_Wiz_Test_Status', () => ({ default: '{0} (HTTP {1})' }), { virtual: true });
jest.mock('@salesforce/apex/CleverTapSyncEditorController.sourceEntities', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CleverTapSyncEditorController.fields', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CleverTapSyncEditorController.loadSync', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CleverTapSyncEditorController.saveSync', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CleverTapSyncEditorController.findRecords', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CleverTapSyncEditorController.preview', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CleverTapSyncEditorController.sendTest', () => ({ default: jest.fn() }), {
  virtual: true,
});

const mock = (fn: unknown): jest.Mock => fn as jest.Mock;
const CONNECTION = 'a00000000000001AAA';
const SYNC = 'a01000000000001AAA';
const LEAD_ID = '00Q000000000001AAA';

const ENTITIES = [
  {
    value: 'Lead',
    label: 'Lead',
    custom: false,
    triggerEvents: ['Create', 'Update', 'Delete', 'Undelete'],
    defaultIdentity: 'SF_Lead_{{Lead.Id}}',
  },
  {
    value: 'Widget__c',
    label: 'Widget',
    custom: true,
    note: 'Add the "Send records to CleverTap" action to a Flow on Widget.',
    triggerEvents: ['Create', 'Update', 'Delete'],
    defaultIdentity: 'SF_Widget_{{Widget__c.Id}}',
  },
];
const LEAD_FIELDS = [
  { path: 'Lead.Email', label: 'Email', type: 'EMAIL', suggestedDataType: 'String', relationship: false },
  {
    path: 'Lead.AnnualRevenue',
    label: 'Annual Revenue',
    type: 'CURRENCY',
    suggestedDataType: 'Number',
    relationship: false,
  },
  {
    path: 'Lead.ConvertedAccount',
    label: 'Account (ConvertedAccount)',
    type: 'REFERENCE',
    suggestedDataType: 'String',
    relationship: true,
    referenceTo: 'Account',
  },
];
const ACCOUNT_FIELDS = [
  {
    path: 'Lead.ConvertedAccount.Name',
    label: 'Account Name',
    type: 'STRING',
    suggestedDataType: 'String',
    relationship: false,
  },
];
const SAVED = {
  id: SYNC,
  connectionId: CONNECTION,
  name: 'Leads to profiles',
  sourceObject: 'Lead',
  target: 'Profile',
  customerIdTemplate: 'SF_Lead_{{Lead.Id}}',
  triggerEvents: ['Create', 'Update'],
  deleteAction: null,
  onlyWhenChanged: true,
  active: false,
  filter: [{ field: 'Status', operator: 'equals', value: 'Open' }],
  mappings: [
    { targetField: 'Email', sourceField: 'Lead.Email', dataType: 'String' },
    { targetField: 'Company', sourceField: 'Lead.ConvertedAccount.Name', dataType: 'String' },
  ],
};
const PREVIEW = {
  identity: `SF_Lead_${LEAD_ID}`,
  payloadJson: '{"d":[{"identity":"SF_Lead_00Q000000000001AAA"}]}',
  problems: [],
  warnings: ['Customer ID uses Email, which users can change.'],
};

type Wizard = HTMLElement & { connectionId?: string; syncId?: string };
type Input = HTMLElement & {
  value?: unknown;
  checked?: boolean;
  disabled?: boolean;
  label?: string;
  options?: { label: string; value: string }[];
};

function flush(turns = 10): Promise<void> {
  let p = Promise.resolve();
  for (let i = 0; i < turns; i++) p = p.then(() => undefined);
  return p;
}

async function mount(syncId?: string): Promise<Wizard> {
  const element = createElement('c-clevertap-sync-wizard', { is: ClevertapSyncWizard }) as Wizard;
  element.connectionId = CONNECTION;
  element.syncId = syncId;
  document.body.appendChild(element);
  await flush();
  return element;
}

const $ = <T extends Element = Input>(element: HTMLElement, selector: string): T =>
  element.shadowRoot?.querySelector<T & Element>(selector) as T;
const $$ = <T extends Element = Input>(element: HTMLElement, selector: string): T[] => [
  ...(element.shadowRoot?.querySelectorAll<T & Element>(selector) ?? []),
];

/** A base component's change, as the real one dispatches it. */
async function change(target: Element, value: unknown): Promise<void> {
  target.dispatchEvent(new CustomEvent('change', { detail: { value } }));
  await flush();
}

async function click(element: HTMLElement, selector: string): Promise<void> {
  $(element, selector).dispatchEvent(new CustomEvent('click'));
  await flush();
}

/** The stubs' reportValidity answers nothing: make every input say it is valid (or not). */
function validity(element: HTMLElement, valid: boolean): void {
  for (const input of $$(element, '.step lightning-input, .step lightning-combobox, .step lightning-checkbox-group')) {
    Object.defineProperty(input, 'reportValidity', { value: () => valid, configurable: true });
  }
}

async function next(element: HTMLElement): Promise<void> {
  validity(element, true);
  await click(element, 'lightning-button.next');
}

/** From the configuration step to the preview step, every step valid. */
async function toPreview(element: HTMLElement): Promise<void> {
  await next(element);
  await next(element);
  await next(element);
  await next(element);
}

const stepOf = (element: HTMLElement): string =>
  (element.shadowRoot?.querySelector('lightning-progress-indicator') as unknown as { currentStep: string }).currentStep;
const sentInput = (call = 0): Record<string, unknown> =>
  JSON.parse((mock(saveSync).mock.calls[call][0] as { input: string }).input) as Record<string, unknown>;

async function configure(element: HTMLElement, target = 'Profile'): Promise<void> {
  await change($(element, 'lightning-input[data-field="name"]'), 'Leads to profiles');
  await change($(element, 'lightning-combobox[data-field="sourceObject"]'), 'Lead');
  await change($(element, 'lightning-combobox[data-field="target"]'), target);
}

describe('c-clevertap-sync-wizard', () => {
  beforeEach(() => {
    jest.clearAllMocks();
    mock(sourceEntities).mockResolvedValue(ENTITIES);
    mock(fields).mockImplementation(({ path }: { path: string }) =>
      Promise.resolve(path === 'ConvertedAccount' ? ACCOUNT_FIELDS : LEAD_FIELDS),
    );
    mock(loadSync).mockResolvedValue(SAVED);
    mock(saveSync).mockResolvedValue({ syncId: SYNC, warnings: [] });
    mock(findRecords).mockResolvedValue([{ id: LEAD_ID, name: 'Ada Lovelace' }]);
    mock(preview).mockResolvedValue(PREVIEW);
    mock(sendTest).mockResolvedValue({ status: 'Sent', httpStatus: 200, response: '{"status":"success"}' });
  });

  afterEach(() => {
    document.body.replaceChildren();
  });

  it('opens on the configuration step with the fixed sync type and the objects of this org', async () => {
    const element = await mount();
    expect(mock(sourceEntities)).toHaveBeenCalledTimes(1);
    expect(stepOf(element)).toBe('configuration');
    expect(($(element, 'lightning-card') as unknown as { title: string }).title).toBe('c.CT_Wiz_Title_New');
    expect($(element, 'lightning-input.sync-type').value).toBe('c.CT_Wiz_Sync_Type_Value');
    expect($(element, 'lightning-input.sync-type').label).toBe('c.CT_Wiz_Sync_Type');
    expect($(element, 'lightning-combobox[data-field="sourceObject"]').options).toEqual([
      { label: 'Lead', value: 'Lead' },
      { label: 'Widget (Widget__c)', value: 'Widget__c' },
    ]);
    expect($(element, 'lightning-combobox[data-field="target"]').options?.map((o) => o.value)).toEqual([
      'Profile',
      'Event',
    ]);
    expect(($(element, 'lightning-input.active') as Input).checked).toBe(true);
    expect($(element, 'lightning-button.back')).toBeNull();
  });

  it('a custom object says which Flow action it needs', async () => {
    const element = await mount();
    await change($(element, 'lightning-combobox[data-field="sourceObject"]'), 'Widget__c');
    expect($(element, '.entity-note').textContent).toContain('Send records to CleverTap');
    expect(mock(fields)).toHaveBeenCalledWith({ objectName: 'Widget__c', path: '' });
  });

  it('does not move on while a required field is empty', async () => {
    const element = await mount();
    validity(element, false);
    await click(element, 'lightning-button.next');
    expect(stepOf(element)).toBe('configuration');
    expect($(element, '.form-error').textContent).toBe('c.CT_Wiz_Fix_Fields');
  });

  it('walks every step of an event sync and saves exactly what was entered', async () => {
    const element = await mount();
    await configure(element, 'Event');
    await next(element);

    expect(stepOf(element)).toBe('required');
    const customerId = $(element, 'lightning-input[data-field="customerIdTemplate"]');
    expect(customerId.value).toBe('SF_Lead_{{Lead.Id}}');
    expect($(element, 'lightning-button.insert-token').disabled).toBe(true);
    expect($(element, 'lightning-combobox.token-field').options).toEqual([
      { label: 'Email', value: 'Lead.Email' },
      { label: 'Annual Revenue', value: 'Lead.AnnualRevenue' },
    ]);
    await change($(element, 'lightning-combobox.token-field'), 'Lead.Email');
    await click(element, 'lightning-button.insert-token');
    expect($(element, 'lightning-input[data-field="customerIdTemplate"]').value).toBe(
      'SF_Lead_{{Lead.Id}}{{Lead.Email}}',
    );
    await change($(element, 'lightning-input[data-field="customerIdTemplate"]'), 'SF_Lead_{{Lead.Id}}');
    await change($(element, 'lightning-input[data-field="eventNameTemplate"]'), 'Lead Changed');
    await next(element);

    expect(stepOf(element)).toBe('additional');
    expect($(element, '.no-mappings')).not.toBeNull();
    await click(element, 'lightning-button.add-field');
    await click(element, 'lightning-button.add-field');
    const [first, second] = $$(element, '.mapping-row').map((row) => row.getAttribute('data-key'));
    await change($(element, `lightning-input.mapping-target[data-key="${first}"]`), 'Revenue');
    await change($(element, `lightning-combobox.mapping-source[data-key="${first}"]`), 'Lead.AnnualRevenue');
    expect($(element, `lightning-combobox.mapping-type[data-key="${first}"]`).value).toBe('Number');
    await change($(element, `lightning-combobox.mapping-type[data-key="${first}"]`), 'String');
    // a relationship walks into the parent's fields, and back
    await change($(element, `lightning-combobox.mapping-source[data-key="${second}"]`), 'Lead.ConvertedAccount');
    expect(mock(fields)).toHaveBeenCalledWith({ objectName: 'Lead', path: 'ConvertedAccount' });
    expect($(element, `lightning-combobox.mapping-source[data-key="${second}"]`).label).toBe(
      'c.CT_Wiz_Source_Field (ConvertedAccount)',
    );
    await click(element, `lightning-button.mapping-back[data-key="${second}"]`);
    expect($(element, `lightning-combobox.mapping-source[data-key="${second}"]`).label).toBe('c.CT_Wiz_Source_Field');
    await change($(element, `lightning-combobox.mapping-source[data-key="${second}"]`), 'Lead.ConvertedAccount');
    await change($(element, `lightning-combobox.mapping-source[data-key="${second}"]`), 'Lead.ConvertedAccount.Name');
    await change($(element, `lightning-input.mapping-target[data-key="${second}"]`), 'Company');
    await click(element, 'lightning-button.add-field');
    const third = $$(element, '.mapping-row')[2]?.getAttribute('data-key');
    await click(element, `lightning-button-icon.mapping-remove[data-key="${third}"]`);
    expect($$(element, '.mapping-row')).toHaveLength(2);
    // A value the picker does not offer changes nothing (the saved mapping below still reads AnnualRevenue).
    await change($(element, `lightning-combobox.mapping-source[data-key="${first}"]`), 'Lead.Nothing');
    await next(element);

    expect(stepOf(element)).toBe('when');
    expect($(element, 'lightning-checkbox-group[data-field="triggerEvents"]').value).toEqual(['Create', 'Update']);
    expect($(element, 'lightning-checkbox-group[data-field="triggerEvents"]').options?.map((o) => o.value)).toEqual([
      'Create',
      'Update',
      'Delete',
      'Undelete',
    ]);
    expect($(element, 'lightning-combobox[data-field="deleteAction"]').options?.map((o) => o.value)).toEqual([
      'None',
      'Send Event',
    ]);
    expect($(element, 'lightning-combobox[data-field="deleteAction"]').value).toBe('None');
    await change($(element, 'lightning-combobox[data-field="deleteAction"]'), 'Send Event');
    await change($(element, 'lightning-input[data-field="deleteEventName"]'), 'Lead Deleted');
    await click(element, 'lightning-button.add-filter');
    await click(element, 'lightning-button.add-filter');
    const [f1, f2] = $$(element, '.filter-row lightning-combobox.filter-field').map((f) => f.getAttribute('data-key'));
    await change($(element, `lightning-combobox.filter-field[data-key="${f1}"]`), 'Lead.Email');
    await change($(element, `lightning-combobox.filter-operator[data-key="${f1}"]`), 'changed to');
    await change($(element, `lightning-input.filter-value[data-key="${f1}"]`), 'a@b.c');
    await change($(element, `lightning-combobox.filter-operator[data-key="${f2}"]`), 'is changed');
    expect($(element, `lightning-input.filter-value[data-key="${f2}"]`).disabled).toBe(true);
    await click(element, `lightning-button-icon.filter-remove[data-key="${f2}"]`);
    const onlyChanged = $(element, 'lightning-input.only-changed') as Input & { type: string };
    onlyChanged.checked = true;
    onlyChanged.dispatchEvent(new CustomEvent('change', { detail: { checked: true } }));
    await flush();
    await next(element);

    expect(stepOf(element)).toBe('preview');
    expect($(element, 'lightning-button.next')).toBeNull();
    await click(element, 'lightning-button.save');
    expect(sentInput()).toEqual({
      connectionId: CONNECTION,
      name: 'Leads to profiles',
      sourceObject: 'Lead',
      target: 'Event',
      customerIdTemplate: 'SF_Lead_{{Lead.Id}}',
      eventNameTemplate: 'Lead Changed',
      triggerEvents: ['Create', 'Update'],
      deleteAction: 'Send Event',
      deleteEventName: 'Lead Deleted',
      onlyWhenChanged: true,
      active: true,
      filter: [{ field: 'Lead.Email', operator: 'changed to', value: 'a@b.c' }],
      mappings: [
        { targetField: 'Revenue', sourceField: 'Lead.AnnualRevenue', dataType: 'String' },
        { targetField: 'Company', sourceField: 'Lead.ConvertedAccount.Name', dataType: 'String' },
      ],
    });
  });

  it('Back returns to the previous step with what was typed', async () => {
    const element = await mount();
    await configure(element);
    await next(element);
    await click(element, 'lightning-button.back');
    expect(stepOf(element)).toBe('configuration');
    expect($(element, 'lightning-input[data-field="name"]').value).toBe('Leads to profiles');
  });

  it('a profile sync can delete the profile, and sends no event name', async () => {
    const element = await mount();
    await configure(element);
    await next(element);
    expect($(element, 'lightning-input[data-field="eventNameTemplate"]')).toBeNull();
    await next(element);
    await next(element);
    expect($(element, 'lightning-combobox[data-field="deleteAction"]').options?.map((o) => o.value)).toEqual([
      'None',
      'Send Event',
      'Delete Profile',
    ]);
    await next(element);
    await click(element, 'lightning-button.save');
    expect(sentInput().eventNameTemplate).toBeUndefined();
    expect(sentInput().target).toBe('Profile');
  });

  it('previews a real record and sends it as a test', async () => {
    const element = await mount();
    await configure(element);
    await toPreview(element);
    expect($(element, 'lightning-button.run-preview').disabled).toBe(true);

    await change($(element, 'lightning-input.record-search'), 'Ada');
    await click(element, 'lightning-button.search');
    expect(mock(findRecords)).toHaveBeenCalledWith({ objectName: 'Lead', term: 'Ada' });
    expect($(element, 'lightning-combobox.record').options).toEqual([
      { label: `Ada Lovelace (${LEAD_ID})`, value: LEAD_ID },
    ]);
    await click(element, 'lightning-button.run-preview');
    expect(mock(preview).mock.calls[0][0]).toEqual(expect.objectContaining({ recordId: LEAD_ID }));
    expect($(element, '.preview-identity').textContent).toBe(`SF_Lead_${LEAD_ID}`);
    expect($(element, '.preview-json').textContent).toBe(PREVIEW.payloadJson);
    expect($$(element, '.preview-warning').map((w) => w.textContent)).toEqual(PREVIEW.warnings);
    expect($(element, 'lightning-button.send-test').disabled).toBe(false);

    await click(element, 'lightning-button.send-test');
    expect(mock(sendTest).mock.calls[0][0]).toEqual(expect.objectContaining({ recordId: LEAD_ID }));
    expect($(element, '.test-status').textContent).toBe('Sent (HTTP 200)');
    expect($(element, '.test-message')).toBeNull();
    expect($(element, '.test-response').textContent).toBe('{"status":"success"}');

    // picking another record clears the previous answers
    await change($(element, 'lightning-combobox.record'), LEAD_ID);
    expect($(element, '.test-result')).toBeNull();
    expect($(element, 'lightning-button.send-test')).toBeNull();
  });

  it("shows CleverTap's refusal of the test record, and the preview's problems", async () => {
    mock(preview).mockResolvedValue({ ...PREVIEW, problems: ['Email: not an email.'], payloadJson: undefined });
    const element = await mount();
    await configure(element);
    await toPreview(element);
    await click(element, 'lightning-button.search');
    await click(element, 'lightning-button.run-preview');
    expect($$(element, '.preview-problem').map((p) => p.textContent)).toEqual(['Email: not an email.']);
    expect($(element, 'lightning-button.send-test').disabled).toBe(true);

    mock(preview).mockResolvedValue(PREVIEW);
    mock(sendTest).mockResolvedValue({ status: 'Failed', httpStatus: 200, message: 'Email is not valid' });
    await click(element, 'lightning-button.run-preview');
    await click(element, 'lightning-button.send-test');
    expect($(element, '.test-status').textContent).toBe('Failed (HTTP 200)');
    expect($(element, '.test-message').textContent).toBe('Email is not valid');
  });

  it('says when a search finds no record', async () => {
    mock(findRecords).mockResolvedValue([]);
    const element = await mount();
    await configure(element);
    await toPreview(element);
    await click(element, 'lightning-button.search');
    expect($(element, '.no-records').textContent).toBe('c.CT_Wiz_No_Records');
    expect($(element, 'lightning-combobox.record')).toBeNull();
  });

  it('edits a saved sync: its values, its parent paths, its object fixed', async () => {
    const element = await mount(SYNC);
    expect(mock(loadSync)).toHaveBeenCalledWith({ syncId: SYNC });
    expect(($(element, 'lightning-card') as unknown as { title: string }).title).toBe('c.CT_Wiz_Title_Edit');
    expect($(element, 'lightning-input[data-field="name"]').value).toBe('Leads to profiles');
    expect($(element, 'lightning-combobox[data-field="sourceObject"]').disabled).toBe(true);
    expect(($(element, 'lightning-input.active') as Input).checked).toBe(false);
    await next(element);
    await next(element);
    const sources = $$(element, 'lightning-combobox.mapping-source');
    expect(sources.map((s) => s.value)).toEqual(['Lead.Email', 'Lead.ConvertedAccount.Name']);
    expect(sources[1]?.label).toBe('c.CT_Wiz_Source_Field (ConvertedAccount)');
    expect(mock(fields)).toHaveBeenCalledWith({ objectName: 'Lead', path: 'ConvertedAccount' });
    await next(element);
    expect($(element, 'lightning-combobox[data-field="deleteAction"]').value).toBe('None');
    expect($$(element, '.filter-row')).toHaveLength(1);
    await next(element);
    await click(element, 'lightning-button.save');
    expect(sentInput()).toEqual(expect.objectContaining({ id: SYNC, active: false, onlyWhenChanged: true }));
  });

  it('after a save it says so (with any warnings) and closes', async () => {
    mock(saveSync).mockResolvedValue({ syncId: SYNC, warnings: ['Customer ID uses Email.'] });
    const element = await mount();
    const toasts: { title: string; message: string; variant: string }[] = [];
    const closed: unknown[] = [];
    element.addEventListener('lightning__showtoast', (e) => toasts.push((e as CustomEvent).detail));
    element.addEventListener('close', (e) => closed.push((e as CustomEvent).detail));
    await configure(element);
    await toPreview(element);
    await click(element, 'lightning-button.save');
    expect(toasts).toEqual([{ title: 'c.CT_Wiz_Saved', message: 'Customer ID uses Email.', variant: 'warning' }]);
    expect(closed).toEqual([{ saved: true, syncId: SYNC }]);
  });

  it("keeps everything typed when the server refuses the save, and shows the server's words", async () => {
    mock(saveSync).mockRejectedValue({ body: { message: 'Fix these before saving: Sync Name: taken.' } });
    const element = await mount();
    const closed: unknown[] = [];
    element.addEventListener('close', (e) => closed.push((e as CustomEvent).detail));
    await configure(element);
    await toPreview(element);
    await click(element, 'lightning-button.save');
    expect($(element, '.form-error').textContent).toBe('Fix these before saving: Sync Name: taken.');
    expect(closed).toEqual([]);
    await click(element, 'lightning-button.back');
    await click(element, 'lightning-button.back');
    await click(element, 'lightning-button.back');
    await click(element, 'lightning-button.back');
    expect($(element, 'lightning-input[data-field="name"]').value).toBe('Leads to profiles');
  });

  it('says what went wrong when the objects cannot be loaded', async () => {
    mock(sourceEntities).mockRejectedValue({ body: { message: 'You need the CleverTap Admin permission set.' } });
    const element = await mount();
    expect($(element, '.form-error').textContent).toBe(
      'c.CT_Wiz_Load_Error You need the CleverTap Admin permission set.',
    );
    expect($(element, 'lightning-spinner')).toBeNull();
  });

  it('Cancel closes without saving', async () => {
    const element = await mount();
    const closed: unknown[] = [];
    element.addEventListener('close', (e) => closed.push((e as CustomEvent).detail));
    await click(element, 'lightning-button.cancel');
    expect(closed).toEqual([{ saved: false }]);
    expect(mock(saveSync)).not.toHaveBeenCalled();
  });

  it('errorMessage reads Apex errors, script errors, and falls back to a generic text', () => {
    expect(errorMessage({ body: { message: 'from Apex' } })).toBe('from Apex');
    expect(errorMessage(new Error('from script'))).toBe('from script');
    expect(errorMessage(undefined)).toBe('c.CT_Wiz_Unknown_Error');
  });
});
