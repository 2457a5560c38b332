/** `lightning/platformShowToastEvent`: the shell's toast container shows the event's detail. */
export interface ShowToastEventDetail {
  title?: string;
  message: string;
  variant?: 'info' | 'success' | 'warning' | 'error';
  mode?: 'dismissible' | 'pester' | 'sticky';
}

export const TOAST_EVENT = 'lightning__showtoast';

export class ShowToastEvent extends CustomEvent<ShowToastEventDetail> {
  constructor(detail: ShowToastEventDetail) {
    super(TOAST_EVENT, { bubbles: true, composed: true, cancelable: true, detail });
    // Dispatched from inside a component, it may not bubble out of a modal: the shell also listens on window.
    window.dispatchEvent(new CustomEvent(TOAST_EVENT, { detail }));
  }
}
