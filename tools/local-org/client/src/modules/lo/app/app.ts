import { LightningElement } from 'lwc';
import { appLabel, tabs } from 'lo/tabs';
import {
  NAVIGATE_EVENT,
  navigate,
  navigateToUrl,
  pageReferenceOf,
  type PageReference,
} from '../../../platform/navigation.ts';
import { REFRESH_EVENT } from '../../../platform/refresh.ts';
import { chooseUser, session, api } from '../../../platform/session.ts';
import { TOAST_EVENT, type ShowToastEventDetail } from '../../../platform/toast.ts';

interface NavItem {
  key: string;
  label: string;
  href: string;
  itemClass: string;
  ariaCurrent: string | null;
}
interface Toast extends ShowToastEventDetail {
  key: number;
  themeClass: string;
  iconName: string;
}
interface UserOption {
  label: string;
  value: string;
}

const LOCAL_PAGES = [
  { key: 'records', label: 'Records', href: '/lightning/o/Lead/list' },
  { key: 'jobs', label: 'Apex Jobs', href: '/local/jobs' },
];

/** The Lightning Experience shell of the local org: header, App Launcher, nav bar, pages, toasts. */
export default class App extends LightningElement {
  appLabel = appLabel;
  page: PageReference = pageReferenceOf(window.location);
  launcherOpen = false;
  toasts: Toast[] = [];
  users: UserOption[] = [];
  userId = session.currentUser.id;
  userName = session.currentUser.name;
  emulatorUrl = session.emulatorUrl;
  /** Changing the key re-creates the current page (lightning/refresh, user switch). */
  renderKey = 0;
  private toastSeq = 0;
  private readonly onNavigate = (): void => {
    this.page = pageReferenceOf(window.location);
  };
  private readonly onToast = (event: Event): void =>
    this.showToast((event as CustomEvent<ShowToastEventDetail>).detail);
  private readonly onRefresh = (): void => {
    this.renderKey++;
  };

  override connectedCallback(): void {
    if (window.location.pathname === '/' || window.location.pathname === '') {
      navigate({ type: 'standard__navItemPage', attributes: { apiName: tabs[0]?.apiName } }, true);
      this.page = pageReferenceOf(window.location);
    }
    window.addEventListener(NAVIGATE_EVENT, this.onNavigate);
    window.addEventListener('popstate', this.onNavigate);
    window.addEventListener(TOAST_EVENT, this.onToast);
    window.addEventListener(REFRESH_EVENT, this.onRefresh);
    api<{ id: string; name: string }[]>('/api/users')
      .then((users) => {
        this.users = users.map((u) => ({ label: u.name, value: u.id }));
      })
      .catch((error: Error) =>
        this.showToast({ title: 'Users unavailable', message: error.message, variant: 'error' }),
      );
  }

  override disconnectedCallback(): void {
    window.removeEventListener(NAVIGATE_EVENT, this.onNavigate);
    window.removeEventListener('popstate', this.onNavigate);
    window.removeEventListener(TOAST_EVENT, this.onToast);
    window.removeEventListener(REFRESH_EVENT, this.onRefresh);
  }

  get currentTab(): (typeof tabs)[number] | undefined {
    return this.page.type === 'standard__navItemPage'
      ? tabs.find((t) => t.apiName === this.page.attributes?.apiName)
      : undefined;
  }

  get tabComponent(): unknown {
    return this.currentTab?.constructor;
  }

  get isRecords(): boolean {
    return this.page.type === 'standard__objectPage' || this.page.type === 'standard__recordPage';
  }

  get isJobs(): boolean {
    return this.page.type === 'local__page' && this.page.attributes?.name === 'jobs';
  }

  get isUnknown(): boolean {
    return !this.currentTab && !this.isRecords && !this.isJobs;
  }

  get objectApiName(): string {
    return this.page.attributes?.objectApiName ?? 'Lead';
  }

  /** `new` for an object page's New action (`/lightning/o/<Object>/new`), else `list` or `view`. */
  get actionName(): string | undefined {
    return this.page.attributes?.actionName;
  }

  get recordId(): string | undefined {
    return this.page.type === 'standard__recordPage' ? this.page.attributes?.recordId : undefined;
  }

  get navItems(): NavItem[] {
    const active = this.currentTab?.apiName ?? (this.isRecords ? 'records' : this.isJobs ? 'jobs' : '');
    const item = (key: string, label: string, href: string): NavItem => ({
      key,
      label,
      href,
      itemClass: `slds-context-bar__item${key === active ? ' slds-is-active' : ''}`,
      ariaCurrent: key === active ? 'page' : null,
    });
    return [
      ...tabs.map((t) => item(t.apiName, t.label, `/lightning/n/${t.apiName}`)),
      ...LOCAL_PAGES.map((p) => item(p.key, p.label, p.href)),
    ];
  }

  /** One entry keyed by the page and the refresh count: a new key re-creates the page's components. */
  get pageInstances(): { key: string }[] {
    return [{ key: `${this.renderKey}:${window.location.pathname}:${this.page.attributes?.recordId ?? ''}` }];
  }

  handleNav(event: Event): void {
    event.preventDefault();
    const href = (event.currentTarget as HTMLAnchorElement).getAttribute('href') ?? '/';
    navigateToUrl(href);
  }

  openLauncher(): void {
    this.launcherOpen = true;
  }

  closeLauncher(): void {
    this.launcherOpen = false;
  }

  openApp(event: Event): void {
    event.preventDefault();
    this.launcherOpen = false;
    navigate({ type: 'standard__navItemPage', attributes: { apiName: tabs[0]?.apiName } });
  }

  handleUserChange(event: CustomEvent<{ value: string }>): void {
    chooseUser(event.detail.value);
    // Permissions and the user Id are read at start, as the platform gives them to a page: reload.
    window.location.reload();
  }

  showToast(detail: ShowToastEventDetail): void {
    const variant = detail.variant ?? 'info';
    const toast: Toast = {
      ...detail,
      key: ++this.toastSeq,
      themeClass: `slds-notify slds-notify_toast slds-theme_${variant}`,
      iconName: `utility:${variant === 'error' ? 'error' : variant === 'success' ? 'success' : variant === 'warning' ? 'warning' : 'info'}`,
    };
    this.toasts = [...this.toasts, toast];
    if (detail.mode !== 'sticky') {
      // eslint-disable-next-line @lwc/lwc/no-async-operation -- a toast closes itself after a while, as in Lightning
      setTimeout(() => this.dismiss(toast.key), 6000);
    }
  }

  closeToast(event: Event): void {
    this.dismiss(Number((event.currentTarget as HTMLElement).dataset.key));
  }

  private dismiss(key: number): void {
    this.toasts = this.toasts.filter((t) => t.key !== key);
  }
}
