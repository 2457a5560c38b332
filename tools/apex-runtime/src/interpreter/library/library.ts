// More of the standard library: local-time Datetime methods in the running user's time zone,
// Blob, Crypto digests, EncodingUtil, Pattern/Matcher, Type.forName (Security.stripInaccessible: security.ts).
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { lookupClass } from '../../language/classes.ts';
import type { Interpreter } from '../interpreter.ts';
import type { NativeFn } from '../natives.ts';
import { stringOf } from '../operators.ts';
import type { Host } from '../host.ts';
import { formatDatePattern } from './date-format.ts';
import { wallClock } from './zone.ts';
import { ApexBlob, ApexDate, ApexDatetime, ApexTime, NativeObject, type Value } from '../../language/values.ts';

type Table = Record<string, NativeFn>;

const PRIMITIVE_TYPES = [
  'Blob',
  'Boolean',
  'Date',
  'Datetime',
  'Decimal',
  'Double',
  'Id',
  'Integer',
  'Long',
  'Object',
  'String',
  'Time',
];

/** A Java regex as a JS RegExp: leading inline flags such as `(?i)` become RegExp flags. */
export function javaRegex(pattern: string, flags = ''): RegExp {
  const inline = /^\(\?([imsx]+)\)/.exec(pattern);
  if (!inline) return new RegExp(pattern, flags);
  const extra = [...new Set((inline[1] ?? '').replace('x', ''))].join('');
  return new RegExp(pattern.slice(inline[0].length), [...new Set(flags + extra)].join(''));
}

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
const blob = (v: Value): Buffer => (v as ApexBlob).bytes;

function datetimeTable(rt: Host): Table {
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

export function registerLibrary(rt: Host): void {
  const natives = rt.natives;
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
      return match
        ? new ApexDate(Number(match[1]), Number(match[2]), Number(match[3]))
        : i.raise('System.TypeException', `Invalid date: ${String(v)}`);
    },
  });
  natives.register('Blob', { valueof: (_i, [s]) => new ApexBlob(Buffer.from(String(s), 'utf8')) });
  natives.registerType('Blob', {
    tostring: (_i, _a, self) => blob(self).toString('utf8'),
    size: (_i, _a, self) => blob(self).length,
  });
  natives.register('Crypto', {
    generatedigest: (_i, [algorithm, data]) =>
      new ApexBlob(
        createHash(hashName(String(algorithm)))
          .update(blob(data ?? null))
          .digest(),
      ),
    generatemac: (_i, [algorithm, data, key]) =>
      new ApexBlob(
        createHmac(hashName(String(algorithm).replace(/^hmac/i, '')), blob(key ?? null))
          .update(blob(data ?? null))
          .digest(),
      ),
    getrandominteger: () => randomBytes(4).readInt32BE(0),
    getrandomlong: () => null,
  });
  natives.register('UUID', { randomuuid: () => new NativeObject('UUID', { value: randomUUID() }) });
  natives.registerType('UUID', { tostring: (_i, _a, self) => String((self as NativeObject).state.value) });
  natives.register('EncodingUtil', {
    converttohex: (_i, [b]) => blob(b ?? null).toString('hex'),
    base64encode: (_i, [b]) => blob(b ?? null).toString('base64'),
    base64decode: (_i, [s]) => new ApexBlob(Buffer.from(String(s), 'base64')),
    urlencode: (_i, [s]) => encodeURIComponent(String(s)).replace(/%20/g, '+'),
    urldecode: (_i, [s]) => decodeURIComponent(String(s).replace(/\+/g, ' ')),
  });
  natives.register('Pattern', {
    compile: (_i, [regex]) => new NativeObject('Pattern', { regex: String(regex) }),
    matches: (_i, [regex, text]) => anchored(String(regex)).test(String(text)),
  });
  natives.registerType('Pattern', {
    matcher: (_i, [text], self) =>
      new NativeObject('Matcher', { regex: (self as NativeObject).state.regex, text: String(text), match: null }),
    pattern: (_i, _a, self) => String((self as NativeObject).state.regex),
  });
  natives.registerType('Matcher', matcherTable());
  // Apex Reference, "Type Class": forName(fullyQualifiedName) / forName(namespace, name) answer the
  // type of an Apex class, an sObject or a system primitive, or null; getName and newInstance.
  natives.register('Type', {
    forname: (_i: Interpreter, args) => {
      const written = String(args[args.length - 1]).trim();
      const name =
        lookupClass(rt.classes, written)?.displayName ??
        rt.schema.getObject(written)?.name ??
        PRIMITIVE_TYPES.find((p) => p.toLowerCase() === written.toLowerCase());
      return name ? new NativeObject('System.Type', { name, typeRef: { name, args: [] } }) : null;
    },
  });
  natives.registerType('System.Type', {
    getname: (_i, _a, self) => String((self as NativeObject).state.name),
    tostring: (_i, _a, self) => String((self as NativeObject).state.name),
    equals: (_i, [other], self) =>
      other instanceof NativeObject &&
      other.typeName === 'System.Type' &&
      String(other.state.name).toLowerCase() === String((self as NativeObject).state.name).toLowerCase(),
    newinstance: (i, _a, self) => {
      const name = String((self as NativeObject).state.name);
      const cls = lookupClass(rt.classes, name);
      if (cls) return i.instantiate(cls, [], i.line);
      const object = rt.schema.getObject(name);
      if (object) return rt.newSObject(object);
      return i.unsupported(`Type.newInstance of ${name}`);
    },
  });
  natives.register('Time', {
    newinstance: (_i, [h, m, s, ms]) =>
      new ApexTime((((h as number) * 60 + (m as number)) * 60 + (s as number)) * 1000 + (ms as number)),
  });
  natives.register('String', {
    valueofgmt: (i, [v]) => formatDatePattern(dt(v ?? null), 'yyyy-MM-dd HH:mm:ss', 'UTC', refuse(i)),
  });
  void stringOf;
}

function hashName(algorithm: string): string {
  const name = algorithm.toLowerCase().replace('-', '');
  if (!['md5', 'sha1', 'sha256', 'sha512'].includes(name)) throw new Error(`Unsupported digest ${algorithm}`);
  return name;
}

/** The whole input must match, as Pattern.matches and Matcher.matches require. */
function anchored(regex: string): RegExp {
  const inline = /^\(\?[imsx]+\)/.exec(regex)?.[0] ?? '';
  return javaRegex(`${inline}^(?:${regex.slice(inline.length)})$`);
}

function matcherTable(): Table {
  const state = (self: Value): { regex: string; text: string; match: RegExpExecArray | null; last?: number } =>
    (self as NativeObject).state as { regex: string; text: string; match: RegExpExecArray | null; last?: number };
  return {
    matches: (_i, _a, self) => {
      const s = state(self);
      s.match = anchored(s.regex).exec(s.text);
      return s.match !== null;
    },
    find: (_i, _a, self) => {
      const s = state(self);
      const re = javaRegex(s.regex, 'g');
      re.lastIndex = s.last ?? 0;
      s.match = re.exec(s.text);
      s.last = s.match ? re.lastIndex : s.text.length;
      return s.match !== null;
    },
    start: (i, _a, self) => state(self).match?.index ?? i.raise('System.StringException', 'No match found'),
    end: (i, _a, self) => {
      const match = state(self).match;
      return match ? match.index + match[0].length : i.raise('System.StringException', 'No match found');
    },
    group: (i, [n], self) => {
      const s = state(self);
      if (!s.match) return i.raise('System.StringException', 'No match found');
      return s.match[(n as number | undefined) ?? 0] ?? null;
    },
  };
}
