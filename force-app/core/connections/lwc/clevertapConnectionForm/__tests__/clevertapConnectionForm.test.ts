import { createElement } from 'lwc';
import ClevertapConnectionForm from 'c/clevertapConnectionForm';
import type { ConnectionView } from 'c/clevertapConnectionForm';
import regions from '@salesforce/apex/CleverTapConnectionsController.regions';
import saveConnection from '@salesforce/apex/CleverTapConnectionsController.saveConnection';
import testConnection from '@salesforce/apex/CleverTapConnectionsController.testConnection';

const mockClose = jest.fn();

jest.mock(
  'lightning/modal',
  () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { LightningElement } = require('lwc') as typeof import('lwc');
    return {
      __esModule: true,
      default: class extends LightningElement {
        close(result: unknown): Promise<void> {
          mockClose(result);
          return Promise.resolve();
        }
      },
    };
  },
  { virtual: true },
);
jest.mock('@salesforce/apex/CleverTapConnectionsController.regions', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CleverTapConnectionsController.saveConnection', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CleverTapConnectionsController.testConnection', () => ({ default: jest.fn() }), {
  virtual: true,
});

const regionsMock = regions as unknown as jest.Mock;
const saveMock = saveConnection as unknown as jest.Mock;
const testMock = testConnection as unknown as jest.Mock;

const TYPED = 'typed-secret-passcode';

const REGIONS = [
  { code: 'eu1', label: 'Europe (eu1)', host: 'api.clevertap.com' },
  { code: 'in1', label: 'India (in1)', host: 'in1.api.clevertap.com' },
];

function view(overrides: Partial<ConnectionView> = {}): ConnectionView {
  return {
    id: 'a01000000000001AAA',
    name: 'Production',
    regionCode: 'in1',
    regionLabel: 'India (in1)',
    accountId: 'W67-774-7Z5Z',
    deliveryMode: 'Immediate',
    active: true,
    status: 'Active',
    statusDetail: 'Not tested yet',
    hasPasscode: true,
    syncCount: 0,
    ...overrides,
  };
}

/** A few microtask turns: the mocked Apex promises and the re-render settle. */
function flush(turns = 8): Promise<void> {
  return turns === 0 ? Promise.resolve() : Promise.resolve().then(() => flush(turns - 1));
}

type Field = HTMLElement & {
  value: string;
  checked: boolean;
  required: boolean;
  label: string;
  reportValidity: () => boolean;
};

function mount(connection?: ConnectionView): HTMLElement & { connection?: ConnectionView } {
  const element = createElement('c-clevertap-connection-form', { is: ClevertapConnectionForm }) as HTMLElement & {
    connection?: ConnectionView;
  };
  if (connection) element.connection = connection;
  document.body.appendChild(element);
  return element;
}

const q = <T extends Element = Field>(el: HTMLElement, selector: string): T | null =>
  el.shadowRoot?.querySelector<T>(selector) ?? null;

function type(el: HTMLElement, field: string, value: string): void {
  const input = q(el, `[data-field="${field}"]`) as Field;
  input.value = value;
  input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

function allValid(el: HTMLElement, valid = true): void {
  el.shadowRoot?.querySelectorAll<Field>('.field').forEach((f) => {
    f.reportValidity = jest.fn(() => valid);
  });
}

function click(el: HTMLElement, selector: string): void {
  (q(el, selector) as HTMLElement).click();
}

/** Every value and text the component renders, to prove the passcode is never among them. */
function rendered(el: HTMLElement): string {
  const parts: string[] = [el.shadowRoot?.textContent ?? ''];
  el.shadowRoot?.querySelectorAll<Field>('*').forEach((node) => {
    if (typeof node.value === 'string') parts.push(node.value);
  });
  return parts.join('|');
}

describe('c-clevertap-connection-form', () => {
  beforeEach(() => {
    regionsMock.mockResolvedValue(REGIONS);
  });
  afterEach(() => {
    document.body.replaceChildren();
    jest.resetAllMocks();
  });

  it('adds a new connection: regions by name and code, empty fields, a required passcode', async () => {
    const el = mount();
    await flush();
    expect((q(el, 'lightning-modal-header') as Field).label).toBe('c.CT_Conn_Form_New');
    const region = q(el, '[data-field="regionCode"]') as Field & { options: { label: string; value: string }[] };
    expect(region.options).toEqual([
      { label: 'Europe (eu1)', value: 'eu1' },
      { label: 'India (in1)', value: 'in1' },
    ]);
    const passcode = q(el, '.passcode') as Field;
    expect((passcode as unknown as { type: string }).type).toBe('password');
    expect(passcode.required).toBe(true);
    expect(q(el, '.passcode-set')).toBeNull();
    expect((q(el, '.active') as Field).checked).toBe(true);
  });

  it('saves a new connection, closes with it, and never shows the passcode again', async () => {
    const saved = view();
    saveMock.mockResolvedValue(saved);
    const el = mount();
    await flush();
    type(el, 'regionCode', 'in1');
    type(el, 'name', 'Production');
    type(el, 'accountId', 'W67-774-7Z5Z');
    type(el, 'passcode', TYPED);
    allValid(el);
    click(el, '.save');
    await flush();

    expect(JSON.parse((saveMock.mock.calls[0][0] as { input: string }).input)).toEqual({
      name: 'Production',
      regionCode: 'in1',
      accountId: 'W67-774-7Z5Z',
      passcode: TYPED,
      deliveryMode: 'Immediate',
      active: true,
    });
    expect(mockClose).toHaveBeenCalledWith({ saved: true, connection: saved });
    expect(rendered(el)).not.toContain(TYPED);
    expect(q(el, '.passcode-set')?.textContent).toBe('c.CT_Conn_Passcode_Set');
  });

  it('keeps every input and shows the server error when the save fails', async () => {
    saveMock.mockRejectedValue({
      body: {
        message: 'Fix these and save again: Connection Name: another connection is already called "Production".',
      },
    });
    const el = mount();
    await flush();
    type(el, 'regionCode', 'in1');
    type(el, 'name', 'Production');
    type(el, 'accountId', 'W67-774-7Z5Z');
    type(el, 'passcode', TYPED);
    allValid(el);
    click(el, '.save');
    await flush();

    expect(q(el, '.form-error')?.textContent).toContain('Connection Name: another connection');
    expect((q(el, '[data-field="name"]') as Field).value).toBe('Production');
    expect((q(el, '[data-field="accountId"]') as Field).value).toBe('W67-774-7Z5Z');
    expect((q(el, '[data-field="passcode"]') as Field).value).toBe(TYPED);
    expect(mockClose).not.toHaveBeenCalled();
  });

  it('does not call the server while a field is invalid', async () => {
    const el = mount();
    await flush();
    allValid(el, false);
    click(el, '.save');
    await flush();
    expect(saveMock).not.toHaveBeenCalled();
    expect(q(el, '.form-error')?.textContent).toBe('c.CT_Conn_Fix_Fields');
  });

  it('edits a connection: fields filled, passcode hidden behind Replace passcode, blank keeps it', async () => {
    saveMock.mockResolvedValue(view({ deliveryMode: 'Scheduled' }));
    const el = mount(view());
    await flush();
    expect((q(el, 'lightning-modal-header') as Field).label).toBe('c.CT_Conn_Form_Edit');
    expect((q(el, '[data-field="name"]') as Field).value).toBe('Production');
    expect(q(el, '.passcode')).toBeNull();
    expect(q(el, '.passcode-set')).not.toBeNull();
    type(el, 'deliveryMode', 'Scheduled');
    allValid(el);
    click(el, '.save');
    await flush();
    const sent = JSON.parse((saveMock.mock.calls[0][0] as { input: string }).input) as Record<string, unknown>;
    expect(sent.id).toBe('a01000000000001AAA');
    expect(sent.passcode).toBeNull();
    expect(sent.deliveryMode).toBe('Scheduled');
  });

  it('Replace passcode reveals an optional password input', async () => {
    const el = mount(view());
    await flush();
    click(el, '.replace-passcode');
    await flush();
    const passcode = q(el, '.passcode') as Field;
    expect(passcode).not.toBeNull();
    expect(passcode.required).toBe(false);
  });

  it('keeps the modal open with the notice when the connection was saved inactive', async () => {
    saveMock.mockResolvedValue(
      view({
        active: false,
        status: 'Inactive',
        hasPasscode: false,
        message: 'Saved as inactive: enter the API passcode.',
      }),
    );
    const el = mount();
    await flush();
    const active = q(el, '.active') as Field;
    active.checked = false;
    active.dispatchEvent(new CustomEvent('change'));
    await flush();
    expect((q(el, '.passcode') as Field).required).toBe(false);
    allValid(el);
    click(el, '.save');
    await flush();
    expect(q(el, '.form-notice')?.textContent).toContain('Saved as inactive');
    expect(mockClose).not.toHaveBeenCalled();
    click(el, '.cancel');
    expect(mockClose).toHaveBeenCalledWith(expect.objectContaining({ saved: true }));
  });

  it('Test Connection on an unchanged saved connection tests without saving and shows Connected', async () => {
    testMock.mockResolvedValue({
      status: 'Connected',
      message: 'CleverTap accepted the credentials.',
      connection: view(),
    });
    const el = mount(view());
    await flush();
    click(el, '.test');
    await flush();
    expect(saveMock).not.toHaveBeenCalled();
    expect(testMock).toHaveBeenCalledWith({ connectionId: 'a01000000000001AAA' });
    expect(q(el, '.test-heading')?.textContent).toBe('c.CT_Conn_Test_Connected');
    expect(q(el, '.test-result')?.className).toContain('slds-theme_success');
  });

  it('Test Connection saves a new connection first, then shows Invalid Credentials', async () => {
    saveMock.mockResolvedValue(view({ id: 'a01000000000009AAA' }));
    testMock.mockResolvedValue({ status: 'Invalid Credentials', message: 'Passcode is not valid' });
    const el = mount();
    await flush();
    type(el, 'name', 'New');
    type(el, 'passcode', TYPED);
    allValid(el);
    click(el, '.test');
    await flush();
    expect(saveMock).toHaveBeenCalledTimes(1);
    expect(testMock).toHaveBeenCalledWith({ connectionId: 'a01000000000009AAA' });
    expect(q(el, '.test-heading')?.textContent).toBe('c.CT_Conn_Test_Invalid');
    expect(q(el, '.test-message')?.textContent).toBe('Passcode is not valid');
    expect(q(el, '.test-result')?.className).toContain('slds-theme_error');
    expect(rendered(el)).not.toContain(TYPED);
    click(el, '.cancel');
    expect(mockClose).toHaveBeenCalledWith({ saved: true, connection: view({ id: 'a01000000000009AAA' }) });
  });

  it('Test Connection shows an unreachable CleverTap and a failed call', async () => {
    testMock.mockResolvedValueOnce({ status: 'Error', message: 'CleverTap did not answer.' });
    const el = mount(view());
    await flush();
    click(el, '.test');
    await flush();
    expect(q(el, '.test-heading')?.textContent).toBe('c.CT_Conn_Test_Error');
    testMock.mockRejectedValueOnce(new Error('Network down'));
    click(el, '.test');
    await flush();
    expect(q(el, '.form-error')?.textContent).toBe('Network down');
  });

  it('Test Connection stops when the save before it fails', async () => {
    const el = mount();
    await flush();
    allValid(el, false);
    click(el, '.test');
    await flush();
    expect(testMock).not.toHaveBeenCalled();
  });

  it('Cancel without a save closes with nothing; a region load failure is shown', async () => {
    regionsMock.mockReset();
    regionsMock.mockRejectedValue({});
    const el = mount();
    await flush();
    expect(q(el, '.form-error')?.textContent).toBe('c.CT_Conn_Unknown_Error');
    click(el, '.cancel');
    expect(mockClose).toHaveBeenCalledWith(undefined);
  });
});
