// sfdx-lwc-jest ships no lightning/modal stub: a component that opens a LightningModal (or imports
// one that does) needs this to load in jest. Tests mock open() to answer what the modal would.
import { LightningElement } from 'lwc';

export default class LightningModal extends LightningElement {
  static open = jest.fn(() => Promise.resolve(undefined));

  close(result?: unknown): void {
    this.dispatchEvent(new CustomEvent('close', { detail: result }));
  }
}
