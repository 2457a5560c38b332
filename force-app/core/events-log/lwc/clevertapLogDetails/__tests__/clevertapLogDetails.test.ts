import { createElement } from 'lwc';
import ClevertapLogDetails, { errorMessage, pretty } from 'c/clevertapLogDetails';
import type { EntryDetails } from 'c/clevertapLogDetails';
import entryDetails from '@salesforce/apex/CleverTapEventsLogController.entryDetails';
import retry from '@salesforce/apex/CleverTapEventsLogController.retry';

const mockClose = jest.fn();
const mockNavigate = jest.fn();

jest.mock(
  'lightning/modal',
  () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { LightningElement } = require('lwc') as typeof import('lwc');
    return {
      __esModule: true,
      default: class extends LightningElement {
        close(result?: unknown): void {
          mockClose(result);
        }
      },
    };
  },
  { virtual: true },
);
jest.mock(
  'lightning/navigation',
  () => {
    const Navigate = Symbol('Navigate');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeScript requires `any[]` for a mixin's constructor
    type Constructor = new (...args: any[]) => object;
    const mixin = <T extends Constructor>(Base: T): T =>
      class extends Base {
        [Navigate](ref: unknown): void {
          mockNavigate(ref);
        }
      };
    const NavigationMixin = Object.assign(mixin, { Navigate, GenerateUrl: Symbol('GenerateUrl') });
    return { __esModule: true, NavigationMixin };
  },
  { virtual: true },
);
jest.mock('@salesforce/apex/CleverTapEventsLogController.entryDetails', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CleverTapEventsLogController.retry', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/customPermission/CleverTap_Retry_Events', () => ({ __esModule: true, default: true }), {
  virtual: true,
});

const detailsMock = entryDetails as unknown as jest.Mock;
const retryMock = retry as unknown as jest.Mock;

const FAILED: EntryDetails = {
  id: 'a03000000000001AAA',
  name: 'EL-000001',
  sentAt: '2026-12-05T10:00:00.000Z',
  status: 'Failed',
  operation: 'Upload',
  objectName: 'Lead',
  recordId: '00Q000000000001AAA',
  identity: 'SF_Lead_00Q000000000001AAA',
  syncName: 'Leads to profiles',
  connectionName: 'Production',
  attempts: 3,
  httpStatus: 400,
  errorCode: 'INVALID_IDENTITY',
  message: 'Identity is not valid',
  payload: '{"d":[{"identity":"SF_Lead_00Q000000000001AAA","type":"profile"}]}',
  response: '{"status":"fail","error":"Identity is not valid"}',
  advice: 'Fix the Customer ID template of the sync, then retry.',
  recordIds: [],
};

const SUMMARY: EntryDetails = {
  id: 'a03000000000002AAA',
  status: 'Sent',
  operation: 'Summary',
  objectName: 'Lead',
  attempts: 1,
  httpStatus: 200,
  message: '2 records sent',
  payload: 'not json',
  response: '',
  recordIds: ['00Q000000000001AAA', '00Q000000000002AAA'],
};

/** A few microtask turns: the mocked Apex promises and the re-render settle. */
function flush(turns = 8): Promise<void> {
  return turns === 0 ? Promise.resolve() : Promise.resolve().then(() => flush(turns - 1));
}

function mount(logId = FAILED.id): HTMLElement {
  const element = createElement('c-clevertap-log-details', { is: ClevertapLogDetails }) as HTMLElement & {
    logId: string;
  };
  element.logId = logId;
  document.body.appendChild(element);
  return element;
}

const text = (el: HTMLElement, selector: string): string | null | undefined =>
  el.shadowRoot?.querySelector(selector)?.textContent;

function click(el: HTMLElement, selector: string): void {
  el.shadowRoot?.querySelector<HTMLElement>(selector)?.click();
}

describe('c-clevertap-log-details', () => {
  let writeText: jest.Mock;

  beforeEach(() => {
    writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  });

  afterEach(() => {
    document.body.replaceChildren();
    jest.resetAllMocks();
  });

  it('loads the entry and shows record ID, identity, operation, attempts, payload and answer', async () => {
    detailsMock.mockResolvedValue(FAILED);
    const el = mount();
    await flush();
    expect(detailsMock).toHaveBeenCalledWith({ logId: FAILED.id });
    expect(text(el, '.record-id')).toBe('00Q000000000001AAA');
    expect(text(el, '.identity')).toBe('SF_Lead_00Q000000000001AAA');
    expect(text(el, '.operation')).toBe('Upload');
    expect(text(el, '.attempts')).toBe('3');
    expect(text(el, '.http')).toBe('400');
    expect(el.shadowRoot?.querySelector('pre.payload')?.textContent).toBe(
      JSON.stringify(JSON.parse(FAILED.payload as string), null, 2),
    );
    expect(text(el, 'pre.response')).toContain('"status": "fail"');
    expect(el.shadowRoot?.querySelector('.record-ids')).toBeNull();
  });

  it('shows the error with what to do about it', async () => {
    detailsMock.mockResolvedValue(FAILED);
    const el = mount();
    await flush();
    expect(text(el, '.problem-text')).toBe('INVALID_IDENTITY: Identity is not valid');
    expect(text(el, '.advice')).toBe(FAILED.advice);
  });

  it('copies the record ID to the clipboard and says so', async () => {
    detailsMock.mockResolvedValue(FAILED);
    const el = mount();
    await flush();
    click(el, '.copy');
    await flush();
    expect(writeText).toHaveBeenCalledWith('00Q000000000001AAA');
    expect(text(el, '.copy-notice')).toBe('c.CT_Log_Copied');
  });

  it('tells the user to copy by hand when the browser refuses the clipboard', async () => {
    writeText.mockRejectedValue(new Error('denied'));
    detailsMock.mockResolvedValue(FAILED);
    const el = mount();
    await flush();
    click(el, '.copy');
    await flush();
    expect(text(el, '.copy-notice')).toBe('c.CT_Log_Copy_Failed');
  });

  it('closes and opens the record page', async () => {
    detailsMock.mockResolvedValue(FAILED);
    const el = mount();
    await flush();
    click(el, '.open-record');
    expect(mockClose).toHaveBeenCalled();
    expect(mockNavigate).toHaveBeenCalledWith({
      type: 'standard__recordPage',
      attributes: { recordId: '00Q000000000001AAA', objectApiName: 'Lead', actionName: 'view' },
    });
  });

  it('lists the record Ids a summary row carried, with no error box for a sent entry', async () => {
    detailsMock.mockResolvedValue(SUMMARY);
    const el = mount(SUMMARY.id);
    await flush();
    const items = [...(el.shadowRoot?.querySelectorAll('.record-ids li') ?? [])].map((li) => li.textContent);
    expect(items).toEqual(SUMMARY.recordIds);
    expect(el.shadowRoot?.querySelector('.problem')).toBeNull();
    expect(el.shadowRoot?.querySelector('.copy')).toBeNull();
    expect(el.shadowRoot?.querySelector('.open-record')).toBeNull();
    expect(el.shadowRoot?.querySelector('lightning-button.retry')).toBeNull();
    expect(text(el, 'pre.payload')).toBe('not json');
  });

  it('shows the Apex error inline with what to do', async () => {
    detailsMock.mockRejectedValue({ body: { message: 'You need the CleverTap Operations permission set.' } });
    const el = mount();
    await flush();
    expect(text(el, '.details-error')).toBe('c.CT_Log_Details_Error You need the CleverTap Operations permission set.');
  });

  it('closes from the footer without a result when nothing was retried', async () => {
    detailsMock.mockResolvedValue(FAILED);
    const el = mount();
    await flush();
    click(el, 'lightning-button.close');
    expect(mockClose).toHaveBeenCalledWith(undefined);
  });

  it('retries a failed entry, says what was queued and tells the list to reload', async () => {
    detailsMock.mockResolvedValue(FAILED);
    retryMock.mockResolvedValue({ queued: 1, skipped: 0, message: '1 record queued to send again.' });
    const el = mount();
    await flush();
    click(el, 'lightning-button.retry');
    await flush();
    expect(retryMock).toHaveBeenCalledWith({ logIds: [FAILED.id] });
    expect(text(el, '.retry-notice')?.trim()).toBe('1 record queued to send again.');
    expect(el.shadowRoot?.querySelector('lightning-button.retry')).toBeNull();
    click(el, 'lightning-button.close');
    expect(mockClose).toHaveBeenCalledWith({ retried: true });
  });

  it('shows a retry error inline and keeps Retry', async () => {
    detailsMock.mockResolvedValue(FAILED);
    retryMock.mockRejectedValue({ body: { message: 'You need the CleverTap Operations permission set to retry.' } });
    const el = mount();
    await flush();
    click(el, 'lightning-button.retry');
    await flush();
    expect(text(el, '.details-error')).toBe(
      'c.CT_Log_Retry_Error You need the CleverTap Operations permission set to retry.',
    );
    expect(el.shadowRoot?.querySelector('lightning-button.retry')).not.toBeNull();
  });

  it('offers Retry only where the controller says the entry can be retried', async () => {
    detailsMock.mockResolvedValue({ ...FAILED, retryable: false });
    const el = mount();
    await flush();
    expect(el.shadowRoot?.querySelector('lightning-button.retry')).toBeNull();
  });

  it('formats errors and text', () => {
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage(null)).toBe('c.CT_Log_Unknown_Error');
    expect(pretty(undefined)).toBe('');
    expect(pretty('[1]')).toBe('[\n  1\n]');
  });
});
