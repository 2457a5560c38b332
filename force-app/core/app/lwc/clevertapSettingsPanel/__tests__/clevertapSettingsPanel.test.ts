import { createElement } from 'lwc';
import ClevertapSettingsPanel from 'c/clevertapSettingsPanel';
import type { SettingsView } from 'c/clevertapSettingsPanel';
import getSettings from '@salesforce/apex/CleverTapSettingsController.getSettings';
import saveSettings from '@salesforce/apex/CleverTapSettingsController.saveSettings';
import searchUsers from '@salesforce/apex/CleverTapSettingsController.searchUsers';
import jobStatus from '@salesforce/apex/CleverTapSettingsController.jobStatus';
import startBackgroundJobs from '@salesforce/apex/CleverTapSettingsController.startBackgroundJobs';
import storage from '@salesforce/apex/CleverTapSettingsController.storage';

jest.mock('@salesforce/customPermission/CleverTap_Configure', () => ({ __esModule: true, default: true }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CleverTapSettingsController.getSettings', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CleverTapSettingsController.saveSettings', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CleverTapSettingsController.searchUsers', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CleverTapSettingsController.jobStatus', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CleverTapSettingsController.startBackgroundJobs', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CleverTapSettingsController.storage', () => ({ default: jest.fn() }), {
  virtual: true,
});

const getMock = getSettings as unknown as jest.Mock;
const saveMock = saveSettings as unknown as jest.Mock;
const searchMock = searchUsers as unknown as jest.Mock;
const jobsMock = jobStatus as unknown as jest.Mock;
const startMock = startBackgroundJobs as unknown as jest.Mock;
const storageMock = storage as unknown as jest.Mock;

const TOAST = 'lightning__showtoast';

function settings(overrides: Partial<SettingsView> = {}): SettingsView {
  return {
    disableAllSyncs: false,
    logLevel: 'Failures',
    sentRetentionDays: 7,
    failedRetentionDays: 30,
    failureAlertThreshold: 20,
    maxAttempts: 5,
    sendBatchSize: 1000,
    drainIntervalMinutes: 15,
    help: { Disable_All_Syncs__c: 'Emergency stop.', Max_Attempts__c: 'How often a send is retried.' },
    ...overrides,
  };
}

const JOBS = [
  { name: 'CleverTap Drainer :00', state: 'NOT_SCHEDULED' },
  { name: 'CleverTap Watchdog', state: 'NOT_SCHEDULED' },
];

type Field = HTMLElement & {
  value: string | number;
  checked: boolean;
  fieldLevelHelp?: string;
  reportValidity: () => boolean;
  data?: Record<string, unknown>[];
};

function flush(turns = 10): Promise<void> {
  return turns === 0 ? Promise.resolve() : Promise.resolve().then(() => flush(turns - 1));
}

async function mount(): Promise<HTMLElement> {
  const element = createElement('c-clevertap-settings-panel', { is: ClevertapSettingsPanel });
  document.body.appendChild(element);
  await flush();
  return element;
}

const q = (el: HTMLElement, selector: string): Field | null => el.shadowRoot?.querySelector<Field>(selector) ?? null;

function change(field: Field | null, value: string | number, checked?: boolean): void {
  if (!field) throw new Error('no field');
  field.value = value;
  if (checked !== undefined) field.checked = checked;
  field.dispatchEvent(new CustomEvent('change', { detail: { value: String(value) } }));
}

function allValid(el: HTMLElement, valid = true): void {
  el.shadowRoot?.querySelectorAll<Field>('.setting').forEach((f) => {
    f.reportValidity = jest.fn(() => valid);
  });
}

describe('c-clevertap-settings-panel', () => {
  beforeEach(() => {
    getMock.mockResolvedValue(settings());
    jobsMock.mockResolvedValue(JOBS);
    storageMock.mockResolvedValue({
      eventLogRows: 1200,
      eventLogRowsCapped: false,
      estimatedBytes: 1200 * 2048,
      asyncUsed: 5000,
      asyncDailyLimit: 250000,
      asyncPackageJobs: 42,
    });
  });
  afterEach(() => {
    document.body.replaceChildren();
    jest.resetAllMocks();
  });

  it('shows the org defaults with their help text and says overrides stay in Setup', async () => {
    const el = await mount();
    expect(q(el, '.intro')?.textContent).toBe('c.CT_Set_Intro');
    const toggle = q(el, '.disable') as Field;
    expect(toggle.checked).toBe(false);
    expect(toggle.fieldLevelHelp).toBe('Emergency stop.');
    expect(q(el, '[data-field="maxAttempts"]')?.value).toBe(5);
    expect(q(el, '[data-field="maxAttempts"]')?.fieldLevelHelp).toBe('How often a send is retried.');
    expect(q(el, '.drain')?.value).toBe('15');
    expect(q(el, '.log-level')?.value).toBe('Failures');
    expect(q(el, '.no-recipient')).not.toBeNull();
  });

  it('shows each job with its state and next run', async () => {
    const el = await mount();
    const jobs = q(el, '.jobs') as Field;
    expect(jobs.data?.map((j) => [j.name, j.stateLabel])).toEqual([
      ['CleverTap Drainer :00', 'c.CT_Set_Not_Scheduled'],
      ['CleverTap Watchdog', 'c.CT_Set_Not_Scheduled'],
    ]);
  });

  it('shows Events Log rows, estimated storage and async usage against the limit', async () => {
    const el = await mount();
    expect(q(el, '.log-rows')?.textContent).toBe('1,200');
    expect(q(el, '.storage-estimate')?.textContent).toBe('2.3 MB');
    expect(q(el, '.async-used')?.textContent).toContain('5,000 / 250,000');
    expect((el.shadowRoot?.querySelector('lightning-progress-bar') as unknown as { value: number }).value).toBe(2);
    expect(q(el, '.package-jobs')?.textContent).toBe('42');
  });

  it('says "more than 50,000" when the count stopped at the cap, and KB for small logs', async () => {
    storageMock.mockResolvedValue({
      eventLogRows: 50000,
      eventLogRowsCapped: true,
      estimatedBytes: 10 * 2048,
    });
    const el = await mount();
    expect(q(el, '.log-rows')?.textContent).toBe('c.CT_Set_Log_Rows_Capped');
    expect(q(el, '.storage-estimate')?.textContent).toBe('20 KB');
    expect(q(el, '.async-used')?.textContent).toBe('');
    expect(q(el, '.package-jobs')?.textContent).toBe('');
  });

  it('saves every edited value and toasts', async () => {
    saveMock.mockResolvedValue(settings({ disableAllSyncs: true, maxAttempts: 8 }));
    const el = await mount();
    const toasts: Event[] = [];
    el.addEventListener(TOAST, (e) => toasts.push(e));
    change(q(el, '.disable'), '', true);
    change(q(el, '.log-level'), 'All');
    change(q(el, '.drain'), '30');
    change(q(el, '[data-field="maxAttempts"]'), 8);
    change(q(el, '[data-field="sendBatchSize"]'), 500);
    change(q(el, '[data-field="sentRetentionDays"]'), 14);
    change(q(el, '[data-field="failedRetentionDays"]'), 60);
    change(q(el, '[data-field="failureAlertThreshold"]'), 35);
    await flush();
    allValid(el);
    (q(el, '.save') as HTMLElement).click();
    await flush();
    expect(JSON.parse((saveMock.mock.calls[0][0] as { input: string }).input)).toEqual({
      disableAllSyncs: true,
      logLevel: 'All',
      sentRetentionDays: 14,
      failedRetentionDays: 60,
      alertRecipientId: null,
      failureAlertThreshold: 35,
      maxAttempts: 8,
      sendBatchSize: 500,
      drainIntervalMinutes: 30,
    });
    expect(toasts).toHaveLength(1);
    expect((toasts[0] as CustomEvent<{ message: string }>).detail.message).toBe('c.CT_Set_Saved');
    expect(q(el, '[data-field="maxAttempts"]')?.value).toBe(8);
  });

  it('does not save while a field is invalid, and keeps inputs and shows the server error on failure', async () => {
    saveMock.mockRejectedValue({
      body: { message: 'Fix these and save again: Send Batch Size: enter a whole number from 1 to 1000.' },
    });
    const el = await mount();
    change(q(el, '[data-field="sendBatchSize"]'), '');
    await flush();
    allValid(el, false);
    (q(el, '.save') as HTMLElement).click();
    await flush();
    expect(saveMock).not.toHaveBeenCalled();
    expect(q(el, '.panel-error')?.textContent).toBe('c.CT_Set_Fix_Fields');

    change(q(el, '[data-field="sendBatchSize"]'), 5000);
    await flush();
    allValid(el);
    (q(el, '.save') as HTMLElement).click();
    await flush();
    expect(q(el, '.panel-error')?.textContent).toBe(
      'c.CT_Set_Save_Error Fix these and save again: Send Batch Size: enter a whole number from 1 to 1000.',
    );
    expect(q(el, '[data-field="sendBatchSize"]')?.value).toBe(5000);
  });

  it('searches users, picks one as the alert recipient, and can clear it', async () => {
    searchMock.mockResolvedValue([
      { id: '005000000000001AAA', name: 'Ada Admin', username: 'ada@example.com' },
      { id: '005000000000002AAA', name: 'Adam Ops', username: 'adam@example.com' },
    ]);
    saveMock.mockImplementation(({ input }: { input: string }) =>
      Promise.resolve(
        settings({
          alertRecipientId: (JSON.parse(input) as { alertRecipientId: string }).alertRecipientId,
          alertRecipientName: 'Adam Ops',
          message: 'Saved and rescheduled.',
        }),
      ),
    );
    const el = await mount();
    change(q(el, '.recipient-search'), 'a');
    await flush();
    expect(searchMock).not.toHaveBeenCalled();
    change(q(el, '.recipient-search'), 'Ada');
    await flush();
    expect(searchMock).toHaveBeenCalledWith({ term: 'Ada' });
    const options = el.shadowRoot?.querySelectorAll<HTMLElement>('.user-option') ?? [];
    expect(options).toHaveLength(2);
    options[1]?.click();
    await flush();
    expect(el.shadowRoot?.querySelectorAll('.user-option')).toHaveLength(0);
    expect((q(el, '.chosen-recipient') as unknown as { label: string }).label).toBe('Adam Ops');

    const toasts: CustomEvent<{ message: string }>[] = [];
    el.addEventListener(TOAST, (e) => toasts.push(e as CustomEvent<{ message: string }>));
    allValid(el);
    (q(el, '.save') as HTMLElement).click();
    await flush();
    expect(JSON.parse((saveMock.mock.calls[0][0] as { input: string }).input).alertRecipientId).toBe(
      '005000000000002AAA',
    );
    expect(toasts[0]?.detail.message).toBe('Saved and rescheduled.');

    q(el, '.chosen-recipient')?.dispatchEvent(new CustomEvent('remove'));
    await flush();
    expect(q(el, '.chosen-recipient')).toBeNull();
    expect(q(el, '.no-recipient')).not.toBeNull();
  });

  it('says when no user matches, ignores stale answers and shows search errors', async () => {
    let answer: (users: unknown[]) => void = () => undefined;
    searchMock.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
    searchMock.mockResolvedValueOnce([]);
    const el = await mount();
    change(q(el, '.recipient-search'), 'Zed');
    change(q(el, '.recipient-search'), 'Zeb');
    await flush();
    answer([{ id: '005000000000001AAA', name: 'Zed', username: 'zed@example.com' }]);
    await flush();
    expect(el.shadowRoot?.querySelectorAll('.user-option')).toHaveLength(0);
    expect(q(el, '.no-match')?.textContent).toBe('c.CT_Set_Recipient_No_Match');

    searchMock.mockRejectedValueOnce(new Error('Search failed'));
    change(q(el, '.recipient-search'), 'Zoe');
    await flush();
    expect(q(el, '.panel-error')?.textContent).toBe('Search failed');
  });

  it('Start background jobs shows the scheduled jobs, or what went wrong', async () => {
    startMock.mockResolvedValueOnce([
      { name: 'CleverTap Drainer :00', state: 'WAITING', nextFireTime: '2026-12-05T17:00:00.000Z' },
      { name: 'CleverTap Watchdog', state: 'WAITING', nextFireTime: '2026-12-05T17:07:00.000Z' },
    ]);
    const el = await mount();
    (q(el, '.start-jobs') as HTMLElement).click();
    await flush();
    expect((q(el, '.jobs') as Field).data?.map((j) => j.stateLabel)).toEqual(['WAITING', 'WAITING']);

    startMock.mockRejectedValueOnce({ body: { message: 'The background jobs did not start: limit reached.' } });
    (q(el, '.start-jobs') as HTMLElement).click();
    await flush();
    expect(q(el, '.jobs-error')?.textContent).toBe('The background jobs did not start: limit reached.');
  });

  it('shows a load error that says what to do', async () => {
    getMock.mockRejectedValue({});
    const el = await mount();
    expect(q(el, '.panel-error')?.textContent).toBe('c.CT_Set_Load_Error c.CT_Set_Unknown_Error');
    expect(q(el, '.settings-form')).toBeNull();
  });
});
