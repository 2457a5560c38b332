// An empty stand-in for a child component, so a container's test checks only what the container
// does (routing, the values it passes down) and not the children's own server calls.
import { LightningElement, api } from 'lwc';

export default class ChildComponent extends LightningElement {
  @api connectionId?: string;
  @api connectionName?: string;
  @api syncId?: string;
}
