// A user without CleverTap_Configure (e.g. CleverTap Operations). The permission import is read once
// at module load, so this case lives in its own test file (its own module registry).
import { createElement } from 'lwc';
import ClevertapConnections from 'c/clevertapConnections';
import listConnections from '@salesforce/apex/CleverTapConnectionsController.listConnections';

// sfdx-lwc-jest has no lightning/modal stub: the form module is replaced (its own test covers it).
jest.mock('c/clevertapConnectionForm', () => ({
  __esModule: true,
  default: { open: jest.fn() },
  errorMessage: String,
}));
jest.mock('@salesforce/customPermission/CleverTap_Configure', () => ({ __esModule: true, default: undefined }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CleverTapConnectionsController.listConnections', () => ({ default: jest.fn() }), {
  virtual: true,
});

const listMock = listConnections as unknown as jest.Mock;

type Table = HTMLElement & { columns: { type?: string; typeAttributes?: { rowActions: { name: string }[] } }[] };

/** A few microtask turns: the mocked Apex promises and the re-render settle. */
function flush(turns = 8): Promise<void> {
  return turns === 0 ? Promise.resolve() : Promise.resolve().then(() => flush(turns - 1));
}

function mount(): HTMLElement {
  const element = createElement('c-clevertap-connections', { is: ClevertapConnections });
  document.body.appendChild(element);
  return element;
}

describe('c-clevertap-connections without CleverTap_Configure', () => {
  afterEach(() => {
    document.body.replaceChildren();
    jest.resetAllMocks();
  });

  it('hides Add, Edit and Delete but keeps Map Field', async () => {
    listMock.mockResolvedValue([
      { id: 'a01000000000001AAA', name: 'Production', status: 'Active', hasPasscode: true, syncCount: 0 },
    ]);
    const el = mount();
    await flush();
    expect(el.shadowRoot?.querySelector('.add')).toBeNull();
    const table = el.shadowRoot?.querySelector<Table>('lightning-datatable');
    const actions = table?.columns.find((c) => c.type === 'action')?.typeAttributes?.rowActions ?? [];
    expect(actions.map((a) => a.name)).toEqual(['map']);
  });

  it('says to ask an admin when there are no connections', async () => {
    listMock.mockResolvedValue([]);
    const el = mount();
    await flush();
    expect(el.shadowRoot?.querySelector('.empty')?.textContent).toBe('c.CT_Conn_Empty_Viewer');
  });
});
