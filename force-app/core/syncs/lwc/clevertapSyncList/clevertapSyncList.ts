import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import LightningConfirm from 'lightning/confirm';
import listSyncs from '@salesforce/apex/CleverTapSyncListController.listSyncs';
import historicalProgress from '@salesforce/apex/CleverTapSyncListController.historicalProgress';
import historicalEstimate from '@salesforce/apex/CleverTapSyncListController.historicalEstimate';
import startHistoricalSync from '@salesforce/apex/CleverTapSyncListController.startHistoricalSync';
import stopHistoricalSync from '@salesforce/apex/CleverTapSyncListController.stopHistoricalSync';
import setActive from '@salesforce/apex/CleverTapSyncListController.setActive';
import deleteSync from '@salesforce/apex/CleverTapSyncListController.deleteSync';
import canConfigure from '@salesforce/customPermission/CleverTap_Configure';
import canRunHistorical from '@salesforce/customPermission/CleverTap_Run_Historical_Sync';
import title from '@salesforce/label/c.CT_SyncList_Title';
import add from '@salesforce/label/c.CT_SyncList_Add';
import loading from '@salesforce/label/c.CT_SyncList_Loading';
import noConnection from '@salesforce/label/c.CT_SyncList_No_Connection';
import emptyAdmin from '@salesforce/label/c.CT_SyncList_Empty_Admin';
import emptyViewer from '@salesforce/label/c.CT_SyncList_Empty_Viewer';
import colName from '@salesforce/label/c.CT_SyncList_Col_Name';
import colSource from '@salesforce/label/c.CT_SyncList_Col_Source';
import colTarget from '@salesforce/label/c.CT_SyncList_Col_Target';
import colActive from '@salesforce/label/c.CT_SyncList_Col_Active';
import colLastActivity from '@salesforce/label/c.CT_SyncList_Col_Last_Activity';
import colCounts from '@salesforce/label/c.CT_SyncList_Col_Counts';
import colHistorical from '@salesforce/label/c.CT_SyncList_Col_Historical';
import colActions from '@salesforce/label/c.CT_SyncList_Col_Actions';
import yes from '@salesforce/label/c.CT_SyncList_Yes';
import no from '@salesforce/label/c.CT_SyncList_No';
import countsFormat from '@salesforce/label/c.CT_SyncList_Counts';
import progressFormat from '@salesforce/label/c.CT_SyncList_Progress';
import menuFormat from '@salesforce/label/c.CT_SyncList_Menu';
import actionEdit from '@salesforce/label/c.CT_SyncList_Action_Edit';
import actionHistorical from '@salesforce/label/c.CT_SyncList_Action_Historical';
import actionStop from '@salesforce/label/c.CT_SyncList_Action_Stop';
import actionActivate from '@salesforce/label/c.CT_SyncList_Action_Activate';
import actionDeactivate from '@salesforce/label/c.CT_SyncList_Action_Deactivate';
import actionDelete from '@salesforce/label/c.CT_SyncList_Action_Delete';
import deleteTitle from '@salesforce/label/c.CT_SyncList_Delete_Title';
import deleteMessage from '@salesforce/label/c.CT_SyncList_Delete_Message';
import historicalTitle from '@salesforce/label/c.CT_SyncList_Historical_Title';
import started from '@salesforce/label/c.CT_SyncList_Started';
import stopped from '@salesforce/label/c.CT_SyncList_Stopped';
import activated from '@salesforce/label/c.CT_SyncList_Activated';
import deactivated from '@salesforce/label/c.CT_SyncList_Deactivated';
import deleted from '@salesforce/label/c.CT_SyncList_Deleted';
import loadError from '@salesforce/label/c.CT_SyncList_Load_Error';
import actionError from '@salesforce/label/c.CT_SyncList_Action_Error';
import unknownError from '@salesforce/label/c.CT_SyncList_Unknown_Error';
import { errorMessage as messageOf } from 'c/clevertapErrors';

export interface HistoricalView {
  runId: string;
  status: string;
  total?: number;
  processed: number;
  failed: number;
  percent: number;
  running: boolean;
  message?: string;
}

export interface SyncRow {
  id: string;
  name: string;
  sourceObject: string;
  sourceLabel: string;
  target: string;
  active: boolean;
  lastActivity?: string;
  sent?: number;
  failed?: number;
  pending?: number;
  historical?: HistoricalView;
}

interface Estimate {
  count: number;
  capped: boolean;
  message: string;
}

type MenuAction = 'edit' | 'historical' | 'stop' | 'activate' | 'deactivate' | 'delete';

interface ConfirmOpener {
  open(options: { message: string; label: string; theme?: string; variant?: string }): Promise<boolean>;
}

/** How often a running Historical Sync's progress is asked for. */
export const POLL_MS = 3000;

/** `{0} … {1}` placeholders of a label, filled in order. */
export function format(label: string, ...values: (string | number | undefined)[]): string {
  return label.replace(/\{(\d+)\}/g, (_, i: string) => String(values[Number(i)] ?? ''));
}

/** A failed call's message, or this screen's "something went wrong" label. */
export const errorMessage = (error: unknown): string => messageOf(error, unknownError);

/** A connection's Integration Sync List: counts, Historical Sync progress and each sync's actions. */
export default class ClevertapSyncList extends LightningElement {
  @api connectionName?: string;

  private connection?: string;
  private timer?: ReturnType<typeof setInterval>;
  readonly canConfigure = canConfigure === true;
  readonly canRunHistorical = canRunHistorical === true;
  readonly labels = {
    add,
    loading,
    noConnection,
    colName,
    colSource,
    colTarget,
    colActive,
    colLastActivity,
    colCounts,
    colHistorical,
    colActions,
  };

  syncs: SyncRow[] = [];
  loaded = false;
  busy = false;
  error?: string;

  @api
  get connectionId(): string | undefined {
    return this.connection;
  }
  set connectionId(value: string | undefined) {
    this.connection = value;
    this.syncs = [];
    this.loaded = false;
    if (this.mounted && value) this.load();
  }

  private mounted = false;

  get heading(): string {
    return this.connectionName ? `${title}: ${this.connectionName}` : title;
  }

  get showAdd(): boolean {
    return this.canConfigure && !!this.connection;
  }

  get noConnection(): boolean {
    return !this.connection;
  }

  get isEmpty(): boolean {
    return !!this.connection && this.loaded && !this.error && this.syncs.length === 0;
  }

  get hasRows(): boolean {
    return this.syncs.length > 0;
  }

  get emptyText(): string {
    return this.canConfigure ? emptyAdmin : emptyViewer;
  }

  get rows(): Record<string, unknown>[] {
    return this.syncs.map((sync) => ({
      ...sync,
      activeText: sync.active ? yes : no,
      countsText: format(countsFormat, sync.sent ?? 0, sync.failed ?? 0, sync.pending ?? 0),
      historicalText: sync.historical ? historicalText(sync.historical) : '',
      progressLabel: format(
        progressFormat,
        sync.historical?.status,
        sync.historical?.processed,
        sync.historical?.total,
      ),
      menuLabel: format(menuFormat, sync.name),
      actions: this.actionsFor(sync),
    }));
  }

  override connectedCallback(): void {
    this.mounted = true;
    if (this.connection) this.load();
  }

  override disconnectedCallback(): void {
    this.mounted = false;
    this.stopPolling();
  }

  /** Loads the list again (the settings tab calls it after a sync was saved). */
  @api
  async refresh(): Promise<void> {
    await this.load();
  }

  async load(): Promise<void> {
    if (!this.connection) return;
    this.busy = true;
    try {
      this.syncs = (await listSyncs({ connectionId: this.connection })) as SyncRow[];
      this.error = undefined;
    } catch (e) {
      this.error = `${loadError} ${errorMessage(e)}`;
    } finally {
      this.loaded = true;
      this.busy = false;
      this.pollWhileRunning();
    }
  }

  handleAdd(): void {
    this.dispatchEvent(new CustomEvent('addsync', { detail: { connectionId: this.connection } }));
  }

  async handleMenu(event: CustomEvent<{ value: MenuAction }>): Promise<void> {
    const syncId = (event.currentTarget as HTMLElement).dataset.id as string;
    const sync = this.syncs.find((s) => s.id === syncId);
    if (!sync) return;
    const action = event.detail.value;
    if (action === 'edit') {
      this.dispatchEvent(new CustomEvent('editsync', { detail: { connectionId: this.connection, syncId } }));
      return;
    }
    await this.run(async () => {
      if (action === 'historical') await this.startHistorical(sync);
      else if (action === 'stop') await this.apply(stopHistoricalSync({ syncId }), stopped);
      else if (action === 'activate') await this.apply(setActive({ syncId, active: true }), activated);
      else if (action === 'deactivate') await this.apply(setActive({ syncId, active: false }), deactivated);
      else await this.deleteAfterConfirm(sync);
    });
  }

  private actionsFor(sync: SyncRow): { value: MenuAction; label: string }[] {
    const actions: { value: MenuAction; label: string }[] = [];
    if (this.canConfigure) actions.push({ value: 'edit', label: actionEdit });
    if (this.canRunHistorical) {
      if (sync.historical?.running) actions.push({ value: 'stop', label: actionStop });
      else actions.push({ value: 'historical', label: actionHistorical });
    }
    if (this.canConfigure) {
      actions.push(
        sync.active ? { value: 'deactivate', label: actionDeactivate } : { value: 'activate', label: actionActivate },
      );
      actions.push({ value: 'delete', label: actionDelete });
    }
    return actions;
  }

  private async startHistorical(sync: SyncRow): Promise<void> {
    const estimate = (await historicalEstimate({ syncId: sync.id })) as Estimate;
    const confirmed = await (LightningConfirm as unknown as ConfirmOpener).open({
      label: historicalTitle,
      message: estimate.message,
      theme: 'info',
    });
    if (confirmed) await this.apply(startHistoricalSync({ syncId: sync.id }), started);
  }

  private async deleteAfterConfirm(sync: SyncRow): Promise<void> {
    const confirmed = await (LightningConfirm as unknown as ConfirmOpener).open({
      label: deleteTitle,
      message: format(deleteMessage, sync.name),
      theme: 'warning',
    });
    if (confirmed) await this.apply(deleteSync({ syncId: sync.id }), deleted);
  }

  private async apply(call: Promise<unknown>, toast: string): Promise<void> {
    await call;
    this.dispatchEvent(new ShowToastEvent({ title: toast, message: '', variant: 'success' }));
    await this.load();
  }

  /** Runs an action with the spinner on; its error is shown on the list, with what to do next. */
  private async run(action: () => Promise<void>): Promise<void> {
    this.busy = true;
    try {
      await action();
      this.error = undefined;
    } catch (e) {
      this.error = `${actionError} ${errorMessage(e)}`;
    } finally {
      this.busy = false;
    }
  }

  /** Polls while any Historical Sync runs; stops as soon as none does. */
  private pollWhileRunning(): void {
    const running = this.syncs.some((s) => s.historical?.running);
    if (!running) {
      this.stopPolling();
      return;
    }
    // eslint-disable-next-line @lwc/lwc/no-async-operation -- progress of a batch job the page cannot subscribe to
    this.timer ??= setInterval(() => this.poll(), POLL_MS);
  }

  private async poll(): Promise<void> {
    try {
      const progress = (await historicalProgress({ connectionId: this.connection })) as Record<string, HistoricalView>;
      this.syncs = this.syncs.map((s) => (progress[s.id] ? { ...s, historical: progress[s.id] } : s));
      if (!this.syncs.some((s) => s.historical?.running)) {
        this.stopPolling();
        await this.load();
      }
    } catch (e) {
      this.stopPolling();
      this.error = `${loadError} ${errorMessage(e)}`;
    }
  }

  private stopPolling(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

function historicalText(run: HistoricalView): string {
  const text = format(progressFormat, run.status, run.processed, run.total ?? '?');
  return run.message ? `${text} · ${run.message}` : text;
}
