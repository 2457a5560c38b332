import { LightningElement } from 'lwc';
import title from '@salesforce/label/c.CT_Settings_Title';
import intro from '@salesforce/label/c.CT_Settings_Intro';
import notYetAvailable from '@salesforce/label/c.CT_Not_Yet_Available';

/** Shell of the CleverTap Settings tab; the connections, syncs and settings panels plug in here. */
export default class ClevertapSettings extends LightningElement {
  readonly labels = { title, intro, notYetAvailable };
}
