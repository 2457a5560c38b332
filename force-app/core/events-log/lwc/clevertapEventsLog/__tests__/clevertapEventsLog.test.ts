import { createElement } from 'lwc';
import ClevertapEventsLog from 'c/clevertapEventsLog';

describe('c-clevertap-events-log', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('shows the tab title and intro from custom labels', () => {
    const element = createElement('c-clevertap-events-log', { is: ClevertapEventsLog });
    document.body.appendChild(element);

    const card = element.shadowRoot?.querySelector<HTMLElement>('lightning-card');
    expect(card?.title).toBe('c.CT_Events_Log_Title');
    expect(element.shadowRoot?.querySelector('.intro')?.textContent).toBe('c.CT_Events_Log_Intro');
  });
});
