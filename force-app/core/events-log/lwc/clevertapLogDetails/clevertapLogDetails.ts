import { api } from 'lwc';
import LightningModal from 'lightning/modal';
import { NavigationMixin } from 'lightning/navigation';
import entryDetails from '@salesforce/apex/CleverTapEventsLogController.entryDetails';
import retry from '@salesforce/apex/CleverTapEventsLogController.retry';
import canRetryEvents from '@salesforce/customPermission/CleverTap_Retry_Events';
import retryLabel from '@salesforce/label/c.CT_Log_Action_Retry';
import retryError from '@salesforce/label/c.CT_Log_Retry_Error';
import heading from '@salesforce/label/c.CT_Log_Details_Title';
import loading from '@salesforce/label/c.CT_Log_Loading';
import loadError from '@salesforce/label/c.CT_Log_Details_Error';
import unknownError from '@salesforce/label/c.CT_Log_Unknown_Error';
import { errorMessage as messageOf } from 'c/clevertapErrors';
import close from '@salesforce/label/c.CT_Log_Close';
import recordIdLabel from '@salesforce/label/c.CT_Log_Col_Record';
import identityLabel from '@salesforce/label/c.CT_Log_Col_Identity';
import operationLabel from '@salesforce/label/c.CT_Log_Col_Operation';
import statusLabel from '@salesforce/label/c.CT_Log_Col_Status';
import attemptsLabel from '@salesforce/label/c.CT_Log_Col_Attempts';
import dateLabel from '@salesforce/label/c.CT_Log_Col_Date';
import objectLabel from '@salesforce/label/c.CT_Log_Col_Object';
import syncLabel from '@salesforce/label/c.CT_Log_Col_Sync';
import connectionLabel from '@salesforce/label/c.CT_Log_Filter_Connection';
import httpLabel from '@salesforce/label/c.CT_Log_Details_Http';
import payloadLabel from '@salesforce/label/c.CT_Log_Details_Payload';
import responseLabel from '@salesforce/label/c.CT_Log_Details_Response';
import errorLabel from '@salesforce/label/c.CT_Log_Details_Problem';
import adviceLabel from '@salesforce/label/c.CT_Log_Details_Advice';
import recordIdsLabel from '@salesforce/label/c.CT_Log_Details_Record_Ids';
import copy from '@salesforce/label/c.CT_Log_Copy';
import copied from '@salesforce/label/c.CT_Log_Copied';
import copyFailed from '@salesforce/label/c.CT_Log_Copy_Failed';
import openRecord from '@salesforce/label/c.CT_Log_Open_Record';
import none from '@salesforce/label/c.CT_Log_None';

/** EntryDetails of CleverTapEventsLogController. */
export interface EntryDetails {
  id: string;
  name?: string;
  sentAt?: string;
  status?: string;
  operation?: string;
  objectName?: string;
  recordId?: string;
  identity?: string;
  syncName?: string;
  connectionName?: string;
  attempts?: number;
  httpStatus?: number;
  errorCode?: string;
  message?: string;
  payload?: string;
  response?: string;
  advice?: string;
  recordIds?: string[];
  /** Whether Retry can queue this entry again (the controller's answer; else: it Failed). */
  retryable?: boolean;
}

/** What the modal resolves with: whether an entry was queued again (the list then reloads). */
export interface DetailsResult {
  retried: boolean;
}

/** A failed call's message, or this screen's "something went wrong" label. */
export const errorMessage = (error: unknown): string => messageOf(error, unknownError);

/** JSON indented for reading; any other text as it came. */
export function pretty(text: string | undefined): string {
  if (!text) return '';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

type Navigate = (ref: { type: string; attributes: Record<string, string | undefined> }) => void;

/** View Details of an Events Log entry: what was sent, CleverTap's answer, and what to do about an error. */
export default class ClevertapLogDetails extends NavigationMixin(LightningModal) {
  /** Id of the CleverTap_Event_Log__c row to show. */
  @api logId?: string;

  readonly labels = {
    heading,
    loading,
    close,
    recordIdLabel,
    identityLabel,
    operationLabel,
    statusLabel,
    attemptsLabel,
    dateLabel,
    objectLabel,
    syncLabel,
    connectionLabel,
    httpLabel,
    payloadLabel,
    responseLabel,
    errorLabel,
    adviceLabel,
    recordIdsLabel,
    copy,
    openRecord,
    none,
    retryLabel,
  };

  details?: EntryDetails;
  busy = false;
  error?: string;
  copyNotice?: string;
  retryNotice?: string;
  private retried = false;

  override connectedCallback(): void {
    this.load();
  }

  async load(): Promise<void> {
    this.busy = true;
    try {
      this.details = (await entryDetails({ logId: this.logId })) as EntryDetails;
      this.error = undefined;
    } catch (e) {
      this.error = `${loadError} ${errorMessage(e)}`;
    } finally {
      this.busy = false;
    }
  }

  get payload(): string {
    return pretty(this.details?.payload);
  }

  get response(): string {
    return pretty(this.details?.response);
  }

  get hasProblem(): boolean {
    return Boolean(this.details?.errorCode || this.details?.advice || this.problemText);
  }

  /** The error code and message of a failed or skipped entry; a sent one's message is not a problem. */
  get problemText(): string {
    const d = this.details;
    if (!d || d.status === 'Sent') return '';
    return [d.errorCode, d.message].filter(Boolean).join(': ');
  }

  get recordIds(): string[] {
    return this.details?.recordIds ?? [];
  }

  get hasRecordIds(): boolean {
    return this.recordIds.length > 0;
  }

  get recordIdsHeading(): string {
    return `${recordIdsLabel} (${this.recordIds.length})`;
  }

  async handleCopy(): Promise<void> {
    const recordId = this.details?.recordId;
    if (!recordId) return;
    try {
      await navigator.clipboard.writeText(recordId);
      this.copyNotice = copied;
    } catch {
      this.copyNotice = copyFailed;
    }
  }

  handleOpenRecord(): void {
    const d = this.details;
    if (!d?.recordId) return;
    this.close();
    (this as unknown as Record<symbol, Navigate>)[NavigationMixin.Navigate]({
      type: 'standard__recordPage',
      attributes: { recordId: d.recordId, objectApiName: d.objectName, actionName: 'view' },
    });
  }

  /** Retry for users with CleverTap_Retry_Events, on an entry that can be queued again. */
  get showRetry(): boolean {
    const d = this.details;
    return canRetryEvents === true && Boolean(d) && (d?.retryable ?? d?.status === 'Failed') && !this.retried;
  }

  async handleRetry(): Promise<void> {
    if (!this.details) return;
    this.busy = true;
    this.error = undefined;
    try {
      const result = (await retry({ logIds: [this.details.id] })) as { queued: number; message: string };
      this.retryNotice = result.message;
      this.retried = result.queued > 0;
    } catch (e) {
      this.error = `${retryError} ${errorMessage(e)}`;
    } finally {
      this.busy = false;
    }
  }

  handleClose(): void {
    this.close(this.retried ? ({ retried: true } as DetailsResult) : undefined);
  }
}
