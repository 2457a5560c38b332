import { LightningElement, api } from 'lwc';
import chartTitle from '@salesforce/label/c.CT_Log_Chart_Title';
import chartSummary from '@salesforce/label/c.CT_Log_Chart_Summary';
import chartEmpty from '@salesforce/label/c.CT_Log_Chart_Empty';
import barText from '@salesforce/label/c.CT_Log_Chart_Bar';
import sentLabel from '@salesforce/label/c.CT_Log_Count_Sent';
import failedLabel from '@salesforce/label/c.CT_Log_Count_Failed';

/** One hour of CleverTapLogHealth.Hour. */
export interface HealthHour {
  startsAt: string;
  sent: number;
  failed: number;
}

interface Bar {
  key: string;
  tip: string;
  sent: Rect;
  failed: Rect;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Tick {
  key: string;
  style: string;
  text: string;
}

/** Drawing units of the viewBox: each hour gets a slot holding its sent and failed bars. */
export const SLOT = 20;
export const PLOT_HEIGHT = 100;
const BAR_WIDTH = 7;
/** An hour label every TICK_EVERY hours keeps the axis readable. */
const TICK_EVERY = 6;

/** `{0} … {1}` placeholders of a label, filled in order. */
function format(label: string, ...values: (string | number)[]): string {
  return label.replace(/\{(\d+)\}/g, (_, i: string) => String(values[Number(i)] ?? ''));
}

/** The local hour an entry starts at, as HH:00. */
export function hourOf(startsAt: string): string {
  return `${String(new Date(startsAt).getHours()).padStart(2, '0')}:00`;
}

/** Hourly sent / failed bars; heights are proportional to the busiest count of the series. */
export default class ClevertapHealthChart extends LightningElement {
  /** The hourly series, oldest first. */
  @api hours: HealthHour[] = [];

  readonly labels = { chartTitle, sentLabel, failedLabel };
  readonly plotHeight = PLOT_HEIGHT;

  get series(): HealthHour[] {
    return Array.isArray(this.hours) ? this.hours : [];
  }

  get width(): number {
    return Math.max(this.series.length, 1) * SLOT;
  }

  get viewBox(): string {
    return `0 0 ${this.width} ${PLOT_HEIGHT + 1}`;
  }

  get totals(): { sent: number; failed: number } {
    return this.series.reduce((sum, h) => ({ sent: sum.sent + (h.sent || 0), failed: sum.failed + (h.failed || 0) }), {
      sent: 0,
      failed: 0,
    });
  }

  get isEmpty(): boolean {
    const { sent, failed } = this.totals;
    return sent + failed === 0;
  }

  get summary(): string {
    const { sent, failed } = this.totals;
    return this.isEmpty
      ? format(chartEmpty, this.series.length)
      : format(chartSummary, this.series.length, sent, failed);
  }

  get bars(): Bar[] {
    const max = Math.max(0, ...this.series.flatMap((h) => [h.sent || 0, h.failed || 0]));
    return this.series.map((h, i) => ({
      key: h.startsAt,
      tip: format(barText, hourOf(h.startsAt), h.sent || 0, h.failed || 0),
      sent: rect(i * SLOT + 2, h.sent || 0, max),
      failed: rect(i * SLOT + 3 + BAR_WIDTH, h.failed || 0, max),
    }));
  }

  /** Hour labels under the bars, in HTML (the SVG stretches to the card's width, text must not). */
  get ticks(): Tick[] {
    const width = this.width;
    return this.series
      .map((h, i) => ({
        key: h.startsAt,
        style: `left: ${(((i * SLOT + SLOT / 2) / width) * 100).toFixed(2)}%`,
        text: hourOf(h.startsAt),
      }))
      .filter((_, i) => i % TICK_EVERY === 0);
  }
}

/** A bar whose height is its share of the busiest count; no height at all when nothing was sent. */
function rect(x: number, value: number, max: number): Rect {
  const height = max > 0 ? Math.round((value / max) * PLOT_HEIGHT * 100) / 100 : 0;
  return { x, y: PLOT_HEIGHT - height, width: BAR_WIDTH, height };
}
