import { createElement } from 'lwc';
import ClevertapEventsLog, { PAGE_SIZE, POLL_MS, SEARCH_DELAY_MS } from 'c/clevertapEventsLog';
import type { EntryRow } from 'c/clevertapEventsLog';
import ClevertapLogDetails from 'c/clevertapLogDetails';
import health from '@salesforce/apex/CleverTapEventsLogController.health';
import filterOptions from '@salesforce/apex/CleverTapEventsLogController.filterOptions';
import listEntries from '@salesforce/apex/CleverTapEventsLogController.listEntries';
import retry from '@salesforce/apex/CleverTapEventsLogController.retry';
import retryAllFailed from '@salesforce/apex/CleverTapEventsLogController.retryAllFailed';
import retryProgress from '@salesforce/apex/CleverTapEventsLogController.retryProgress';

// The modal has its own test; here only its open() matters.
jest.mock('c/clevertapLogDetails', () => ({
  __esModule: true,
  default: { open: jest.fn() },
  errorMessage: (e: { body?: { message?: string } }) => e?.body?.message ?? 'c.CT_Log_Unknown_Error',
}));
jest.mock('@salesforce/customPermission/CleverTap_Retry_Events', () => ({ __esModule: true, default: true }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CleverTapEventsLogController.health', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CleverTapEventsLogController.filterOptions', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CleverTapEventsLogController.listEntries', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CleverTapEventsLogController.retry', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CleverTapEventsLogController.retryAllFailed', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CleverTapEventsLogController.retryProgress', () => ({ default: jest.fn() }), {
  virtual: true,
});

const healthMock = health as unknown as jest.Mock;
const optionsMock = filterOptions as unknown as jest.Mock;
const listMock = listEntries as unknown as jest.Mock;
const retryMock = retry as unknown as jest.Mock;
const retryAllMock = retryAllFailed as unknown as jest.Mock;
const progressMock = retryProgress as unknown as jest.Mock;
const openMock = (ClevertapLogDetails as unknown as { open: jest.Mock }).open;

const TOAST = 'lightning__showtoast';

const counts = (sent: number, failed: number, pending = 0) => ({
  sent,
  failed,
  skipped: 1,
  retrying: 2,
  pending,
  lastActivity: '2026-12-05T10:00:00.000Z',
});

const HEALTH = {
  connections: [
    {
      id: 'a01000000000001AAA',
      name: 'Production',
      counts: counts(120, 4, 7),
      syncs: [
        { id: 'a02000000000001AAA', name: 'Leads to profiles', counts: counts(100, 4) },
        { id: 'a02000000000002AAA', name: 'Won deals', counts: counts(20, 0) },
      ],
    },
    { id: 'a01000000000002AAA', name: 'Staging', counts: counts(0, 0), syncs: [] },
  ],
  hourly: [
    { startsAt: '2026-12-05T09:00:00.000Z', sent: 100, failed: 4 },
    { startsAt: '2026-12-05T10:00:00.000Z', sent: 20, failed: 0 },
  ],
};

const OPTIONS = {
  connections: [{ label: 'Production', value: 'a01000000000001AAA' }],
  syncs: [{ label: 'Leads to profiles', value: 'a02000000000001AAA' }],
  objects: [{ label: 'Lead', value: 'Lead' }],
  statuses: [
    { label: 'Sent', value: 'Sent' },
    { label: 'Failed', value: 'Failed' },
  ],
};

function row(n: number, overrides: Partial<EntryRow> = {}): EntryRow {
  const id = `a03${String(n).padStart(12, '0')}AAA`;
  return {
    id,
    name: `EL-${n}`,
    sentAt: '2026-12-05T10:00:00.000Z',
    status: 'Failed',
    operation: 'Upload',
    objectName: 'Lead',
    recordId: `00Q${String(n).padStart(12, '0')}AAA`,
    identity: `SF_Lead_${n}`,
    syncId: 'a02000000000001AAA',
    syncName: 'Leads to profiles',
    connectionName: 'Production',
    attempts: 3,
    message: 'Identity is not valid',
    ...overrides,
  };
}

const PAGE1 = {
  rows: [row(1), row(2, { status: 'Sent', message: undefined })],
  nextCursor: { sortValue: '2026-12-05T10:00:00.000Z', id: 'a03000000000000002AAA' },
};
const PAGE2 = { rows: [row(3)], nextCursor: { sortValue: '2026-12-05T09:00:00.000Z', id: 'a03000000000000003AAA' } };
const PAGE3 = { rows: [row(4)] };

/** A few microtask turns: the mocked Apex promises and the re-render settle. */
function flush(turns = 10): Promise<void> {
  return turns === 0 ? Promise.resolve() : Promise.resolve().then(() => flush(turns - 1));
}

type Table = HTMLElement & {
  data: (EntryRow & { statusClass: string })[];
  columns: Record<string, unknown>[];
  sortedBy: string;
  sortedDirection: string;
  hideCheckboxColumn: boolean;
};

function mount(): HTMLElement {
  const element = createElement('c-clevertap-events-log', { is: ClevertapEventsLog });
  document.body.appendChild(element);
  return element;
}

const $ = <T extends HTMLElement = HTMLElement>(el: HTMLElement, selector: string): T | null =>
  el.shadowRoot?.querySelector<T>(selector) ?? null;
const $$ = (el: HTMLElement, selector: string): HTMLElement[] => [
  ...(el.shadowRoot?.querySelectorAll<HTMLElement>(selector) ?? []),
];
const table = (el: HTMLElement): Table | null => $<Table>(el, 'lightning-datatable');

/** The query JSON of the last listEntries call. */
function lastQuery(): Record<string, unknown> {
  const calls = listMock.mock.calls;
  return JSON.parse((calls[calls.length - 1][0] as { query: string }).query) as Record<string, unknown>;
}

function change(el: HTMLElement, selector: string, value: string): void {
  $(el, selector)?.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

function click(el: HTMLElement, selector: string): void {
  $(el, selector)?.click();
}

function rowAction(el: HTMLElement, name: string, r: EntryRow): void {
  table(el)?.dispatchEvent(new CustomEvent('rowaction', { detail: { action: { name }, row: r } }));
}

function disabled(el: HTMLElement, selector: string): boolean | undefined {
  return $<HTMLElement & { disabled: boolean }>(el, selector)?.disabled;
}

describe('c-clevertap-events-log', () => {
  beforeEach(() => {
    healthMock.mockResolvedValue(HEALTH);
    optionsMock.mockResolvedValue(OPTIONS);
    listMock.mockResolvedValue(PAGE1);
  });

  afterEach(() => {
    document.body.replaceChildren();
    jest.resetAllMocks();
    jest.useRealTimers();
  });

  describe('health', () => {
    it('shows a card per connection with sent, failed, skipped, retrying and pending, its syncs under it', async () => {
      const el = mount();
      await flush();
      const cards = $$(el, '.connection-card');
      expect(cards.map((c) => c.querySelector('.card-name')?.textContent)).toEqual(['Production', 'Staging']);
      const values = [...cards[0].querySelectorAll('.stat')].map((s) => [
        s.getAttribute('data-stat'),
        s.querySelector('.stat-value')?.textContent,
      ]);
      expect(values).toEqual([
        ['sent', '120'],
        ['failed', '4'],
        ['skipped', '1'],
        ['retrying', '2'],
        ['pending', '7'],
      ]);
      expect(cards[0].querySelector('.stat-failed')?.className).toContain('slds-text-color_error');
      expect(cards[1].querySelector('.stat-failed')?.className).not.toContain('slds-text-color_error');
      const syncs = [...cards[0].querySelectorAll('.sync-line')];
      expect(syncs.map((s) => s.querySelector('.sync-name')?.textContent)).toEqual(['Leads to profiles', 'Won deals']);
      expect(syncs[0].querySelector('[data-stat="failed"]')?.textContent).toBe('4');
      expect([...cards[0].querySelectorAll('.sync-table thead th')].map((th) => th.textContent)).toEqual([
        'c.CT_Log_Filter_Sync',
        'c.CT_Log_Count_Sent',
        'c.CT_Log_Count_Failed',
        'c.CT_Log_Count_Skipped',
        'c.CT_Log_Count_Retrying',
        'c.CT_Log_Count_Pending',
      ]);
      expect(cards[1].querySelectorAll('.sync-line')).toHaveLength(0);
    });

    it('hands the hourly series to the chart', async () => {
      const el = mount();
      await flush();
      const chart = $<HTMLElement & { hours: unknown }>(el, 'c-clevertap-health-chart');
      expect(chart?.hours).toEqual(HEALTH.hourly);
    });

    it('tells the admin to add a connection when there is none', async () => {
      healthMock.mockResolvedValue({ connections: [], hourly: [] });
      const el = mount();
      await flush();
      expect($(el, '.health-empty')?.textContent).toBe('c.CT_Log_Health_Empty');
    });

    it('shows zeros for a connection without counts', async () => {
      healthMock.mockResolvedValue({ connections: [{ id: 'x', name: 'New', syncs: [{ id: 'y', name: 'S' }] }] });
      const el = mount();
      await flush();
      expect($$(el, '.connection-card .stat-value').map((v) => v.textContent)).toEqual(['0', '0', '0', '0', '0']);
      expect($<HTMLElement & { hours: unknown }>(el, 'c-clevertap-health-chart')?.hours).toEqual([]);
    });

    it('shows a health error inline and keeps the list working', async () => {
      healthMock.mockRejectedValue({ body: { message: 'You need the CleverTap Operations permission set.' } });
      const el = mount();
      await flush();
      expect($(el, '.health-error')?.textContent).toBe(
        'c.CT_Log_Health_Error You need the CleverTap Operations permission set.',
      );
      expect(table(el)?.data).toHaveLength(2);
    });
  });

  describe('list', () => {
    it('asks for the first page newest first and shows the columns', async () => {
      const el = mount();
      await flush();
      expect(lastQuery()).toEqual({ sortBy: 'Sent_At__c', sortDirection: 'desc', pageSize: PAGE_SIZE });
      const t = table(el) as Table;
      expect(t.columns.map((c) => c.label).filter(Boolean)).toEqual([
        'c.CT_Log_Col_Date',
        'c.CT_Log_Col_Status',
        'c.CT_Log_Col_Operation',
        'c.CT_Log_Col_Object',
        'c.CT_Log_Col_Record',
        'c.CT_Log_Col_Identity',
        'c.CT_Log_Col_Sync',
        'c.CT_Log_Col_Attempts',
        'c.CT_Log_Col_Message',
      ]);
      expect(t.data.map((r) => r.recordId)).toEqual(['00Q000000000001AAA', '00Q000000000002AAA']);
      expect(t.data.map((r) => r.statusClass)).toEqual(['slds-text-color_error', 'slds-text-color_success']);
      expect(t.sortedBy).toBe('sentAt');
      expect(t.sortedDirection).toBe('desc');
      const actions = t.columns.find((c) => c.type === 'action') as {
        typeAttributes: { rowActions: { name: string }[] };
      };
      expect(actions.typeAttributes.rowActions.map((a) => a.name)).toEqual(['details', 'retry']);
      expect(t.hideCheckboxColumn).toBe(false);
    });

    it.each([
      ['status', 'Failed'],
      ['objectName', 'Lead'],
      ['syncId', 'a02000000000001AAA'],
      ['connectionId', 'a01000000000001AAA'],
      ['from', '2026-12-01T00:00:00.000Z'],
      ['to', '2026-12-05T23:59:00.000Z'],
    ])('filters by %s from the first page', async (filter, value) => {
      const el = mount();
      await flush();
      click(el, '.next');
      await flush();
      change(el, `[data-filter="${filter}"]`, value);
      await flush();
      expect(lastQuery()).toEqual({
        [filter]: value,
        sortBy: 'Sent_At__c',
        sortDirection: 'desc',
        pageSize: PAGE_SIZE,
      });
      expect($(el, '.page')?.textContent).toBe('c.CT_Log_Page');
      expect(disabled(el, '.previous')).toBe(true);
    });

    it('labels every filter and offers All plus the server options', async () => {
      const el = mount();
      await flush();
      const labels = $$(el, '[data-filter]').map((f) => (f as HTMLElement & { label: string }).label);
      expect(labels).toEqual([
        'c.CT_Log_Filter_Status',
        'c.CT_Log_Filter_Object',
        'c.CT_Log_Filter_Sync',
        'c.CT_Log_Filter_Connection',
        'c.CT_Log_Filter_From',
        'c.CT_Log_Filter_To',
      ]);
      const status = $<HTMLElement & { options: { value: string }[]; value: string }>(el, '[data-filter="status"]');
      expect(status?.options.map((o) => o.value)).toEqual(['', 'Sent', 'Failed']);
      // nothing chosen shows the All option
      expect(status?.value).toBe('');
      const search = $<HTMLElement & { label: string; placeholder: string }>(el, '.search');
      expect(search?.label).toBe('c.CT_Log_Search');
      expect(search?.placeholder).toBe('c.CT_Log_Search_Placeholder');
    });

    it('searches by record ID or Customer ID once the typing stops', async () => {
      jest.useFakeTimers();
      const el = mount();
      await flush();
      listMock.mockClear();
      change(el, '.search', '00Q0');
      change(el, '.search', ' 00Q000000000001AAA ');
      await flush();
      expect(listMock).not.toHaveBeenCalled();
      jest.advanceTimersByTime(SEARCH_DELAY_MS);
      await flush();
      expect(listMock).toHaveBeenCalledTimes(1);
      expect(lastQuery()).toEqual({
        search: '00Q000000000001AAA',
        sortBy: 'Sent_At__c',
        sortDirection: 'desc',
        pageSize: PAGE_SIZE,
      });
    });

    it('clears the filters and the search', async () => {
      jest.useFakeTimers();
      const el = mount();
      await flush();
      expect(disabled(el, '.clear-filters')).toBe(true);
      change(el, '[data-filter="status"]', 'Failed');
      change(el, '.search', 'SF_Lead_1');
      jest.advanceTimersByTime(SEARCH_DELAY_MS);
      await flush();
      expect(lastQuery()).toMatchObject({ status: 'Failed', search: 'SF_Lead_1' });
      expect(disabled(el, '.clear-filters')).toBe(false);
      change(el, '.search', 'other');
      click(el, '.clear-filters');
      jest.advanceTimersByTime(SEARCH_DELAY_MS);
      await flush();
      expect(lastQuery()).toEqual({ sortBy: 'Sent_At__c', sortDirection: 'desc', pageSize: PAGE_SIZE });
      expect($<HTMLElement & { value: string }>(el, '.search')?.value).toBe('');
    });

    it('pages forward with the next cursor and back with the cursors it came from', async () => {
      const el = mount();
      await flush();
      expect(disabled(el, '.previous')).toBe(true);
      expect(disabled(el, '.next')).toBe(false);

      listMock.mockResolvedValue(PAGE2);
      click(el, '.next');
      await flush();
      expect(lastQuery().after).toEqual(PAGE1.nextCursor);
      expect(table(el)?.data.map((r) => r.id)).toEqual([PAGE2.rows[0].id]);

      listMock.mockResolvedValue(PAGE3);
      click(el, '.next');
      await flush();
      expect(lastQuery().after).toEqual(PAGE2.nextCursor);
      expect(disabled(el, '.next')).toBe(true);
      expect(disabled(el, '.previous')).toBe(false);

      listMock.mockResolvedValue(PAGE2);
      click(el, '.previous');
      await flush();
      expect(lastQuery().after).toEqual(PAGE1.nextCursor);

      listMock.mockResolvedValue(PAGE1);
      click(el, '.previous');
      await flush();
      expect(lastQuery().after).toBeUndefined();
      expect(disabled(el, '.previous')).toBe(true);
    });

    it('sorts on the server from a new first page', async () => {
      const el = mount();
      await flush();
      listMock.mockResolvedValue(PAGE2);
      click(el, '.next');
      await flush();
      table(el)?.dispatchEvent(new CustomEvent('sort', { detail: { fieldName: 'attempts', sortDirection: 'asc' } }));
      await flush();
      expect(lastQuery()).toEqual({ sortBy: 'Attempts__c', sortDirection: 'asc', pageSize: PAGE_SIZE });
      expect(table(el)?.sortedBy).toBe('attempts');
      expect(table(el)?.sortedDirection).toBe('asc');
      const sortable = (table(el) as Table).columns.filter((c) => c.sortable).map((c) => c.fieldName);
      expect(sortable).toEqual(['sentAt', 'status', 'operation', 'objectName', 'attempts']);
    });

    it('says there are no events yet on an empty log', async () => {
      listMock.mockResolvedValue({ rows: [] });
      const el = mount();
      await flush();
      expect(table(el)).toBeNull();
      expect($(el, '.empty')?.textContent).toBe('c.CT_Log_Empty');
    });

    it('says nothing matches when filters leave no rows', async () => {
      const el = mount();
      await flush();
      listMock.mockResolvedValue({ rows: [] });
      change(el, '[data-filter="status"]', 'Skipped');
      await flush();
      expect($(el, '.empty')?.textContent).toBe('c.CT_Log_Empty_Filtered');
    });

    it('shows a list error inline with what to do', async () => {
      listMock.mockRejectedValue({ body: { message: 'Sort by is not one of the allowed fields.' } });
      const el = mount();
      await flush();
      expect($(el, '.list-error')?.textContent).toBe('c.CT_Log_List_Error Sort by is not one of the allowed fields.');
      expect(disabled(el, '.next')).toBe(true);
      // an error is not an empty log
      expect($(el, '.empty')).toBeNull();
    });

    it('shows a filter options error inline', async () => {
      optionsMock.mockRejectedValue(new Error('offline'));
      listMock.mockReturnValue(new Promise(() => undefined));
      const el = mount();
      await flush();
      expect($(el, '.options-error')?.textContent).toBe('c.CT_Log_Filter_Error c.CT_Log_Unknown_Error');
    });

    it('reloads health and the page on Refresh', async () => {
      const el = mount();
      await flush();
      click(el, '.refresh');
      await flush();
      expect(healthMock).toHaveBeenCalledTimes(2);
      expect(listMock).toHaveBeenCalledTimes(2);
    });

    it('opens View Details for a row', async () => {
      const el = mount();
      await flush();
      rowAction(el, 'details', PAGE1.rows[0]);
      await flush();
      expect(openMock).toHaveBeenCalledWith({
        size: 'medium',
        label: 'c.CT_Log_Action_Details',
        logId: PAGE1.rows[0].id,
      });
      expect(listMock).toHaveBeenCalledTimes(1);
    });

    it('reloads after View Details retried the entry', async () => {
      openMock.mockResolvedValue({ retried: true });
      const el = mount();
      await flush();
      rowAction(el, 'details', PAGE1.rows[0]);
      await flush();
      expect(listMock).toHaveBeenCalledTimes(2);
      expect(healthMock).toHaveBeenCalledTimes(2);
    });
  });

  describe('retry', () => {
    it('retries one row, says what was queued and reloads', async () => {
      retryMock.mockResolvedValue({ queued: 1, skipped: 0, message: '1 record queued to send again.' });
      const el = mount();
      const toasts: CustomEvent[] = [];
      el.addEventListener(TOAST, (e) => toasts.push(e as CustomEvent));
      await flush();
      rowAction(el, 'retry', PAGE1.rows[0]);
      await flush();
      expect(retryMock).toHaveBeenCalledWith({ logIds: [PAGE1.rows[0].id] });
      expect(toasts[0].detail).toMatchObject({ message: '1 record queued to send again.', variant: 'success' });
      expect(listMock).toHaveBeenCalledTimes(2);
      expect(healthMock).toHaveBeenCalledTimes(2);
    });

    it('retries the selected rows', async () => {
      retryMock.mockResolvedValue({ queued: 0, skipped: 2, message: 'Nothing to retry: both were sent.' });
      const el = mount();
      const toasts: CustomEvent[] = [];
      el.addEventListener(TOAST, (e) => toasts.push(e as CustomEvent));
      await flush();
      expect(disabled(el, '.retry-selected')).toBe(true);
      table(el)?.dispatchEvent(new CustomEvent('rowselection', { detail: { selectedRows: PAGE1.rows } }));
      await flush();
      expect(disabled(el, '.retry-selected')).toBe(false);
      click(el, '.retry-selected');
      await flush();
      expect(retryMock).toHaveBeenCalledWith({ logIds: PAGE1.rows.map((r) => r.id) });
      expect(toasts[0].detail).toMatchObject({ variant: 'warning' });
      expect(disabled(el, '.retry-selected')).toBe(true);
    });

    it('shows a retry error inline', async () => {
      retryMock.mockRejectedValue({ body: { message: 'You need the CleverTap Operations permission set to retry.' } });
      const el = mount();
      await flush();
      rowAction(el, 'retry', PAGE1.rows[0]);
      await flush();
      expect($(el, '.list-error')?.textContent).toBe(
        'c.CT_Log_Retry_Error You need the CleverTap Operations permission set to retry.',
      );
    });

    it('runs Retry all failed with a progress bar, polling until the batch completes', async () => {
      jest.useFakeTimers();
      retryAllMock.mockResolvedValue({ jobId: '707000000000001AAA' });
      progressMock
        .mockResolvedValueOnce({ status: 'Processing', processed: 50, total: 200 })
        .mockResolvedValueOnce({ status: 'Completed', processed: 200, total: 200 });
      const el = mount();
      const toasts: CustomEvent[] = [];
      el.addEventListener(TOAST, (e) => toasts.push(e as CustomEvent));
      await flush();
      click(el, '.retry-all');
      await flush();
      expect(retryAllMock).toHaveBeenCalledWith({ syncId: null });
      expect($<HTMLElement & { value: number }>(el, 'lightning-progress-bar')?.value).toBe(0);
      expect(disabled(el, '.retry-all')).toBe(true);

      jest.advanceTimersByTime(POLL_MS);
      await flush();
      expect(progressMock).toHaveBeenCalledWith({ jobId: '707000000000001AAA' });
      expect($<HTMLElement & { value: number }>(el, 'lightning-progress-bar')?.value).toBe(25);
      expect($(el, '.retry-progress-text')?.textContent).toBe('c.CT_Log_Retry_Progress');

      jest.advanceTimersByTime(POLL_MS);
      await flush();
      expect($(el, 'lightning-progress-bar')).toBeNull();
      expect(toasts[0].detail).toMatchObject({ message: 'c.CT_Log_Retry_Done', variant: 'success' });
      expect(listMock).toHaveBeenCalledTimes(2);

      jest.advanceTimersByTime(POLL_MS * 3);
      await flush();
      expect(progressMock).toHaveBeenCalledTimes(2);
    });

    it('reports a batch that failed or was aborted; retries only the chosen sync', async () => {
      jest.useFakeTimers();
      retryAllMock.mockResolvedValue({ jobId: '707000000000001AAA' });
      progressMock.mockResolvedValue({ status: 'Aborted', processed: 10, total: 200 });
      const el = mount();
      const toasts: CustomEvent[] = [];
      el.addEventListener(TOAST, (e) => toasts.push(e as CustomEvent));
      await flush();
      change(el, '[data-filter="syncId"]', 'a02000000000001AAA');
      await flush();
      click(el, '.retry-all');
      await flush();
      expect(retryAllMock).toHaveBeenCalledWith({ syncId: 'a02000000000001AAA' });
      await flush();
      jest.advanceTimersByTime(POLL_MS);
      await flush();
      expect(toasts[0].detail).toMatchObject({ message: 'c.CT_Log_Retry_Stopped', variant: 'error' });
    });

    it('stops polling and shows the error when progress cannot be read', async () => {
      jest.useFakeTimers();
      retryAllMock.mockResolvedValue({ jobId: '707000000000001AAA' });
      progressMock.mockRejectedValue({ body: { message: 'Job not found.' } });
      const el = mount();
      await flush();
      click(el, '.retry-all');
      await flush();
      jest.advanceTimersByTime(POLL_MS);
      await flush();
      jest.advanceTimersByTime(POLL_MS * 3);
      await flush();
      expect(progressMock).toHaveBeenCalledTimes(1);
      expect($(el, '.list-error')?.textContent).toBe('c.CT_Log_Retry_Error Job not found.');
      expect($(el, 'lightning-progress-bar')).toBeNull();
    });

    it('shows an error when Retry all failed does not start', async () => {
      retryAllMock.mockRejectedValue({ body: { message: 'A retry is already running.' } });
      const el = mount();
      await flush();
      click(el, '.retry-all');
      await flush();
      expect($(el, '.list-error')?.textContent).toBe('c.CT_Log_Retry_Error A retry is already running.');
      expect(disabled(el, '.retry-all')).toBe(false);
    });

    it('stops polling when the tab is closed', async () => {
      jest.useFakeTimers();
      retryAllMock.mockResolvedValue({ jobId: '707000000000001AAA' });
      progressMock.mockResolvedValue({ status: 'Processing', processed: 1, total: 200 });
      const el = mount();
      await flush();
      click(el, '.retry-all');
      await flush();
      el.remove();
      jest.advanceTimersByTime(POLL_MS * 3);
      await flush();
      expect(progressMock).not.toHaveBeenCalled();
    });
  });
});
