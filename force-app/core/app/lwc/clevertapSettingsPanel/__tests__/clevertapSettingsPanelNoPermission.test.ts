// A user without CleverTap_Configure: the permission import is read once at module load, so this
// case lives in its own test file (its own module registry).
import { createElement } from 'lwc';
import ClevertapSettingsPanel from 'c/clevertapSettingsPanel';
import getSettings from '@salesforce/apex/CleverTapSettingsController.getSettings';

jest.mock('@salesforce/customPermission/CleverTap_Configure', () => ({ __esModule: true, default: undefined }), {
  virtual: true,
});
jest.mock('@salesforce/apex/CleverTapSettingsController.getSettings', () => ({ default: jest.fn() }), {
  virtual: true,
});

describe('c-clevertap-settings-panel without CleverTap_Configure', () => {
  it('says which permission set is needed and calls no Apex', () => {
    const element = createElement('c-clevertap-settings-panel', { is: ClevertapSettingsPanel });
    document.body.appendChild(element);
    expect(element.shadowRoot?.querySelector('.no-permission')?.textContent).toBe('c.CT_Set_No_Permission');
    expect(element.shadowRoot?.querySelector('.settings-form')).toBeNull();
    expect(getSettings as unknown as jest.Mock).not.toHaveBeenCalled();
  });
});
