import { createElement } from 'lwc';
import ClevertapSettings from 'c/clevertapSettings';

describe('c-clevertap-settings', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('shows the tab title and intro from custom labels', () => {
    const element = createElement('c-clevertap-settings', { is: ClevertapSettings });
    document.body.appendChild(element);

    const card = element.shadowRoot?.querySelector<HTMLElement>('lightning-card');
    expect(card?.title).toBe('c.CT_Settings_Title');
    expect(element.shadowRoot?.querySelector('.intro')?.textContent).toBe('c.CT_Settings_Intro');
    expect(element.shadowRoot?.querySelector('.notice')?.textContent).toBe('c.CT_Not_Yet_Available');
  });
});
