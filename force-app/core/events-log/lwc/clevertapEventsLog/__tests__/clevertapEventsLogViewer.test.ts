// A user without CleverTap_Retry_Events. The permission import is read once at module load, so this
// case lives in its own test file (its own module registry).
import { createElement } from 'lwc';
import ClevertapEventsLog from 'c/clevertapEventsLog';
import health from '@salesforce/apex/CleverTapEventsLogController.health';
import filterOptions from '@salesforce/apex/CleverTapEventsLogController.filterOptions';
import listEntries from '@salesforce/apex/CleverTapEventsLogController.listEntries';

jest.mock('c/clevertapLogDetails', () => ({ __esModule: true, default: { open: jest.fn() }, errorMessage: String }));
jest.mock('@salesforce/customPermission/CleverTap_Retry_Events', () => ({ __esModule: true, default: undefined }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CleverTapEventsLogController.health', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/CleverTapEventsLogController.filterOptions', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CleverTapEventsLogController.listEntries', () => ({ default: jest.fn() }), {
  virtual: true,
});

type Table = HTMLElement & {
  data: { statusClass: string }[];
  hideCheckboxColumn: boolean;
  columns: { type?: string; typeAttributes?: { rowActions: { name: string }[] } }[];
};

/** A few microtask turns: the mocked Apex promises and the re-render settle. */
function flush(turns = 10): Promise<void> {
  return turns === 0 ? Promise.resolve() : Promise.resolve().then(() => flush(turns - 1));
}

describe('c-clevertap-events-log without CleverTap_Retry_Events', () => {
  afterEach(() => {
    document.body.replaceChildren();
    jest.resetAllMocks();
  });

  it('hides Retry, Retry selected, Retry all failed and the row checkboxes but keeps View Details', async () => {
    (health as unknown as jest.Mock).mockResolvedValue({ connections: [], hourly: [] });
    (filterOptions as unknown as jest.Mock).mockResolvedValue({});
    (listEntries as unknown as jest.Mock).mockResolvedValue({
      rows: [
        { id: 'a03000000000001AAA', status: 'Failed', recordId: '00Q000000000001AAA' },
        { id: 'a03000000000002AAA', status: 'Skipped', recordId: '00Q000000000002AAA' },
      ],
    });
    const element = createElement('c-clevertap-events-log', { is: ClevertapEventsLog });
    document.body.appendChild(element);
    await flush();

    const root = element.shadowRoot as ShadowRoot;
    expect(root.querySelector('.retry-all')).toBeNull();
    expect(root.querySelector('.retry-selected')).toBeNull();
    const table = root.querySelector<Table>('lightning-datatable') as Table;
    expect(table.hideCheckboxColumn).toBe(true);
    expect(table.data.map((r) => r.statusClass)).toEqual(['slds-text-color_error', '']);
    const actions = table.columns.find((c) => c.type === 'action')?.typeAttributes?.rowActions ?? [];
    expect(actions.map((a) => a.name)).toEqual(['details']);
    const status = root.querySelector<HTMLElement & { options: { value: string }[] }>('[data-filter="status"]');
    expect(status?.options.map((o) => o.value)).toEqual(['']);
  });
});
