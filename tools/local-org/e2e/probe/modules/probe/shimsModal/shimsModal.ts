import { api } from 'lwc';
import LightningModal from 'lightning/modal';

export default class ShimsModal extends LightningModal {
  @api heading = '';

  done(): void {
    this.close('done');
  }
}
