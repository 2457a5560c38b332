// An operations user (neither CleverTap_Configure nor CleverTap_Run_Historical_Sync): the permission
// imports are read at module load, so this case has its own file.
import { createElement } from 'lwc';
import ClevertapSyncList from 'c/clevertapSyncList';
import listSyncs from '@salesforce/apex/CleverTapSyncListController.listSyncs';

jest.mock('@salesforce/customPermission/CleverTap_Configure', () => ({ __esModule: true, default: undefined }), {
  virtual: true,
});
jest.mock(
  '@salesforce/customPermission/CleverTap_Run_Historical_Sync',
  () => ({ __esModule: true, default: undefined }),
  {
    virtual: true,
  },
);
jest.mock('@salesforce/apex/CleverTapSyncListController.listSyncs', () => ({ default: jest.fn() }), { virtual: true });

describe('c-clevertap-sync-list for operations', () => {
  it('shows the syncs without Add New Sync or any change in the row menu', async () => {
    (listSyncs as unknown as jest.Mock).mockResolvedValue([]);
    const element = createElement('c-clevertap-sync-list', { is: ClevertapSyncList }) as HTMLElement & {
      connectionId?: string;
    };
    element.connectionId = 'a00000000000001AAA';
    document.body.appendChild(element);
    await Promise.resolve();
    await Promise.resolve();
    expect(element.shadowRoot?.querySelector('lightning-button.add')).toBeNull();
    expect(element.shadowRoot?.querySelector('.empty')?.textContent).toBe('c.CT_SyncList_Empty_Viewer');
  });
});
