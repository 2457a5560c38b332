// Date, Datetime and Time: GMT arithmetic, and the local-time methods in the running user's time
// zone (Datetime.newInstance, year(), format() …), with Java's date patterns (date-format.ts).
import { ApexDate, ApexDatetime, ApexLong, ApexTime, type Value } from '../../language/values.ts';
import type { Host } from '../host.ts';
import type { Interpreter } from '../interpreter.ts';
import type { Natives, NativeTable } from '../natives.ts';
import { int } from './args.ts';
import { formatDatePattern } from './date-format.ts';
import { wallClock } from './zone.ts';

const DATE_STATIC: NativeTable = {
  today: (i) => i.rt.today(),
  // Apex Reference, "Date Class": valueOf(stringDate) reads yyyy-MM-dd (a time after it is ignored).
  // Never reached today: registerDates below registers Date.valueOf again (for a Datetime too), and
  // the later registration of a method wins (kept as it was in the runtime before the layering).
  valueof: (i, [v]) => {
    if (v === null || v === undefined) return null;
    if (typeof v !== 'string') return i.unsupported('Date.valueOf of a non-String');
    const match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?: \d{1,2}:\d{2}:\d{2})?$/.exec(v.trim());
    const date = match ? new ApexDate(Number(match[1]), Number(match[2]), Number(match[3])) : undefined;
    const normalised = date && ApexDate.fromEpochDay(date.toEpochDay());
    if (!date || normalised?.month !== date.month || normalised.day !== date.day)
      return i.raise('System.TypeException', `Invalid date: ${v}`);
    return date;
  },
  newinstance: (i, [y, m, d]) => {
    const date = new ApexDate(int(y as Value), int(m as Value), int(d as Value));
    // Whether the platform rolls 2024-02-30 over or throws is not documented: refused, never a Date
    // that is no day of the calendar.
    if (!isCalendarDay(date)) return i.unsupported(`Date.newInstance(${date.year}, ${date.month}, ${date.day})`);
    return date;
  },
};

function isCalendarDay(date: ApexDate): boolean {
  const normalised = ApexDate.fromEpochDay(date.toEpochDay());
  return normalised.year === date.year && normalised.month === date.month && normalised.day === date.day;
}

const DATETIME_STATIC: NativeTable = {
  now: (i) => i.rt.now(),
  // Apex Reference, "Datetime Class": newInstanceGmt(date, time) and newInstanceGmt(year, month, day[, hour, minute, second]).
  newinstancegmt: (i, args) => {
    const [y, m, d, h, mi, s] = args;
    if (y instanceof ApexDate && m instanceof ApexTime)
      return new ApexDatetime(y.toEpochDay() * 86_400_000 + m.millisOfDay);
    if (!args.every((a) => typeof a === 'number'))
      return i.unsupported('Datetime.newInstanceGmt with these argument types');
    return new ApexDatetime(
      Date.UTC(int(y as Value), int(m as Value) - 1, int(d as Value), int(h ?? 0), int(mi ?? 0), int(s ?? 0)),
    );
  },
};

const DATE: NativeTable = {
  year: (_i, _a, self) => (self as ApexDate).year,
  month: (_i, _a, self) => (self as ApexDate).month,
  day: (_i, _a, self) => (self as ApexDate).day,
  adddays: (_i, [n], self) => ApexDate.fromEpochDay((self as ApexDate).toEpochDay() + int(n as Value)),
  daysbetween: (_i, [other], self) => (other as ApexDate).toEpochDay() - (self as ApexDate).toEpochDay(),
  // Apex Reference, "Date Class": addMonths / addYears end on the last day of a shorter month.
  addmonths: (_i, [n], self) => {
    const d = self as ApexDate;
    return addMonthsTo(d.year, d.month, d.day, int(n as Value));
  },
  addyears: (_i, [n], self) => {
    const d = self as ApexDate;
    return addMonthsTo(d.year, d.month, d.day, int(n as Value) * 12);
  },
};

const DATETIME: NativeTable = {
  gettime: (_i, _a, self) => new ApexLong(BigInt((self as ApexDatetime).epochMs)),
  adddays: (_i, [n], self) => new ApexDatetime((self as ApexDatetime).epochMs + int(n as Value) * 86_400_000),
  addhours: (_i, [n], self) => new ApexDatetime((self as ApexDatetime).epochMs + int(n as Value) * 3_600_000),
  addminutes: (_i, [n], self) => new ApexDatetime((self as ApexDatetime).epochMs + int(n as Value) * 60_000),
  addseconds: (_i, [n], self) => new ApexDatetime((self as ApexDatetime).epochMs + int(n as Value) * 1000),
  dategmt: (_i, _a, self) => ApexDate.fromEpochDay(Math.floor((self as ApexDatetime).epochMs / 86_400_000)),
  hourgmt: (_i, _a, self) => new Date((self as ApexDatetime).epochMs).getUTCHours(),
  minutegmt: (_i, _a, self) => new Date((self as ApexDatetime).epochMs).getUTCMinutes(),
  secondgmt: (_i, _a, self) => new Date((self as ApexDatetime).epochMs).getUTCSeconds(),
};

/** The wall-clock parts of an instant in a time zone. */
const localParts = wallClock;

/** The instant at which the wall clock of `timeZone` shows the given local time. */
function fromLocal(timeZone: string, y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  const p = localParts(guess, timeZone);
  const offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - guess;
  return guess - offset;
}

/** A date `months` later (or earlier); past the end of the new month is its last day (Date.addMonths). */
export function addMonthsTo(year: number, month: number, day: number, months: number): ApexDate {
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return new ApexDate(y, m, Math.min(day, last));
}

const refuse =
  (i: Interpreter) =>
  (what: string): never =>
    i.unsupported(what);

const dt = (v: Value): number => (v as ApexDatetime).epochMs;
function datetimeTable(rt: Host): NativeTable {
  const local = (self: Value) => localParts(dt(self), rt.timeZone);
  return {
    year: (_i, _a, self) => local(self).year,
    month: (_i, _a, self) => local(self).month,
    day: (_i, _a, self) => local(self).day,
    hour: (_i, _a, self) => local(self).hour,
    minute: (_i, _a, self) => local(self).minute,
    second: (_i, _a, self) => local(self).second,
    hourgmt: (_i, _a, self) => new Date(dt(self)).getUTCHours(),
    date: (_i, _a, self) => new ApexDate(local(self).year, local(self).month, local(self).day),
    format: (i, [pattern, zone], self) =>
      pattern === undefined
        ? formatDatePattern(dt(self), 'M/d/yyyy h:mm a', rt.timeZone, refuse(i))
        : formatDatePattern(dt(self), String(pattern), zone ? String(zone) : rt.timeZone, refuse(i)),
    formatgmt: (i, [pattern], self) => formatDatePattern(dt(self), String(pattern), 'UTC', refuse(i)),
    // Apex Reference, "Datetime Class": addMonths keeps the local time; a day past the new month's end is its last day.
    addmonths: (_i, [n], self) => {
      const p = local(self);
      const target = addMonthsTo(p.year, p.month, p.day, n as number);
      return new ApexDatetime(
        fromLocal(rt.timeZone, target.year, target.month, target.day, p.hour, p.minute, p.second) +
          (((dt(self) % 1000) + 1000) % 1000),
      );
    },
  };
}

export function registerDates(natives: Natives, rt: Host): void {
  natives.register('date', DATE_STATIC);
  natives.register('datetime', DATETIME_STATIC);
  natives.registerValueType((v) => v instanceof ApexDate, DATE);
  natives.registerValueType((v) => v instanceof ApexDatetime, DATETIME);
  natives.registerType('Datetime', datetimeTable(rt));
  natives.register('Datetime', {
    newinstance: (_i, args) => {
      const [y, mo, d, h, mi, s] = args as number[];
      if (args.length === 1 && typeof args[0] === 'object')
        return new ApexDatetime(Number((args[0] as unknown as { value: bigint }).value));
      return new ApexDatetime(fromLocal(rt.timeZone, y as number, mo as number, d as number, h ?? 0, mi ?? 0, s ?? 0));
    },
  });
  natives.register('Date', {
    valueof: (i, [v]) => {
      if (v instanceof ApexDatetime) {
        const p = localParts(v.epochMs, rt.timeZone);
        return new ApexDate(p.year, p.month, p.day);
      }
      const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(v));
      const date = match && new ApexDate(Number(match[1]), Number(match[2]), Number(match[3]));
      // "2024-13-45" is no date, as "31/01/2024" is not.
      return date && isCalendarDay(date) ? date : i.raise('System.TypeException', `Invalid date: ${String(v)}`);
    },
  });
  natives.register('Time', {
    newinstance: (i, [h, m, s, ms]) => {
      const parts = [h, m, s, ms].map((p) => int(p as Value));
      const [hour, minute, second, milli] = parts as [number, number, number, number];
      // Out-of-range parts (25 hours) are not documented: refused, never a Time past midnight.
      if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || milli < 0 || milli > 999)
        return i.unsupported(`Time.newInstance(${parts.join(', ')})`);
      return new ApexTime(((hour * 60 + minute) * 60 + second) * 1000 + milli);
    },
  });
  natives.register('String', {
    valueofgmt: (i, [v]) => formatDatePattern(dt(v ?? null), 'yyyy-MM-dd HH:mm:ss', 'UTC', refuse(i)),
  });
}
