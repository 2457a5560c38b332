import { createElement } from 'lwc';
import LightningConfirm from 'lightning/confirm';
import ClevertapSyncList, { POLL_MS, errorMessage, format } from 'c/clevertapSyncList';
import listSyncs from '@salesforce/apex/CleverTapSyncListController.listSyncs';
import historicalProgress from '@salesforce/apex/CleverTapSyncListController.historicalProgress';
import historicalEstimate from '@salesforce/apex/CleverTapSyncListController.historicalEstimate';
import startHistoricalSync from '@salesforce/apex/CleverTapSyncListController.startHistoricalSync';
import stopHistoricalSync from '@salesforce/apex/CleverTapSyncListController.stopHistoricalSync';
import setActive from '@salesforce/apex/CleverTapSyncListController.setActive';
import deleteSync from '@salesforce/apex/CleverTapSyncListController.deleteSync';

jest.mock('@salesforce/label/c.CT_SyncList_Progress', () => ({ default: '{0}: {1} of {2} records' }), {
  virtual: true,
});
jest.mock('@salesforce/label/c.CT_SyncList_Delete_Message', () => ({ default: 'Delete the sync "{0}"?' }), {
  virtual: true,
});
jest.mock('@salesforce/label/c.CT_SyncList_Counts', () => ({ default: '{0} / {1} / {2}' }), { virtual: true });
jest.mock('lightning/confirm', () => ({ __esModule: true, default: { open: jest.fn() } }), { virtual: true });
jest.mock('@salesforce/customPermission/CleverTap_Configure', () => ({ __esModule: true, default: true }), {
  virtual: true,
});
jest.mock('@salesforce/customPermission/CleverTap_Run_Historical_Sync', () => ({ __esModule: true, default: true }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CleverTapSyncListController.listSyncs', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CleverTapSyncListController.historicalProgress', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CleverTapSyncListController.historicalEstimate', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CleverTapSyncListController.startHistoricalSync', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CleverTapSyncListController.stopHistoricalSync', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CleverTapSyncListController.setActive', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CleverTapSyncListController.deleteSync', () => ({ default: jest.fn() }), { virtual: true });

const mock = (fn: unknown): jest.Mock => fn as jest.Mock;
const confirmMock = (LightningConfirm as unknown as { open: jest.Mock }).open;
const TOAST = 'lightning__showtoast';
const CONNECTION = 'a00000000000001AAA';

const LEAD = {
  id: 'a01000000000001AAA',
  name: 'Lead to Profile',
  sourceObject: 'Lead',
  sourceLabel: 'Lead',
  target: 'Profile',
  active: true,
  lastActivity: '2026-12-05T10:00:00.000Z',
  sent: 250,
  failed: 3,
  pending: 7,
};
const RUNNING = {
  runId: 'a02000000000001AAA',
  status: 'Processing',
  total: 400,
  processed: 100,
  failed: 0,
  percent: 25,
  running: true,
};
const CASE_EVENTS = {
  id: 'a01000000000002AAA',
  name: 'Case Closed',
  sourceObject: 'Case',
  sourceLabel: 'Case',
  target: 'Event',
  active: false,
  sent: 0,
  failed: 0,
  pending: 0,
};

function flush(turns = 8): Promise<void> {
  let p = Promise.resolve();
  for (let i = 0; i < turns; i++) p = p.then(() => undefined);
  return p;
}

async function mount(
  connectionId: string | undefined = CONNECTION,
): Promise<HTMLElement & { refresh(): Promise<void> }> {
  const element = createElement('c-clevertap-sync-list', { is: ClevertapSyncList }) as HTMLElement & {
    connectionId?: string;
    connectionName?: string;
    refresh(): Promise<void>;
  };
  element.connectionId = connectionId;
  element.connectionName = 'Production';
  document.body.appendChild(element);
  await flush();
  return element;
}

const rowsOf = (element: HTMLElement) => [...(element.shadowRoot?.querySelectorAll('tbody tr') ?? [])];

async function choose(element: HTMLElement, syncId: string, value: string): Promise<void> {
  const menu = element.shadowRoot?.querySelector(`lightning-button-menu[data-id="${syncId}"]`);
  menu?.dispatchEvent(new CustomEvent('select', { detail: { value } }));
  await flush();
}

function menuItems(element: HTMLElement, syncId: string): string[] {
  const menu = element.shadowRoot?.querySelector(`lightning-button-menu[data-id="${syncId}"]`);
  return [...(menu?.querySelectorAll<HTMLElement & { value: string }>('lightning-menu-item') ?? [])].map(
    (item) => item.value,
  );
}

describe('c-clevertap-sync-list', () => {
  beforeEach(() => {
    jest.clearAllMocks();
    mock(listSyncs).mockResolvedValue([LEAD, CASE_EVENTS]);
  });

  afterEach(() => {
    document.body.replaceChildren();
    jest.useRealTimers();
  });

  it('asks for a connection when none is chosen, and loads nothing', async () => {
    const element = await mount('');
    expect(element.shadowRoot?.querySelector('.no-connection')?.textContent).toBe('c.CT_SyncList_No_Connection');
    expect(element.shadowRoot?.querySelector('lightning-button.add')).toBeNull();
    expect(mock(listSyncs)).not.toHaveBeenCalled();
  });

  it('lists the syncs with their counts and active state', async () => {
    const element = await mount();
    expect(mock(listSyncs)).toHaveBeenCalledWith({ connectionId: CONNECTION });
    expect(
      element.shadowRoot?.querySelector('lightning-card')?.getAttribute('title') ??
        (element.shadowRoot?.querySelector('lightning-card') as unknown as { title: string }).title,
    ).toBe('c.CT_SyncList_Title: Production');
    const rows = rowsOf(element);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.querySelector('.sync-name')?.textContent).toBe('Lead to Profile');
    expect(rows[0]?.querySelector('.active')?.textContent).toBe('c.CT_SyncList_Yes');
    expect(rows[0]?.querySelector('.counts')?.textContent).toBe('250 / 3 / 7');
    expect(rows[1]?.querySelector('.active')?.textContent).toBe('c.CT_SyncList_No');
    expect(menuItems(element, LEAD.id)).toEqual(['edit', 'historical', 'deactivate', 'delete']);
    expect(menuItems(element, CASE_EVENTS.id)).toEqual(['edit', 'historical', 'activate', 'delete']);
  });

  it('says there are no syncs yet', async () => {
    mock(listSyncs).mockResolvedValue([]);
    const element = await mount();
    expect(element.shadowRoot?.querySelector('.empty')?.textContent).toBe('c.CT_SyncList_Empty_Admin');
  });

  it('shows a load error with what happened', async () => {
    mock(listSyncs).mockRejectedValue({ body: { message: 'Insufficient access' } });
    const element = await mount();
    expect(element.shadowRoot?.querySelector('.list-error')?.textContent).toBe(
      'c.CT_SyncList_Load_Error Insufficient access',
    );
  });

  it('Add New Sync and Edit hand the connection (and sync) to the settings tab', async () => {
    const element = await mount();
    const added = jest.fn();
    const edited = jest.fn();
    element.addEventListener('addsync', added);
    element.addEventListener('editsync', edited);
    element.shadowRoot?.querySelector('lightning-button.add')?.dispatchEvent(new CustomEvent('click'));
    await choose(element, LEAD.id, 'edit');
    expect(added.mock.calls[0][0].detail).toEqual({ connectionId: CONNECTION });
    expect(edited.mock.calls[0][0].detail).toEqual({ connectionId: CONNECTION, syncId: LEAD.id });
  });

  it('Historical Sync asks with the estimate first and starts only when confirmed', async () => {
    const element = await mount();
    const toasts = jest.fn();
    element.addEventListener(TOAST, toasts);
    mock(historicalEstimate).mockResolvedValue({
      count: 50000,
      capped: true,
      message: 'more than 50,000 Lead records',
    });
    confirmMock.mockResolvedValueOnce(false);
    await choose(element, LEAD.id, 'historical');
    expect(confirmMock.mock.calls[0][0].message).toBe('more than 50,000 Lead records');
    expect(mock(startHistoricalSync)).not.toHaveBeenCalled();

    confirmMock.mockResolvedValueOnce(true);
    mock(startHistoricalSync).mockResolvedValue(RUNNING);
    await choose(element, LEAD.id, 'historical');
    expect(mock(startHistoricalSync)).toHaveBeenCalledWith({ syncId: LEAD.id });
    expect(toasts.mock.calls[0][0].detail.title).toBe('c.CT_SyncList_Started');
    expect(mock(listSyncs)).toHaveBeenCalledTimes(2);
  });

  it("a refused start shows the server's reason", async () => {
    const element = await mount();
    mock(historicalEstimate).mockRejectedValue({ body: { message: 'Activate the sync first.' } });
    await choose(element, LEAD.id, 'historical');
    expect(element.shadowRoot?.querySelector('.list-error')?.textContent).toBe(
      'c.CT_SyncList_Action_Error Activate the sync first.',
    );
  });

  it('polls a running Historical Sync and stops polling once it completes', async () => {
    jest.useFakeTimers();
    mock(listSyncs).mockResolvedValue([{ ...LEAD, historical: RUNNING }]);
    const element = await mount();
    expect(element.shadowRoot?.querySelector('lightning-progress-bar')).not.toBeNull();
    expect(menuItems(element, LEAD.id)).toContain('stop');

    mock(historicalProgress).mockResolvedValueOnce({ [LEAD.id]: { ...RUNNING, processed: 300, percent: 75 } });
    jest.advanceTimersByTime(POLL_MS);
    await flush();
    expect((element.shadowRoot?.querySelector('lightning-progress-bar') as unknown as { value: number }).value).toBe(
      75,
    );

    const done = { ...RUNNING, status: 'Completed', processed: 400, percent: 100, running: false };
    mock(historicalProgress).mockResolvedValueOnce({ [LEAD.id]: done });
    mock(listSyncs).mockResolvedValue([{ ...LEAD, historical: done }]);
    jest.advanceTimersByTime(POLL_MS);
    await flush(16);
    expect(element.shadowRoot?.querySelector('lightning-progress-bar')).toBeNull();
    expect(element.shadowRoot?.querySelector('.historical')?.textContent).toBe('Completed: 400 of 400 records');
    const calls = mock(historicalProgress).mock.calls.length;
    jest.advanceTimersByTime(POLL_MS * 3);
    await flush();
    expect(mock(historicalProgress).mock.calls.length).toBe(calls);
  });

  it('stops polling when it leaves the page', async () => {
    jest.useFakeTimers();
    mock(listSyncs).mockResolvedValue([{ ...LEAD, historical: RUNNING }]);
    const element = await mount();
    document.body.removeChild(element);
    jest.advanceTimersByTime(POLL_MS * 2);
    await flush();
    expect(mock(historicalProgress)).not.toHaveBeenCalled();
  });

  it('a failed poll stops polling and says so', async () => {
    jest.useFakeTimers();
    mock(listSyncs).mockResolvedValue([{ ...LEAD, historical: RUNNING }]);
    const element = await mount();
    mock(historicalProgress).mockRejectedValue(new Error('offline'));
    jest.advanceTimersByTime(POLL_MS);
    await flush();
    expect(element.shadowRoot?.querySelector('.list-error')?.textContent).toBe('c.CT_SyncList_Load_Error offline');
    jest.advanceTimersByTime(POLL_MS * 2);
    await flush();
    expect(mock(historicalProgress)).toHaveBeenCalledTimes(1);
  });

  it('Stop, Activate and Deactivate call the server and reload', async () => {
    mock(listSyncs).mockResolvedValue([{ ...LEAD, historical: RUNNING }, CASE_EVENTS]);
    const element = await mount();
    mock(stopHistoricalSync).mockResolvedValue({ ...RUNNING, status: 'Aborted', running: false });
    await choose(element, LEAD.id, 'stop');
    expect(mock(stopHistoricalSync)).toHaveBeenCalledWith({ syncId: LEAD.id });
    await choose(element, CASE_EVENTS.id, 'activate');
    expect(mock(setActive)).toHaveBeenCalledWith({ syncId: CASE_EVENTS.id, active: true });
    await choose(element, LEAD.id, 'deactivate');
    expect(mock(setActive)).toHaveBeenCalledWith({ syncId: LEAD.id, active: false });
    expect(mock(listSyncs)).toHaveBeenCalledTimes(4);
  });

  it('Delete asks, names the sync, and deletes only when confirmed', async () => {
    const element = await mount();
    confirmMock.mockResolvedValueOnce(false);
    await choose(element, LEAD.id, 'delete');
    expect(confirmMock.mock.calls[0][0].message).toContain('Lead to Profile');
    expect(mock(deleteSync)).not.toHaveBeenCalled();
    confirmMock.mockResolvedValueOnce(true);
    await choose(element, LEAD.id, 'delete');
    expect(mock(deleteSync)).toHaveBeenCalledWith({ syncId: LEAD.id });
  });

  it('refresh() and a new connection load the list again', async () => {
    const element = (await mount()) as HTMLElement & { refresh(): Promise<void>; connectionId?: string };
    await element.refresh();
    element.connectionId = 'a00000000000002AAA';
    await flush();
    expect(mock(listSyncs)).toHaveBeenLastCalledWith({ connectionId: 'a00000000000002AAA' });
    expect(mock(listSyncs)).toHaveBeenCalledTimes(3);
  });

  it('formats labels and error messages', () => {
    expect(format('{0} of {1}', 3, undefined)).toBe('3 of ');
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage(undefined)).toBe('c.CT_SyncList_Unknown_Error');
  });
});
