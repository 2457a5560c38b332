import { LightningElement } from 'lwc';
import title from '@salesforce/label/c.CT_Events_Log_Title';
import intro from '@salesforce/label/c.CT_Events_Log_Intro';
import notYetAvailable from '@salesforce/label/c.CT_Not_Yet_Available';

/** Shell of the Events Log tab; health numbers, filters and the log table plug in here. */
export default class ClevertapEventsLog extends LightningElement {
  readonly labels = { title, intro, notYetAvailable };
}
