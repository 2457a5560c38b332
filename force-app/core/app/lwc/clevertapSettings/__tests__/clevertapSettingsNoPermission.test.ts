// Without CleverTap_Configure (an operations user): the permission import is read at module load,
// so this case has its own file.
import { createElement } from 'lwc';
import ClevertapSettings from 'c/clevertapSettings';

// The panels are stubbed: this shell only routes between them (each has its own tests).
jest.mock('c/clevertapConnections', () => jest.requireActual('../../../../../../jest/stubs/childComponent.ts'));
jest.mock('c/clevertapSyncList', () => jest.requireActual('../../../../../../jest/stubs/childComponent.ts'));
jest.mock('c/clevertapSyncWizard', () => jest.requireActual('../../../../../../jest/stubs/childComponent.ts'));
jest.mock('c/clevertapSettingsPanel', () => jest.requireActual('../../../../../../jest/stubs/childComponent.ts'));

jest.mock('@salesforce/customPermission/CleverTap_Configure', () => ({ __esModule: true, default: undefined }), {
  virtual: true,
});

describe('c-clevertap-settings without CleverTap_Configure', () => {
  it('shows Connections and Map Field but no Settings tab', () => {
    const element = createElement('c-clevertap-settings', { is: ClevertapSettings });
    document.body.appendChild(element);
    const tabs = [...(element.shadowRoot?.querySelectorAll<HTMLElement & { value: string }>('lightning-tab') ?? [])];
    expect(tabs.map((t) => t.value)).toEqual(['connections', 'mapField']);
  });
});
