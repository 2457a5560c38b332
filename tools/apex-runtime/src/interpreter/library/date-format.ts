// Datetime.format / formatGmt patterns: the pattern letters of Java's SimpleDateFormat, which the
// Apex Reference ("Datetime Class", format(dateFormatString)) names as the format. A letter outside
// the subset below is refused loudly, never echoed into the text.
import { offsetAt, wallClock } from './zone.ts';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** A number field: at least `count` digits (SimpleDateFormat "Number"). */
const number = (n: number, count: number): string => pad(n, count);
/** A text field: the short form for 1–3 letters, the full form for 4 or more. */
const text = (full: string, count: number): string => (count >= 4 ? full : full.slice(0, 3));

/** Formats an instant with a SimpleDateFormat pattern in a time zone; `refuse` is called for an unknown letter. */
export function formatDatePattern(
  epochMs: number,
  pattern: string,
  timeZone: string,
  refuse: (what: string) => never,
): string {
  const p = wallClock(epochMs, timeZone);
  const weekday = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
  const ms = ((epochMs % 1000) + 1000) % 1000;
  const offsetMinutes = Math.round(offsetAt(epochMs, timeZone) / 60_000);
  const field = (letter: string, count: number): string => {
    switch (letter) {
      case 'G':
        return 'AD';
      case 'y':
        return count === 2 ? pad(p.year % 100, 2) : number(p.year, count);
      case 'M':
        return count >= 3 ? text(MONTHS[p.month - 1] as string, count) : number(p.month, count);
      case 'd':
        return number(p.day, count);
      case 'D':
        return number(dayOfYear(p.year, p.month, p.day), count);
      case 'E':
        return text(DAYS[weekday] as string, count);
      case 'u':
        return number(weekday === 0 ? 7 : weekday, count);
      case 'a':
        return p.hour < 12 ? 'AM' : 'PM';
      case 'H':
        return number(p.hour, count);
      case 'k':
        return number(p.hour === 0 ? 24 : p.hour, count);
      case 'K':
        return number(p.hour % 12, count);
      case 'h':
        return number(p.hour % 12 === 0 ? 12 : p.hour % 12, count);
      case 'm':
        return number(p.minute, count);
      case 's':
        return number(p.second, count);
      case 'S':
        return number(ms, count);
      case 'z':
        return zoneName(epochMs, timeZone, count);
      case 'Z':
        return offset(offsetMinutes, '');
      case 'X':
        return offsetMinutes === 0
          ? 'Z'
          : count === 1
            ? offset(offsetMinutes, '').slice(0, 3)
            : offset(offsetMinutes, count >= 3 ? ':' : '');
      default:
        return refuse(`Datetime.format pattern letter '${letter}'`);
    }
  };
  let out = '';
  for (let i = 0; i < pattern.length;) {
    const c = pattern.charAt(i);
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) out += "'";
      else out += end < 0 ? pattern.slice(i + 1) : pattern.slice(i + 1, end);
      i = end < 0 ? pattern.length : end + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern.charAt(j) === c) j++;
      out += field(c, j - i);
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function dayOfYear(year: number, month: number, day: number): number {
  return (Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86_400_000 + 1;
}

function offset(minutes: number, separator: string): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}${separator}${pad(abs % 60, 2)}`;
}

function zoneName(epochMs: number, timeZone: string, count: number): string {
  if (timeZone === 'UTC' || timeZone === 'GMT') return count >= 4 ? 'Greenwich Mean Time' : 'GMT';
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    timeZoneName: count >= 4 ? 'long' : 'short',
  }).formatToParts(new Date(epochMs));
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}
