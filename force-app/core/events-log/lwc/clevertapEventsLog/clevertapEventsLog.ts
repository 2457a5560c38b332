import { LightningElement } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import ClevertapLogDetails, { errorMessage } from 'c/clevertapLogDetails';
import type { DetailsResult } from 'c/clevertapLogDetails';
import type { HealthHour } from 'c/clevertapHealthChart';
import health from '@salesforce/apex/CleverTapEventsLogController.health';
import filterOptions from '@salesforce/apex/CleverTapEventsLogController.filterOptions';
import listEntries from '@salesforce/apex/CleverTapEventsLogController.listEntries';
import retry from '@salesforce/apex/CleverTapEventsLogController.retry';
import retryAllFailed from '@salesforce/apex/CleverTapEventsLogController.retryAllFailed';
import retryProgress from '@salesforce/apex/CleverTapEventsLogController.retryProgress';
import canRetryEvents from '@salesforce/customPermission/CleverTap_Retry_Events';
import title from '@salesforce/label/c.CT_Events_Log_Title';
import intro from '@salesforce/label/c.CT_Events_Log_Intro';
import healthTitle from '@salesforce/label/c.CT_Log_Health_Title';
import healthEmpty from '@salesforce/label/c.CT_Log_Health_Empty';
import healthError from '@salesforce/label/c.CT_Log_Health_Error';
import lastActivity from '@salesforce/label/c.CT_Log_Last_Activity';
import countSent from '@salesforce/label/c.CT_Log_Count_Sent';
import countFailed from '@salesforce/label/c.CT_Log_Count_Failed';
import countSkipped from '@salesforce/label/c.CT_Log_Count_Skipped';
import countRetrying from '@salesforce/label/c.CT_Log_Count_Retrying';
import countPending from '@salesforce/label/c.CT_Log_Count_Pending';
import filterStatus from '@salesforce/label/c.CT_Log_Filter_Status';
import filterObject from '@salesforce/label/c.CT_Log_Filter_Object';
import filterSync from '@salesforce/label/c.CT_Log_Filter_Sync';
import filterConnection from '@salesforce/label/c.CT_Log_Filter_Connection';
import filterFrom from '@salesforce/label/c.CT_Log_Filter_From';
import filterTo from '@salesforce/label/c.CT_Log_Filter_To';
import filterAll from '@salesforce/label/c.CT_Log_Filter_All';
import filterError from '@salesforce/label/c.CT_Log_Filter_Error';
import searchLabel from '@salesforce/label/c.CT_Log_Search';
import searchPlaceholder from '@salesforce/label/c.CT_Log_Search_Placeholder';
import clearFilters from '@salesforce/label/c.CT_Log_Clear_Filters';
import colDate from '@salesforce/label/c.CT_Log_Col_Date';
import colStatus from '@salesforce/label/c.CT_Log_Col_Status';
import colOperation from '@salesforce/label/c.CT_Log_Col_Operation';
import colObject from '@salesforce/label/c.CT_Log_Col_Object';
import colRecord from '@salesforce/label/c.CT_Log_Col_Record';
import colIdentity from '@salesforce/label/c.CT_Log_Col_Identity';
import colSync from '@salesforce/label/c.CT_Log_Col_Sync';
import colAttempts from '@salesforce/label/c.CT_Log_Col_Attempts';
import colMessage from '@salesforce/label/c.CT_Log_Col_Message';
import actionDetails from '@salesforce/label/c.CT_Log_Action_Details';
import actionRetry from '@salesforce/label/c.CT_Log_Action_Retry';
import retrySelected from '@salesforce/label/c.CT_Log_Retry_Selected';
import retryAll from '@salesforce/label/c.CT_Log_Retry_All';
import retryError from '@salesforce/label/c.CT_Log_Retry_Error';
import retryProgressText from '@salesforce/label/c.CT_Log_Retry_Progress';
import retryDone from '@salesforce/label/c.CT_Log_Retry_Done';
import retryStopped from '@salesforce/label/c.CT_Log_Retry_Stopped';
import previous from '@salesforce/label/c.CT_Log_Previous';
import next from '@salesforce/label/c.CT_Log_Next';
import pageText from '@salesforce/label/c.CT_Log_Page';
import refresh from '@salesforce/label/c.CT_Log_Refresh';
import entriesTitle from '@salesforce/label/c.CT_Log_Entries_Title';
import emptyLog from '@salesforce/label/c.CT_Log_Empty';
import emptyFiltered from '@salesforce/label/c.CT_Log_Empty_Filtered';
import listError from '@salesforce/label/c.CT_Log_List_Error';
import loading from '@salesforce/label/c.CT_Log_Loading';

/** CleverTapLogHealth.Counts: the last 24 hours. */
export interface Counts {
  sent: number;
  failed: number;
  skipped: number;
  retrying: number;
  pending: number;
  lastActivity?: string;
}

interface SyncHealth {
  id: string;
  name: string;
  counts?: Counts;
}

interface ConnectionHealth extends SyncHealth {
  syncs: SyncHealth[];
}

interface HealthView {
  connections: ConnectionHealth[];
  hourly: HealthHour[];
}

interface Option {
  label: string;
  value: string;
}

interface FilterOptions {
  connections: Option[];
  syncs: Option[];
  objects: Option[];
  statuses: Option[];
}

/** EntryRow of CleverTapEventsLogController.listEntries. */
export interface EntryRow {
  id: string;
  name?: string;
  sentAt?: string;
  status?: string;
  operation?: string;
  objectName?: string;
  recordId?: string;
  identity?: string;
  syncId?: string;
  syncName?: string;
  connectionName?: string;
  attempts?: number;
  httpStatus?: number;
  errorCode?: string;
  message?: string;
  recordCount?: number;
}

/** Where the next page starts (keyset paging): the last row's sort value and Id. */
export interface Cursor {
  sortValue: unknown;
  id: string;
}

interface Page {
  rows: EntryRow[];
  nextCursor?: Cursor;
}

interface RetryResult {
  queued: number;
  skipped: number;
  message: string;
}

interface RetryJob {
  status: string;
  processed: number;
  total: number;
}

type FilterName = 'status' | 'objectName' | 'syncId' | 'connectionId' | 'from' | 'to';
type Filters = Partial<Record<FilterName | 'search', string>>;
type SortDirection = 'asc' | 'desc';

/** Rows a page asks for. */
export const PAGE_SIZE = 50;
/** How often a running "Retry all failed" batch is asked for its progress. */
export const POLL_MS = 2000;
/** How long the search box waits for the typing to stop. */
export const SEARCH_DELAY_MS = 400;
const FINISHED = ['Completed', 'Failed', 'Aborted'];

/** Datatable column → the Event Log field the server sorts by (the controller allow-lists these). */
export const SORT_FIELDS: Record<string, string> = {
  sentAt: 'Sent_At__c',
  status: 'Status__c',
  operation: 'Operation__c',
  objectName: 'Source_Object__c',
  attempts: 'Attempts__c',
};

/** `{0} … {1}` placeholders of a label, filled in order. */
function format(label: string, ...values: (string | number)[]): string {
  return label.replace(/\{(\d+)\}/g, (_, i: string) => String(values[Number(i)] ?? ''));
}

/** The static open() of LightningModal, which its typings leave out. */
interface ModalOpener {
  open(options: { size: string; label: string; logId: string }): Promise<unknown>;
}

/** Events Log tab: 24-hour health, the filtered and keyset-paged log, View Details and Retry. */
export default class ClevertapEventsLog extends LightningElement {
  readonly canRetry = canRetryEvents === true;
  readonly labels = {
    title,
    intro,
    healthTitle,
    healthEmpty,
    lastActivity,
    filterStatus,
    filterObject,
    filterSync,
    filterConnection,
    filterFrom,
    filterTo,
    searchLabel,
    searchPlaceholder,
    clearFilters,
    retrySelected,
    retryAll,
    previous,
    next,
    refresh,
    entriesTitle,
    loading,
  };

  healthView?: HealthView;
  healthBusy = false;
  healthError?: string;

  options: FilterOptions = { connections: [], syncs: [], objects: [], statuses: [] };
  filters: Filters = {};
  searchText = '';
  sortedBy = 'sentAt';
  sortedDirection: SortDirection = 'desc';

  rows: EntryRow[] = [];
  nextCursor?: Cursor;
  /** The `after` cursor of the page on screen (undefined = first page). */
  private currentAfter?: Cursor;
  /** The `after` cursors of the pages before this one, so Previous can go back. */
  private previousCursors: (Cursor | undefined)[] = [];
  listBusy = false;
  listLoaded = false;
  listError?: string;
  optionsError?: string;
  selectedIds: string[] = [];

  retryJob?: RetryJob;
  actionBusy = false;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private polling = false;
  private searchTimer?: ReturnType<typeof setTimeout>;

  override connectedCallback(): void {
    this.loadHealth();
    this.loadOptions();
    this.loadPage();
  }

  override disconnectedCallback(): void {
    this.stopPolling();
    if (this.searchTimer) clearTimeout(this.searchTimer);
  }

  // ---- health ----

  get connectionCards(): HealthCard[] {
    return (this.healthView?.connections ?? []).map((c) => ({
      ...c,
      lastActivity: c.counts?.lastActivity,
      stats: stats(c.counts),
      syncLines: (c.syncs ?? []).map((s) => ({ ...s, stats: stats(s.counts) })),
    }));
  }

  get hourly(): HealthHour[] {
    return this.healthView?.hourly ?? [];
  }

  get hasConnections(): boolean {
    return this.connectionCards.length > 0;
  }

  get healthEmptyShown(): boolean {
    return Boolean(this.healthView) && !this.hasConnections;
  }

  async loadHealth(): Promise<void> {
    this.healthBusy = true;
    try {
      this.healthView = (await health()) as HealthView;
      this.healthError = undefined;
    } catch (e) {
      this.healthError = `${healthError} ${errorMessage(e)}`;
    } finally {
      this.healthBusy = false;
    }
  }

  // ---- filters ----

  get statusOptions(): Option[] {
    return withAll(this.options.statuses);
  }

  get objectOptions(): Option[] {
    return withAll(this.options.objects);
  }

  get syncOptions(): Option[] {
    return withAll(this.options.syncs);
  }

  get connectionOptions(): Option[] {
    return withAll(this.options.connections);
  }

  get isFiltered(): boolean {
    return Object.values(this.filters).some(Boolean);
  }

  /** The inputs' values: '' selects the All option of a combobox. */
  get filterValues(): Record<FilterName, string> {
    const f = this.filters;
    return {
      status: f.status ?? '',
      objectName: f.objectName ?? '',
      syncId: f.syncId ?? '',
      connectionId: f.connectionId ?? '',
      from: f.from ?? '',
      to: f.to ?? '',
    };
  }

  /** Column headings of a card's sync table. */
  get statLabels(): Stat[] {
    return stats(undefined);
  }

  get clearDisabled(): boolean {
    return !this.isFiltered;
  }

  get hideCheckbox(): boolean {
    return !this.canRetry;
  }

  private async loadOptions(): Promise<void> {
    try {
      const loaded = (await filterOptions()) as Partial<FilterOptions>;
      this.options = {
        connections: loaded.connections ?? [],
        syncs: loaded.syncs ?? [],
        objects: loaded.objects ?? [],
        statuses: loaded.statuses ?? [],
      };
    } catch (e) {
      this.optionsError = `${filterError} ${errorMessage(e)}`;
    }
  }

  handleFilter(event: CustomEvent<{ value?: string }>): void {
    const name = (event.target as HTMLElement).dataset.filter as FilterName;
    this.filters = { ...this.filters, [name]: event.detail?.value || undefined };
    this.firstPage();
  }

  handleSearch(event: CustomEvent<{ value?: string }>): void {
    this.searchText = event.detail?.value ?? '';
    const value = this.searchText.trim();
    if (this.searchTimer) clearTimeout(this.searchTimer);
    // eslint-disable-next-line @lwc/lwc/no-async-operation -- wait for the typing to stop before querying
    this.searchTimer = setTimeout(() => {
      this.filters = { ...this.filters, search: value || undefined };
      this.firstPage();
    }, SEARCH_DELAY_MS);
  }

  handleClearFilters(): void {
    if (this.searchTimer) clearTimeout(this.searchTimer);
    this.searchText = '';
    this.filters = {};
    this.firstPage();
  }

  // ---- list ----

  get columns(): Record<string, unknown>[] {
    const actions = [
      { label: actionDetails, name: 'details' },
      ...(this.canRetry ? [{ label: actionRetry, name: 'retry' }] : []),
    ];
    return [
      {
        label: colDate,
        fieldName: 'sentAt',
        type: 'date',
        sortable: true,
        initialWidth: 170,
        typeAttributes: { year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit' },
      },
      {
        label: colStatus,
        fieldName: 'status',
        type: 'text',
        sortable: true,
        initialWidth: 100,
        cellAttributes: { class: { fieldName: 'statusClass' } },
      },
      { label: colOperation, fieldName: 'operation', type: 'text', sortable: true, initialWidth: 110 },
      { label: colObject, fieldName: 'objectName', type: 'text', sortable: true, initialWidth: 110 },
      { label: colRecord, fieldName: 'recordId', type: 'text' },
      { label: colIdentity, fieldName: 'identity', type: 'text' },
      { label: colSync, fieldName: 'syncName', type: 'text' },
      { label: colAttempts, fieldName: 'attempts', type: 'number', sortable: true, initialWidth: 90 },
      { label: colMessage, fieldName: 'message', type: 'text', wrapText: true },
      { type: 'action', typeAttributes: { rowActions: actions } },
    ];
  }

  get tableRows(): (EntryRow & { statusClass: string })[] {
    return this.rows.map((r) => ({ ...r, statusClass: statusClass(r.status) }));
  }

  get hasRows(): boolean {
    return this.rows.length > 0;
  }

  get isEmpty(): boolean {
    return this.listLoaded && !this.listBusy && !this.hasRows && !this.listError;
  }

  get emptyText(): string {
    return this.isFiltered || this.previousCursors.length > 0 ? emptyFiltered : emptyLog;
  }

  get pageLabel(): string {
    return format(pageText, this.previousCursors.length + 1);
  }

  get previousDisabled(): boolean {
    return this.listBusy || this.previousCursors.length === 0;
  }

  get nextDisabled(): boolean {
    return this.listBusy || !this.nextCursor;
  }

  get retrySelectedDisabled(): boolean {
    return this.actionBusy || this.selectedIds.length === 0;
  }

  get retryAllDisabled(): boolean {
    return this.actionBusy || Boolean(this.retryJob);
  }

  /** The query JSON listEntries takes: the filters, the sort and where the page starts. */
  query(): string {
    const q: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(this.filters)) {
      if (value) q[name] = value;
    }
    q.sortBy = SORT_FIELDS[this.sortedBy] ?? SORT_FIELDS.sentAt;
    q.sortDirection = this.sortedDirection;
    q.pageSize = PAGE_SIZE;
    if (this.currentAfter) q.after = this.currentAfter;
    return JSON.stringify(q);
  }

  async loadPage(): Promise<void> {
    this.listBusy = true;
    try {
      const page = (await listEntries({ query: this.query() })) as Page;
      this.rows = page.rows ?? [];
      this.nextCursor = page.nextCursor ?? undefined;
      this.listError = undefined;
    } catch (e) {
      this.rows = [];
      this.nextCursor = undefined;
      this.listError = `${listError} ${errorMessage(e)}`;
    } finally {
      this.selectedIds = [];
      this.listLoaded = true;
      this.listBusy = false;
    }
  }

  private firstPage(): Promise<void> {
    this.currentAfter = undefined;
    this.previousCursors = [];
    return this.loadPage();
  }

  handleSort(event: CustomEvent<{ fieldName: string; sortDirection: SortDirection }>): void {
    this.sortedBy = event.detail.fieldName;
    this.sortedDirection = event.detail.sortDirection;
    this.firstPage();
  }

  handleNext(): void {
    if (!this.nextCursor) return;
    this.previousCursors = [...this.previousCursors, this.currentAfter];
    this.currentAfter = this.nextCursor;
    this.loadPage();
  }

  handlePrevious(): void {
    if (this.previousCursors.length === 0) return;
    this.currentAfter = this.previousCursors[this.previousCursors.length - 1];
    this.previousCursors = this.previousCursors.slice(0, -1);
    this.loadPage();
  }

  handleRefresh(): void {
    this.loadHealth();
    this.loadPage();
  }

  handleSelection(event: CustomEvent<{ selectedRows: EntryRow[] }>): void {
    this.selectedIds = (event.detail.selectedRows ?? []).map((r) => r.id);
  }

  async handleRowAction(event: CustomEvent<{ action: { name: string }; row: EntryRow }>): Promise<void> {
    const { action, row } = event.detail;
    if (action.name === 'details') {
      const result = (await (ClevertapLogDetails as unknown as ModalOpener).open({
        size: 'medium',
        label: actionDetails,
        logId: row.id,
      })) as DetailsResult | undefined;
      if (result?.retried) await Promise.all([this.loadPage(), this.loadHealth()]);
    } else if (action.name === 'retry') {
      await this.retryEntries([row.id]);
    }
  }

  // ---- retry ----

  async handleRetrySelected(): Promise<void> {
    await this.retryEntries(this.selectedIds);
  }

  private async retryEntries(logIds: string[]): Promise<void> {
    this.actionBusy = true;
    try {
      const result = (await retry({ logIds })) as RetryResult;
      this.toast(result.message, result.queued > 0 ? 'success' : 'warning');
      await Promise.all([this.loadPage(), this.loadHealth()]);
    } catch (e) {
      this.listError = `${retryError} ${errorMessage(e)}`;
    } finally {
      this.actionBusy = false;
    }
  }

  get retryPercent(): number {
    const job = this.retryJob;
    return job && job.total > 0 ? Math.min(100, Math.round((job.processed / job.total) * 100)) : 0;
  }

  get retryProgressLabel(): string {
    const job = this.retryJob;
    return job ? format(retryProgressText, job.status, job.processed, job.total) : '';
  }

  async handleRetryAll(): Promise<void> {
    this.actionBusy = true;
    try {
      // With a Sync filter chosen, only that sync's failed entries; otherwise every failed entry.
      const { jobId } = (await retryAllFailed({ syncId: this.filters.syncId ?? null })) as { jobId: string };
      this.retryJob = { status: 'Queued', processed: 0, total: 0 };
      this.startPolling(jobId);
    } catch (e) {
      this.listError = `${retryError} ${errorMessage(e)}`;
    } finally {
      this.actionBusy = false;
    }
  }

  /** Asks for the batch's progress POLL_MS after each answer (never two calls in flight). */
  private startPolling(jobId: string): void {
    this.stopPolling();
    this.polling = true;
    this.schedulePoll(jobId);
  }

  private schedulePoll(jobId: string): void {
    // eslint-disable-next-line @lwc/lwc/no-async-operation -- progress of a batch job the page cannot subscribe to
    this.retryTimer = setTimeout(() => this.poll(jobId), POLL_MS);
  }

  private async poll(jobId: string): Promise<void> {
    try {
      const job = (await retryProgress({ jobId })) as RetryJob;
      if (!this.polling) return;
      this.retryJob = job;
      if (!FINISHED.includes(job.status)) {
        this.schedulePoll(jobId);
        return;
      }
      this.stopPolling();
      this.retryJob = undefined;
      const done = job.status === 'Completed';
      this.toast(
        format(done ? retryDone : retryStopped, job.processed, job.total, job.status),
        done ? 'success' : 'error',
      );
      await Promise.all([this.loadPage(), this.loadHealth()]);
    } catch (e) {
      this.stopPolling();
      this.retryJob = undefined;
      this.listError = `${retryError} ${errorMessage(e)}`;
    }
  }

  private stopPolling(): void {
    this.polling = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private toast(message: string, variant: 'success' | 'warning' | 'error'): void {
    this.dispatchEvent(new ShowToastEvent({ message, variant }));
  }
}

interface HealthCard extends ConnectionHealth {
  lastActivity?: string;
  stats: Stat[];
  syncLines: (SyncHealth & { stats: Stat[] })[];
}

interface Stat {
  key: string;
  label: string;
  value: number;
  className: string;
}

/** The five numbers of a health card, in the order an operator reads them. */
function stats(counts: Counts | undefined): Stat[] {
  const c = counts ?? { sent: 0, failed: 0, skipped: 0, retrying: 0, pending: 0 };
  return [
    { key: 'sent', label: countSent, value: c.sent ?? 0, className: 'stat stat-sent slds-text-color_success' },
    {
      key: 'failed',
      label: countFailed,
      value: c.failed ?? 0,
      className: c.failed ? 'stat stat-failed slds-text-color_error' : 'stat stat-failed',
    },
    { key: 'skipped', label: countSkipped, value: c.skipped ?? 0, className: 'stat stat-skipped' },
    { key: 'retrying', label: countRetrying, value: c.retrying ?? 0, className: 'stat stat-retrying' },
    { key: 'pending', label: countPending, value: c.pending ?? 0, className: 'stat stat-pending' },
  ];
}

function withAll(options: Option[]): Option[] {
  return [{ label: filterAll, value: '' }, ...options];
}

function statusClass(status: string | undefined): string {
  if (status === 'Sent') return 'slds-text-color_success';
  if (status === 'Failed') return 'slds-text-color_error';
  return '';
}
