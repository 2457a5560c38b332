/** `lightning/refresh`: a RefreshEvent makes the shell re-render the current tab. */
export const REFRESH_EVENT = 'lightning__refreshevent';

export class RefreshEvent extends CustomEvent<null> {
  constructor() {
    // Bubbling and composed, it reaches the window, where the shell listens.
    super(REFRESH_EVENT, { bubbles: true, composed: true, detail: null });
  }
}

const handlers = new Map<unknown, () => void>();

export function registerRefreshHandler(element: unknown, handler: () => void): unknown {
  handlers.set(element, handler);
  return element;
}

export function unregisterRefreshHandler(id: unknown): void {
  handlers.delete(id);
}
