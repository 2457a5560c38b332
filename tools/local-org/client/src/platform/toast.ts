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
    // Bubbling and composed, it reaches the window, where the shell listens (modals included).
    super(TOAST_EVENT, { bubbles: true, composed: true, cancelable: true, detail });
  }
}
