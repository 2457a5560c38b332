import { createElement } from 'lwc';
import ClevertapConnections from 'c/clevertapConnections';
import ClevertapConnectionForm from 'c/clevertapConnectionForm';
import LightningConfirm from 'lightning/confirm';
import listConnections from '@salesforce/apex/CleverTapConnectionsController.listConnections';
import deletionImpact from '@salesforce/apex/CleverTapConnectionsController.deletionImpact';
import deleteConnection from '@salesforce/apex/CleverTapConnectionsController.deleteConnection';

jest.mock('c/clevertapConnectionForm', () => ({
  __esModule: true,
  default: { open: jest.fn() },
  errorMessage: (e: { body?: { message?: string } }) => e?.body?.message ?? 'c.CT_Conn_Unknown_Error',
}));
jest.mock('lightning/confirm', () => ({ __esModule: true, default: { open: jest.fn() } }), { virtual: true });
jest.mock('@salesforce/customPermission/CleverTap_Configure', () => ({ __esModule: true, default: true }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CleverTapConnectionsController.listConnections', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CleverTapConnectionsController.deletionImpact', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CleverTapConnectionsController.deleteConnection', () => ({ default: jest.fn() }), {
  virtual: true,
});

const listMock = listConnections as unknown as jest.Mock;
const impactMock = deletionImpact as unknown as jest.Mock;
const deleteMock = deleteConnection as unknown as jest.Mock;
const openMock = (ClevertapConnectionForm as unknown as { open: jest.Mock }).open;
const confirmMock = (LightningConfirm as unknown as { open: jest.Mock }).open;

const ROWS = [
  {
    id: 'a01000000000001AAA',
    name: 'Production',
    regionCode: 'in1',
    regionLabel: 'India (in1)',
    accountId: 'W67-774-7Z5Z',
    deliveryMode: 'Immediate',
    active: true,
    status: 'Active',
    statusDetail: 'CleverTap accepted the credentials.',
    lastTestedAt: '2026-12-05T10:00:00.000Z',
    hasPasscode: true,
    syncCount: 2,
  },
  {
    id: 'a01000000000002AAA',
    name: 'Staging',
    regionCode: 'eu1',
    regionLabel: 'Europe (eu1)',
    accountId: 'ABC-123',
    deliveryMode: 'Scheduled',
    active: true,
    status: 'Invalid Credentials',
    statusDetail: 'Passcode is not valid',
    hasPasscode: true,
    syncCount: 0,
  },
  {
    id: 'a01000000000003AAA',
    name: 'Old',
    regionCode: 'us1',
    regionLabel: 'United States (us1)',
    accountId: 'OLD-1',
    deliveryMode: 'Immediate',
    active: false,
    status: 'Inactive',
    hasPasscode: false,
    syncCount: 0,
  },
];

/** The event name of the sfdx-lwc-jest ShowToastEvent stub. */
const TOAST = 'lightning__showtoast';

/** A few microtask turns: the mocked Apex promises and the re-render settle. */
function flush(turns = 8): Promise<void> {
  return turns === 0 ? Promise.resolve() : Promise.resolve().then(() => flush(turns - 1));
}

type Table = HTMLElement & { data: Record<string, unknown>[]; columns: Record<string, unknown>[] };

function mount(): HTMLElement {
  const element = createElement('c-clevertap-connections', { is: ClevertapConnections });
  document.body.appendChild(element);
  return element;
}

const table = (el: HTMLElement): Table | null => el.shadowRoot?.querySelector<Table>('lightning-datatable') ?? null;

function rowAction(el: HTMLElement, name: string, row: Record<string, unknown>): void {
  table(el)?.dispatchEvent(new CustomEvent('rowaction', { detail: { action: { name }, row } }));
}

function rowActionNames(el: HTMLElement): string[] {
  const actionColumn = table(el)?.columns.find((c) => c.type === 'action') as {
    typeAttributes: { rowActions: { name: string }[] };
  };
  return actionColumn.typeAttributes.rowActions.map((a) => a.name);
}

describe('c-clevertap-connections', () => {
  afterEach(() => {
    document.body.replaceChildren();
    jest.resetAllMocks();
  });

  it('lists connections with name, region, account, status with detail and last tested', async () => {
    listMock.mockResolvedValue(ROWS);
    const el = mount();
    await flush();
    const t = table(el) as Table;
    expect(t.columns.map((c) => c.label).filter(Boolean)).toEqual([
      'c.CT_Conn_Col_Name',
      'c.CT_Conn_Col_Region',
      'c.CT_Conn_Col_Account',
      'c.CT_Conn_Col_Status',
      'c.CT_Conn_Col_Detail',
      'c.CT_Conn_Col_Tested',
    ]);
    expect(t.data.map((r) => [r.name, r.regionLabel, r.status, r.statusClass])).toEqual([
      ['Production', 'India (in1)', 'Active', 'slds-text-color_success'],
      ['Staging', 'Europe (eu1)', 'Invalid Credentials', 'slds-text-color_error'],
      ['Old', 'United States (us1)', 'Inactive', 'slds-text-color_weak'],
    ]);
    expect(rowActionNames(el)).toEqual(['edit', 'delete', 'map']);
    expect(el.shadowRoot?.querySelector('.add')).not.toBeNull();
    expect(el.shadowRoot?.querySelector('.empty')).toBeNull();
  });

  it('shows an empty state that tells an admin how to start', async () => {
    listMock.mockResolvedValue([]);
    const el = mount();
    await flush();
    expect(table(el)).toBeNull();
    expect(el.shadowRoot?.querySelector('.empty')?.textContent).toBe('c.CT_Conn_Empty_Admin');
  });

  it('shows a load error with the server message', async () => {
    listMock.mockRejectedValue({
      body: { message: 'You need the CleverTap Admin or CleverTap Operations permission set.' },
    });
    const el = mount();
    await flush();
    expect(el.shadowRoot?.querySelector('.list-error')?.textContent).toBe(
      'c.CT_Conn_Load_Error You need the CleverTap Admin or CleverTap Operations permission set.',
    );
    expect(el.shadowRoot?.querySelector('.empty')).toBeNull();
  });

  it('Add New Connection opens the small form, toasts a save and reloads', async () => {
    listMock.mockResolvedValue([]);
    openMock.mockResolvedValue({ saved: true, connection: ROWS[0] });
    const el = mount();
    await flush();
    const toasts: Event[] = [];
    el.addEventListener(TOAST, (e) => toasts.push(e));
    listMock.mockResolvedValue(ROWS);
    (el.shadowRoot?.querySelector('.add') as HTMLElement).click();
    await flush();
    expect(openMock).toHaveBeenCalledWith({ size: 'small', label: 'c.CT_Conn_Add', connection: undefined });
    expect(toasts).toHaveLength(1);
    expect(table(el)?.data).toHaveLength(3);
  });

  it('Edit opens the form with the row; a dismissed form only reloads', async () => {
    listMock.mockResolvedValue(ROWS);
    openMock.mockResolvedValue(undefined);
    const el = mount();
    await flush();
    const toasts: Event[] = [];
    el.addEventListener(TOAST, (e) => toasts.push(e));
    rowAction(el, 'edit', ROWS[1]);
    await flush();
    expect(openMock).toHaveBeenCalledWith({ size: 'small', label: 'Staging', connection: ROWS[1] });
    expect(toasts).toHaveLength(0);
    expect(listMock).toHaveBeenCalledTimes(2);
  });

  it('Map Field fires mapfield with the connection id and name', async () => {
    listMock.mockResolvedValue(ROWS);
    const el = mount();
    await flush();
    const handler = jest.fn();
    el.addEventListener('mapfield', handler);
    rowAction(el, 'map', ROWS[0]);
    expect(handler).toHaveBeenCalledTimes(1);
    expect((handler.mock.calls[0][0] as CustomEvent).detail).toEqual({
      connectionId: 'a01000000000001AAA',
      connectionName: 'Production',
    });
  });

  it('Delete asks with what goes with it, deletes when confirmed and reloads', async () => {
    listMock.mockResolvedValue(ROWS);
    impactMock.mockResolvedValue({
      syncCount: 2,
      queuedRecords: 40,
      message: 'Deleting "Production" also deletes its 2 syncs …',
    });
    confirmMock.mockResolvedValue(true);
    deleteMock.mockResolvedValue(undefined);
    const el = mount();
    await flush();
    listMock.mockResolvedValue(ROWS.slice(1));
    rowAction(el, 'delete', ROWS[0]);
    await flush();
    await flush();
    expect(impactMock).toHaveBeenCalledWith({ connectionId: 'a01000000000001AAA' });
    expect(confirmMock).toHaveBeenCalledWith({
      message: 'Deleting "Production" also deletes its 2 syncs …',
      label: 'c.CT_Conn_Delete_Title',
      theme: 'warning',
    });
    expect(deleteMock).toHaveBeenCalledWith({ connectionId: 'a01000000000001AAA' });
    expect(table(el)?.data).toHaveLength(2);
  });

  it('Delete does nothing when the admin cancels, and shows a failed delete', async () => {
    listMock.mockResolvedValue(ROWS);
    impactMock.mockResolvedValue({ syncCount: 0, queuedRecords: 0, message: 'Deleting "Old" …' });
    confirmMock.mockResolvedValueOnce(false);
    const el = mount();
    await flush();
    rowAction(el, 'delete', ROWS[2]);
    await flush();
    expect(deleteMock).not.toHaveBeenCalled();

    confirmMock.mockResolvedValueOnce(true);
    deleteMock.mockRejectedValue({ body: { message: 'This connection no longer exists. Refresh the list.' } });
    rowAction(el, 'delete', ROWS[2]);
    await flush();
    await flush();
    expect(el.shadowRoot?.querySelector('.list-error')?.textContent).toBe(
      'c.CT_Conn_Delete_Error This connection no longer exists. Refresh the list.',
    );
  });
});
