import { LightningElement } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getSettings from '@salesforce/apex/CleverTapSettingsController.getSettings';
import saveSettings from '@salesforce/apex/CleverTapSettingsController.saveSettings';
import searchUsers from '@salesforce/apex/CleverTapSettingsController.searchUsers';
import jobStatus from '@salesforce/apex/CleverTapSettingsController.jobStatus';
import startBackgroundJobs from '@salesforce/apex/CleverTapSettingsController.startBackgroundJobs';
import storage from '@salesforce/apex/CleverTapSettingsController.storage';
import canConfigure from '@salesforce/customPermission/CleverTap_Configure';
import title from '@salesforce/label/c.CT_Set_Title';
import intro from '@salesforce/label/c.CT_Set_Intro';
import disable from '@salesforce/label/c.CT_Set_Disable';
import logLevel from '@salesforce/label/c.CT_Set_Log_Level';
import logFailures from '@salesforce/label/c.CT_Set_Log_Failures';
import logAll from '@salesforce/label/c.CT_Set_Log_All';
import sentDays from '@salesforce/label/c.CT_Set_Sent_Days';
import failedDays from '@salesforce/label/c.CT_Set_Failed_Days';
import recipient from '@salesforce/label/c.CT_Set_Recipient';
import recipientSearch from '@salesforce/label/c.CT_Set_Recipient_Search';
import recipientNone from '@salesforce/label/c.CT_Set_Recipient_None';
import recipientNoMatch from '@salesforce/label/c.CT_Set_Recipient_No_Match';
import threshold from '@salesforce/label/c.CT_Set_Threshold';
import maxAttempts from '@salesforce/label/c.CT_Set_Max_Attempts';
import batchSize from '@salesforce/label/c.CT_Set_Batch_Size';
import drain from '@salesforce/label/c.CT_Set_Drain';
import save from '@salesforce/label/c.CT_Set_Save';
import saved from '@salesforce/label/c.CT_Set_Saved';
import jobsTitle from '@salesforce/label/c.CT_Set_Jobs_Title';
import jobsIntro from '@salesforce/label/c.CT_Set_Jobs_Intro';
import jobsStart from '@salesforce/label/c.CT_Set_Jobs_Start';
import jobsStarted from '@salesforce/label/c.CT_Set_Jobs_Started';
import colJob from '@salesforce/label/c.CT_Set_Col_Job';
import colState from '@salesforce/label/c.CT_Set_Col_State';
import colNext from '@salesforce/label/c.CT_Set_Col_Next';
import notScheduled from '@salesforce/label/c.CT_Set_Not_Scheduled';
import storageTitle from '@salesforce/label/c.CT_Set_Storage_Title';
import logRows from '@salesforce/label/c.CT_Set_Log_Rows';
import logRowsCapped from '@salesforce/label/c.CT_Set_Log_Rows_Capped';
import storageEstimate from '@salesforce/label/c.CT_Set_Storage_Estimate';
import asyncLabel from '@salesforce/label/c.CT_Set_Async';
import asyncPackage from '@salesforce/label/c.CT_Set_Async_Package';
import loadError from '@salesforce/label/c.CT_Set_Load_Error';
import saveError from '@salesforce/label/c.CT_Set_Save_Error';
import unknownError from '@salesforce/label/c.CT_Set_Unknown_Error';
import { errorMessage as messageOf } from 'c/clevertapErrors';
import noPermission from '@salesforce/label/c.CT_Set_No_Permission';
import fixFields from '@salesforce/label/c.CT_Set_Fix_Fields';
import loading from '@salesforce/label/c.CT_Set_Loading';

/** SettingsView of CleverTapSettingsController. */
export interface SettingsView {
  disableAllSyncs: boolean;
  logLevel: string;
  sentRetentionDays: number;
  failedRetentionDays: number;
  alertRecipientId?: string;
  alertRecipientName?: string;
  failureAlertThreshold: number;
  maxAttempts: number;
  sendBatchSize: number;
  drainIntervalMinutes: number;
  help: Record<string, string | undefined>;
  message?: string;
}

interface UserOption {
  id: string;
  name: string;
  username: string;
}

interface JobStatus {
  name: string;
  state: string;
  nextFireTime?: string;
}

interface StorageView {
  eventLogRows: number;
  eventLogRowsCapped: boolean;
  estimatedBytes: number;
  asyncUsed?: number;
  asyncDailyLimit?: number;
  asyncPackageJobs?: number;
}

interface Validatable extends HTMLElement {
  reportValidity(): boolean;
}

type NumberField =
  | 'sentRetentionDays'
  | 'failedRetentionDays'
  | 'failureAlertThreshold'
  | 'maxAttempts'
  | 'sendBatchSize'
  | 'drainIntervalMinutes';

const MIN_SEARCH = 2;

/** A failed call's message, or this screen's "something went wrong" label. */
const errorMessage = (error: unknown): string => messageOf(error, unknownError);

/** Settings tab: the org-wide defaults of CleverTap Settings, background jobs, storage and limits. */
export default class ClevertapSettingsPanel extends LightningElement {
  readonly canConfigure = canConfigure === true;
  readonly labels = {
    title,
    intro,
    disable,
    logLevel,
    sentDays,
    failedDays,
    recipient,
    recipientSearch,
    recipientNone,
    recipientNoMatch,
    threshold,
    maxAttempts,
    batchSize,
    drain,
    save,
    jobsTitle,
    jobsIntro,
    jobsStart,
    storageTitle,
    logRows,
    storageEstimate,
    asyncLabel,
    asyncPackage,
    noPermission,
    loading,
  };
  readonly logLevelOptions = [
    { label: logFailures, value: 'Failures' },
    { label: logAll, value: 'All' },
  ];
  readonly drainOptions = [5, 10, 15, 20, 30, 60].map((m) => ({ label: String(m), value: String(m) }));
  readonly jobColumns = [
    { label: colJob, fieldName: 'name', type: 'text' },
    { label: colState, fieldName: 'stateLabel', type: 'text' },
    {
      label: colNext,
      fieldName: 'nextFireTime',
      type: 'date',
      typeAttributes: { year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit' },
    },
  ];

  settings?: SettingsView;
  jobs: (JobStatus & { stateLabel: string })[] = [];
  usage?: StorageView;
  userResults: UserOption[] = [];
  searchTerm = '';
  searched = false;
  loadingCount = 0;
  error?: string;
  jobsError?: string;

  get busy(): boolean {
    return this.loadingCount > 0;
  }

  get help(): Record<string, string | undefined> {
    return this.settings?.help ?? {};
  }

  get drainValue(): string {
    return String(this.settings?.drainIntervalMinutes ?? '');
  }

  get hasRecipient(): boolean {
    return Boolean(this.settings?.alertRecipientId);
  }

  get noUserMatch(): boolean {
    return this.searched && this.userResults.length === 0;
  }

  get logRowsText(): string {
    if (!this.usage) return '';
    return this.usage.eventLogRowsCapped ? logRowsCapped : this.usage.eventLogRows.toLocaleString('en-US');
  }

  get storageText(): string {
    return this.usage ? formatBytes(this.usage.estimatedBytes) : '';
  }

  get asyncText(): string {
    const u = this.usage;
    if (u?.asyncUsed == null || u.asyncDailyLimit == null) return '';
    return `${u.asyncUsed.toLocaleString('en-US')} / ${u.asyncDailyLimit.toLocaleString('en-US')}`;
  }

  get asyncPercent(): number {
    const u = this.usage;
    if (!u?.asyncDailyLimit || u.asyncUsed == null) return 0;
    return Math.min(100, Math.round((u.asyncUsed / u.asyncDailyLimit) * 100));
  }

  get packageJobsText(): string {
    return this.usage?.asyncPackageJobs == null ? '' : this.usage.asyncPackageJobs.toLocaleString('en-US');
  }

  override connectedCallback(): void {
    if (this.canConfigure) {
      this.loadAll();
    }
  }

  private loadAll(): void {
    this.track(
      getSettings().then((s) => {
        this.settings = s as SettingsView;
      }),
      loadError,
    );
    this.track(
      jobStatus().then((jobs) => this.showJobs(jobs as JobStatus[])),
      loadError,
    );
    this.track(
      storage().then((u) => {
        this.usage = u as StorageView;
      }),
      loadError,
    );
  }

  /** Runs a call with the spinner on; a failure is shown with its prefix. */
  private async track(call: Promise<void>, prefix: string): Promise<void> {
    this.loadingCount++;
    try {
      await call;
    } catch (e) {
      this.error = `${prefix} ${errorMessage(e)}`;
    } finally {
      this.loadingCount--;
    }
  }

  private showJobs(jobs: JobStatus[]): void {
    this.jobs = jobs.map((j) => ({ ...j, stateLabel: j.state === 'NOT_SCHEDULED' ? notScheduled : j.state }));
  }

  handleToggle(event: Event): void {
    this.update({ disableAllSyncs: (event.target as HTMLInputElement).checked });
  }

  handleLogLevel(event: CustomEvent<{ value: string }>): void {
    this.update({ logLevel: event.detail.value });
  }

  handleDrain(event: CustomEvent<{ value: string }>): void {
    this.update({ drainIntervalMinutes: Number(event.detail.value) });
  }

  handleNumber(event: Event): void {
    const target = event.target as HTMLInputElement & { dataset: { field: NumberField } };
    const raw = target.value;
    this.update({ [target.dataset.field]: raw === '' || raw == null ? null : Number(raw) } as Partial<SettingsView>);
  }

  private update(change: Partial<SettingsView>): void {
    if (this.settings) this.settings = { ...this.settings, ...change };
  }

  async handleSearch(event: Event): Promise<void> {
    const typed = (event.target as HTMLInputElement).value ?? '';
    this.searchTerm = typed; // kept as typed: the bound input must not lose a trailing space
    const term = typed.trim();
    if (term.length < MIN_SEARCH) {
      this.userResults = [];
      this.searched = false;
      return;
    }
    try {
      const users = (await searchUsers({ term })) as UserOption[];
      if (typed !== this.searchTerm) return; // a later keystroke asked again
      this.userResults = users;
      this.searched = true;
    } catch (e) {
      this.error = errorMessage(e);
    }
  }

  handlePick(event: Event): void {
    const id = (event.currentTarget as HTMLElement).dataset.id;
    const user = this.userResults.find((u) => u.id === id);
    if (!user) return;
    this.update({ alertRecipientId: user.id, alertRecipientName: user.name });
    this.userResults = [];
    this.searched = false;
    this.searchTerm = '';
  }

  handleClearRecipient(): void {
    this.update({ alertRecipientId: undefined, alertRecipientName: undefined });
  }

  async handleSave(): Promise<void> {
    this.error = undefined;
    const inputs = [...(this.template?.querySelectorAll<Validatable>('.setting') ?? [])];
    if (!inputs.map((input) => input.reportValidity()).every(Boolean)) {
      this.error = fixFields;
      return;
    }
    const s = this.settings as SettingsView;
    const input = {
      disableAllSyncs: s.disableAllSyncs,
      logLevel: s.logLevel,
      sentRetentionDays: s.sentRetentionDays,
      failedRetentionDays: s.failedRetentionDays,
      alertRecipientId: s.alertRecipientId ?? null,
      failureAlertThreshold: s.failureAlertThreshold,
      maxAttempts: s.maxAttempts,
      sendBatchSize: s.sendBatchSize,
      drainIntervalMinutes: s.drainIntervalMinutes,
    };
    await this.track(
      saveSettings({ input: JSON.stringify(input) }).then((view) => {
        this.settings = view as SettingsView;
        this.dispatchEvent(new ShowToastEvent({ message: this.settings.message ?? saved, variant: 'success' }));
      }),
      saveError,
    );
  }

  async handleStartJobs(): Promise<void> {
    this.jobsError = undefined;
    this.loadingCount++;
    try {
      this.showJobs((await startBackgroundJobs()) as JobStatus[]);
      this.dispatchEvent(new ShowToastEvent({ message: jobsStarted, variant: 'success' }));
    } catch (e) {
      this.jobsError = errorMessage(e);
    } finally {
      this.loadingCount--;
    }
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}
