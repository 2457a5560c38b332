import { createElement } from 'lwc';
import ClevertapHealthChart, { PLOT_HEIGHT, SLOT, hourOf } from 'c/clevertapHealthChart';
import type { HealthHour } from 'c/clevertapHealthChart';

type Chart = HTMLElement & { hours: HealthHour[] };

/** 24 hours from 2026-12-04T19:00Z, with the given sent and failed counts. */
function series(sent: number[], failed: number[]): HealthHour[] {
  const start = Date.parse('2026-12-04T19:00:00.000Z');
  return sent.map((s, i) => ({
    startsAt: new Date(start + i * 3600_000).toISOString(),
    sent: s,
    failed: failed[i] ?? 0,
  }));
}

function mount(hours: HealthHour[] | undefined): Chart {
  const element = createElement('c-clevertap-health-chart', { is: ClevertapHealthChart }) as Chart;
  if (hours) element.hours = hours;
  document.body.appendChild(element);
  return element;
}

const rects = (el: HTMLElement, cls: string): SVGRectElement[] => [
  ...(el.shadowRoot?.querySelectorAll<SVGRectElement>(`rect.${cls}`) ?? []),
];
const num = (r: Element, attr: string): number => Number(r.getAttribute(attr));

describe('c-clevertap-health-chart', () => {
  afterEach(() => document.body.replaceChildren());

  it('draws one sent and one failed bar per hour, heights proportional to the busiest count', () => {
    const sent = Array.from({ length: 24 }, (_, i) => (i === 3 ? 40 : i === 4 ? 10 : 0));
    const failed = Array.from({ length: 24 }, (_, i) => (i === 4 ? 20 : 0));
    const el = mount(series(sent, failed));

    const sentBars = rects(el, 'bar-sent');
    const failedBars = rects(el, 'bar-failed');
    expect(sentBars).toHaveLength(24);
    expect(failedBars).toHaveLength(24);
    expect(num(sentBars[3], 'height')).toBe(PLOT_HEIGHT);
    expect(num(sentBars[3], 'y')).toBe(0);
    expect(num(sentBars[4], 'height')).toBe(PLOT_HEIGHT / 4);
    expect(num(sentBars[4], 'y')).toBe(PLOT_HEIGHT - PLOT_HEIGHT / 4);
    expect(num(failedBars[4], 'height')).toBe(PLOT_HEIGHT / 2);
    expect(num(sentBars[0], 'height')).toBe(0);
    // each hour sits in its own slot, the failed bar right of the sent bar
    expect(num(sentBars[4], 'x')).toBe(4 * SLOT + 2);
    expect(num(failedBars[4], 'x')).toBeGreaterThan(num(sentBars[4], 'x'));
    expect(el.shadowRoot?.querySelector('svg')?.getAttribute('viewBox')).toBe(`0 0 ${24 * SLOT} ${PLOT_HEIGHT + 1}`);
  });

  it('gives the chart an accessible summary and each hour a tooltip', () => {
    const el = mount(series([5, 0, 2], [1, 0, 0]));
    const svg = el.shadowRoot?.querySelector('svg');
    expect(svg?.getAttribute('role')).toBe('img');
    expect(svg?.getAttribute('aria-label')).toBe('c.CT_Log_Chart_Summary');
    expect(svg?.querySelector(':scope > title')?.textContent).toBe('c.CT_Log_Chart_Summary');
    expect(el.shadowRoot?.querySelectorAll('g.hour title')).toHaveLength(3);
    expect(el.shadowRoot?.querySelector('figcaption')?.textContent).toBe('c.CT_Log_Chart_Title');
  });

  it('labels every sixth hour on the axis with its local hour', () => {
    const hours = series(new Array(24).fill(1), []);
    const el = mount(hours);
    const ticks = [...(el.shadowRoot?.querySelectorAll('.tick') ?? [])].map((t) => t.textContent);
    expect(ticks).toEqual([0, 6, 12, 18].map((i) => hourOf(hours[i].startsAt)));
    const left = [...(el.shadowRoot?.querySelectorAll<HTMLElement>('.tick') ?? [])].map((t) => t.style.left);
    expect(left).toEqual(['2.08%', '27.08%', '52.08%', '77.08%']);
    expect(hourOf('2026-12-05T00:00:00.000Z')).toMatch(/^\d\d:00$/);
  });

  it('draws no bar heights and says nothing was sent for a zero series', () => {
    const el = mount(series(new Array(24).fill(0), new Array(24).fill(0)));
    expect([...rects(el, 'bar-sent'), ...rects(el, 'bar-failed')].every((r) => num(r, 'height') === 0)).toBe(true);
    expect(el.shadowRoot?.querySelector('svg')?.getAttribute('aria-label')).toBe('c.CT_Log_Chart_Empty');
  });

  it('renders an empty chart without a series', () => {
    const el = mount(undefined);
    expect(rects(el, 'bar-sent')).toHaveLength(0);
    expect(el.shadowRoot?.querySelector('svg')?.getAttribute('viewBox')).toBe(`0 0 ${SLOT} ${PLOT_HEIGHT + 1}`);
  });
});
