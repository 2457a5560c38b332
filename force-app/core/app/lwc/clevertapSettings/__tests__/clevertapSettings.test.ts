import { createElement } from 'lwc';
import ClevertapSettings from 'c/clevertapSettings';

// The panels are stubbed: this shell only routes between them (each has its own tests).
jest.mock('c/clevertapConnections', () => jest.requireActual('../../../../../../jest/stubs/childComponent.ts'));
jest.mock('c/clevertapSyncList', () => jest.requireActual('../../../../../../jest/stubs/childComponent.ts'));
jest.mock('c/clevertapSyncWizard', () => jest.requireActual('../../../../../../jest/stubs/childComponent.ts'));
jest.mock('c/clevertapSettingsPanel', () => jest.requireActual('../../../../../../jest/stubs/childComponent.ts'));

jest.mock('@salesforce/customPermission/CleverTap_Configure', () => ({ __esModule: true, default: true }), {
  virtual: true,
});

type Tabset = HTMLElement & { activeTabValue: string };

function mount(): HTMLElement {
  const element = createElement('c-clevertap-settings', { is: ClevertapSettings });
  document.body.appendChild(element);
  return element;
}

const flush = (): Promise<void> => Promise.resolve().then(() => Promise.resolve());
const $ = <T extends Element = HTMLElement>(root: HTMLElement, selector: string): T | null =>
  root.shadowRoot?.querySelector<T>(selector) ?? null;

describe('c-clevertap-settings', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('shows the title, the intro and the Connections, Map Field and Settings tabs', () => {
    const element = mount();
    expect(
      $(element, 'lightning-card')?.getAttribute('title') ??
        ($(element, 'lightning-card') as { title?: string } | null)?.title,
    ).toBe('c.CT_Settings_Title');
    expect($(element, '.intro')?.textContent).toBe('c.CT_Settings_Intro');
    const tabs = [...(element.shadowRoot?.querySelectorAll<HTMLElement & { label: string }>('lightning-tab') ?? [])];
    expect(tabs.map((t) => t.label)).toEqual([
      'c.CT_Settings_Tab_Connections',
      'c.CT_Settings_Tab_Map_Field',
      'c.CT_Settings_Tab_Settings',
    ]);
    expect($<Tabset>(element, 'lightning-tabset')?.activeTabValue).toBe('connections');
  });

  it('Map Field on a connection opens its Integration Sync List', async () => {
    const element = mount();
    $(element, 'c-clevertap-connections')?.dispatchEvent(
      new CustomEvent('mapfield', { detail: { connectionId: 'a00000000000001AAA', connectionName: 'Production' } }),
    );
    await flush();
    expect($<Tabset>(element, 'lightning-tabset')?.activeTabValue).toBe('mapField');
    const list = $<HTMLElement & { connectionId: string; connectionName: string }>(element, 'c-clevertap-sync-list');
    expect(list?.connectionId).toBe('a00000000000001AAA');
    expect(list?.connectionName).toBe('Production');
  });

  it('Add New Sync opens the wizard for that connection, and closing it brings the list back', async () => {
    const element = mount();
    $(element, 'c-clevertap-sync-list')?.dispatchEvent(
      new CustomEvent('addsync', { detail: { connectionId: 'a00000000000001AAA' } }),
    );
    await flush();
    const wizard = $<HTMLElement & { connectionId: string; syncId?: string }>(element, 'c-clevertap-sync-wizard');
    expect(wizard?.connectionId).toBe('a00000000000001AAA');
    expect(wizard?.syncId).toBeUndefined();
    expect($(element, 'c-clevertap-sync-list')).toBeNull();

    wizard?.dispatchEvent(new CustomEvent('close', { detail: { saved: true, syncId: 'a01000000000001AAA' } }));
    await flush();
    expect($(element, 'c-clevertap-sync-wizard')).toBeNull();
    expect($(element, 'c-clevertap-sync-list')).not.toBeNull();
  });

  it('Edit on a sync opens the wizard on that sync', async () => {
    const element = mount();
    $(element, 'c-clevertap-sync-list')?.dispatchEvent(
      new CustomEvent('editsync', { detail: { connectionId: 'a00000000000001AAA', syncId: 'a01000000000002AAA' } }),
    );
    await flush();
    expect($<HTMLElement & { syncId: string }>(element, 'c-clevertap-sync-wizard')?.syncId).toBe('a01000000000002AAA');
  });

  it('follows the tab the user picks', async () => {
    const element = mount();
    const settingsTab = [
      ...(element.shadowRoot?.querySelectorAll<HTMLElement & { value: string }>('lightning-tab') ?? []),
    ].find((t) => t.value === 'settings');
    settingsTab?.dispatchEvent(new CustomEvent('active'));
    await flush();
    expect($<Tabset>(element, 'lightning-tabset')?.activeTabValue).toBe('settings');
  });
});
