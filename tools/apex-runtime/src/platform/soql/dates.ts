// Date literals (TODAY, LAST_N_DAYS:n …) as half-open ranges, relative to `now` in the running
// user's time zone. Ranges follow the SOQL reference, "Date Formats and Date Literals in WHERE":
// https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_dateformats.htm
// Two org settings are fixed: weeks start on Sunday (en_US locale) and the fiscal year is the
// standard one starting in January, so the FISCAL literals equal the calendar ones.
import { ApexDate } from '../../language/values.ts';
import { offsetAt } from '../../interpreter/library/zone.ts';

/** Epoch days, start inclusive, end exclusive. */
export interface DayRange {
  start: number;
  end: number;
}

const DAY_MS = 86_400_000;

/** The range a date literal names, or undefined for an unknown name. */
export function dateLiteralRange(name: string, n: number, today: ApexDate): DayRange | undefined {
  const literal = name.replace('_FISCAL_', '_');
  return dayRange(literal, n, today.toEpochDay()) ?? monthRange(literal, n, today);
}

function dayRange(name: string, n: number, t: number): DayRange | undefined {
  const week = t - ((((t + 4) % 7) + 7) % 7); // 1970-01-01 was a Thursday; back to Sunday
  switch (name) {
    case 'YESTERDAY':
      return { start: t - 1, end: t };
    case 'TODAY':
      return { start: t, end: t + 1 };
    case 'TOMORROW':
      return { start: t + 1, end: t + 2 };
    case 'LAST_90_DAYS':
      return dayRange('LAST_N_DAYS', 90, t);
    case 'NEXT_90_DAYS':
      return dayRange('NEXT_N_DAYS', 90, t);
    case 'LAST_N_DAYS': // includes today: LAST_N_DAYS:1 is yesterday and today
      return { start: t - n, end: t + 1 };
    case 'NEXT_N_DAYS': // starts tomorrow
      return { start: t + 1, end: t + 1 + n };
    case 'N_DAYS_AGO':
      return { start: t - n, end: t - n + 1 };
    default:
      return weekRange(name, n, week);
  }
}

function weekRange(name: string, n: number, week: number): DayRange | undefined {
  switch (name) {
    case 'THIS_WEEK':
      return { start: week, end: week + 7 };
    case 'LAST_WEEK':
      return { start: week - 7, end: week };
    case 'NEXT_WEEK':
      return { start: week + 7, end: week + 14 };
    case 'NEXT_N_WEEKS':
      return { start: week + 7, end: week + 7 + 7 * n };
    case 'LAST_N_WEEKS':
      return { start: week - 7 * n, end: week };
    case 'N_WEEKS_AGO':
      return { start: week - 7 * n, end: week - 7 * n + 7 };
    default:
      return undefined;
  }
}

/** Month, quarter and year literals, counted in months from the current period's first month. */
function monthRange(name: string, n: number, today: ApexDate): DayRange | undefined {
  const month = today.year * 12 + today.month - 1;
  const quarter = month - (month % 3);
  const year = month - (month % 12);
  const span = (first: number, months: number): DayRange => ({
    start: monthStart(first),
    end: monthStart(first + months),
  });
  const periods: Record<string, [number, number]> = { MONTH: [month, 1], QUARTER: [quarter, 3], YEAR: [year, 12] };
  const match = /^(THIS|LAST|NEXT|LAST_N|NEXT_N|N)_(MONTH|QUARTER|YEAR)S?(_AGO)?$/.exec(name);
  if (!match) return undefined;
  const [, which, unit] = match;
  const [first, size] = periods[unit];
  if (which === 'THIS') return span(first, size);
  if (which === 'LAST') return span(first - size, size);
  if (which === 'NEXT') return span(first + size, size);
  if (which === 'NEXT_N') return span(first + size, size * n); // excludes the current period
  if (which === 'LAST_N') return span(first - size * n, size * n); // excludes the current period
  return span(first - size * n, size); // N_…_AGO
}

function monthStart(monthIndex: number): number {
  return new ApexDate(Math.floor(monthIndex / 12), (monthIndex % 12) + 1, 1).toEpochDay();
}

// ---------------------------------------------------------------------------------------------
// Time zones

/** The calendar day an instant falls on in the zone. */
export function localDate(epochMs: number, timeZone: string): ApexDate {
  return ApexDate.fromEpochDay(Math.floor((epochMs + offsetAt(epochMs, timeZone)) / DAY_MS));
}

/** The instant local midnight starts an epoch day in the zone (a second pass settles DST changes). */
export function startOfDay(epochDay: number, timeZone: string): number {
  const wall = epochDay * DAY_MS;
  const guess = wall - offsetAt(wall, timeZone);
  return wall - offsetAt(guess, timeZone);
}
