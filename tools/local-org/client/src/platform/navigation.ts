/**
 * `lightning/navigation`: NavigationMixin and CurrentPageReference, routed to the shell's router.
 * Page references map to the page's URLs: a tab (`standard__navItemPage`), an object's list and a
 * record (`standard__objectPage`, `standard__recordPage`) on the Records page, and web pages.
 */
export interface PageReference {
  type: string;
  attributes?: Record<string, string | undefined>;
  state?: Record<string, string>;
}

export const NAVIGATE_EVENT = 'localorg:navigate';

export function urlOf(ref: PageReference): string {
  const a = ref.attributes ?? {};
  const query = ref.state && Object.keys(ref.state).length > 0 ? `?${new URLSearchParams(ref.state)}` : '';
  switch (ref.type) {
    case 'standard__navItemPage':
      return `/lightning/n/${a.apiName ?? ''}${query}`;
    case 'standard__objectPage':
      return `/lightning/o/${a.objectApiName ?? ''}/${a.actionName === 'new' ? 'new' : 'list'}${query}`;
    case 'standard__recordPage':
      return `/lightning/r/${a.objectApiName ?? 'Record'}/${a.recordId ?? ''}/view`;
    case 'standard__webPage':
      return a.url ?? '/';
    default:
      throw new Error(`The local org cannot navigate to a ${ref.type} page reference`);
  }
}

/** The page reference of a URL of this page (the reverse of `urlOf`). */
export function pageReferenceOf(location: { pathname: string; search: string }): PageReference {
  const parts = location.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const state = Object.fromEntries(new URLSearchParams(location.search));
  if (parts[0] === 'lightning' && parts[1] === 'o')
    return {
      type: 'standard__objectPage',
      attributes: { objectApiName: parts[2], actionName: parts[3] ?? 'list' },
      state,
    };
  if (parts[0] === 'lightning' && parts[1] === 'r')
    return {
      type: 'standard__recordPage',
      attributes: { objectApiName: parts[2], recordId: parts[3], actionName: 'view' },
      state,
    };
  if (parts[0] === 'local') return { type: 'local__page', attributes: { name: parts[1] }, state };
  return { type: 'standard__navItemPage', attributes: { apiName: parts[2] ?? '' }, state };
}

/** Goes to a URL of this page and tells the router. */
export function navigateToUrl(url: string, replace = false): void {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  window.dispatchEvent(new CustomEvent(NAVIGATE_EVENT));
}

export function navigate(ref: PageReference, replace = false): void {
  const url = urlOf(ref);
  if (ref.type === 'standard__webPage') {
    window.open(url, '_blank');
    return;
  }
  navigateToUrl(url, replace);
}

const NAVIGATE = Symbol('Navigate');
const GENERATE_URL = Symbol('GenerateUrl');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeScript requires `any[]` for a mixin's constructor
type Constructor = new (...args: any[]) => object;

function mixin<T extends Constructor>(Base: T): T {
  class Navigating extends Base {
    [NAVIGATE](ref: PageReference, replace?: boolean): void {
      navigate(ref, replace);
    }

    [GENERATE_URL](ref: PageReference): Promise<string> {
      return Promise.resolve(urlOf(ref));
    }
  }
  return Navigating;
}

export const NavigationMixin = Object.assign(mixin, { Navigate: NAVIGATE, GenerateUrl: GENERATE_URL });

/** Wire adapter: the current page reference, updated on every navigation. */
export class CurrentPageReference {
  private readonly emit: (ref: PageReference) => void;
  private readonly listener = (): void => this.emit(pageReferenceOf(window.location));

  constructor(emit: (ref: PageReference) => void) {
    this.emit = emit;
  }

  connect(): void {
    window.addEventListener(NAVIGATE_EVENT, this.listener);
    window.addEventListener('popstate', this.listener);
    this.listener();
  }

  update(): void {
    // No config.
  }

  disconnect(): void {
    window.removeEventListener(NAVIGATE_EVENT, this.listener);
    window.removeEventListener('popstate', this.listener);
  }
}
