// Salesforce cron expressions ("Seconds Minutes Hours Day_of_month Month Day_of_week [Year]", Apex
// Developer Guide "Using the System.schedule Method"): next fire time in a time zone, for the local
// org's fake clock. Supports numbers, *, ?, lists, ranges, steps and day names; not L, W or #.
import { UnsupportedApexFeature } from '../language/errors.ts';
import { wallClock } from '../interpreter/library/zone.ts';

const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

type Matcher = (n: number) => boolean;

function field(text: string, min: number, max: number, names: string[] = [], nameBase = 0): Matcher {
  if (text === '*' || text === '?') return () => true;
  if (/[LW#]/.test(text)) throw new UnsupportedApexFeature(`cron field "${text}"`, 'System.schedule', 0);
  const value = (v: string): number => {
    const index = names.indexOf(v.toUpperCase());
    return index >= 0 ? index + nameBase : Number(v);
  };
  const allowed = new Set<number>();
  for (const part of text.split(',')) {
    const [range, step] = part.split('/');
    const [from, to] = (range === '*' ? `${min}-${max}` : (range ?? '')).split('-');
    const start = value(from ?? '');
    const end = to === undefined ? (step ? max : start) : value(to);
    for (let n = start; n <= end; n += Number(step ?? 1)) allowed.add(n);
  }
  return (n) => allowed.has(n);
}

/** Minute, hour, day of month, month, day of week and year: the order of the cron fields. */
function parts(epochMs: number, timeZone: string): number[] {
  const w = wallClock(epochMs, timeZone);
  return [w.minute, w.hour, w.day, w.month, w.weekday, w.year];
}

/** Searches minute by minute (eight days at most: the package schedules hourly and daily jobs). */
export function nextFireTime(expression: string, afterMs: number, timeZone: string): number | undefined {
  const [, minutes, hours, dom, month, dow, year] = expression.trim().split(/\s+/);
  const matchers = [
    field(minutes ?? '0', 0, 59),
    field(hours ?? '*', 0, 23),
    field(dom ?? '*', 1, 31),
    field(month ?? '*', 1, 12, MONTHS, 1),
    field(dow ?? '?', 1, 7, DAYS, 1),
    field(year ?? '*', 1970, 2099),
  ];
  let t = Math.floor(afterMs / 60_000) * 60_000 + 60_000;
  for (let i = 0; i < 8 * 24 * 60; i++, t += 60_000) {
    const now = parts(t, timeZone);
    if (matchers.every((m, k) => m(now[k] as number))) return t;
  }
  return undefined;
}
