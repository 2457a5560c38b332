// String (static and instance methods, split and format as Java does them) and Pattern / Matcher,
// with Java regular expressions translated to JavaScript ones.
import { ApexList, NativeObject, type Value } from '../../language/values.ts';
import type { Interpreter } from '../interpreter.ts';
import { javaHash, type Natives, type NativeTable } from '../natives.ts';
import { stringOf } from '../operators.ts';
import { int, str, T } from './args.ts';
import { collectionItems } from './collections.ts';

const STRING_STATIC: NativeTable = {
  isblank: (_i, [s]) => s === null || str(s as Value).trim() === '',
  isnotblank: (_i, [s]) => s !== null && str(s as Value).trim() !== '',
  isempty: (_i, [s]) => s === null || str(s as Value) === '',
  isnotempty: (_i, [s]) => s !== null && str(s as Value) !== '',
  valueof: (_i, [v]) => (v === null ? null : stringOf(v as Value)),
  join: (_i, [items, sep]) =>
    collectionItems(items ?? null)
      .map(stringOf)
      .join(str(sep ?? '')),
  escapesinglequotes: (_i, [s]) => str(s as Value).replace(/'/g, "\\'"),
  format: (i, [pattern, args]) => messageFormat(i, str(pattern as Value), (args as ApexList).items),
};

const STRING: NativeTable = {
  length: (_i, _a, s) => str(s).length,
  trim: (_i, _a, s) => str(s).trim(),
  tolowercase: (_i, _a, s) => str(s).toLowerCase(),
  touppercase: (_i, _a, s) => str(s).toUpperCase(),
  contains: (_i, [x], s) => str(s).includes(str(x as Value)),
  containsignorecase: (_i, [x], s) =>
    str(s)
      .toLowerCase()
      .includes(str(x as Value).toLowerCase()),
  startswith: (_i, [x], s) => str(s).startsWith(str(x as Value)),
  startswithignorecase: (_i, [x], s) =>
    str(s)
      .toLowerCase()
      .startsWith(str(x as Value).toLowerCase()),
  endswith: (_i, [x], s) => str(s).endsWith(str(x as Value)),
  // Apex Reference, String.removeStart / removeEnd: the substring only where it begins / ends the string.
  removestart: (_i, [x], s) =>
    x !== null && str(s).startsWith(str(x as Value)) ? str(s).slice(str(x as Value).length) : str(s),
  removeend: (_i, [x], s) =>
    x !== null && str(x as Value).length > 0 && str(s).endsWith(str(x as Value))
      ? str(s).slice(0, str(s).length - str(x as Value).length)
      : str(s),
  endswithignorecase: (_i, [x], s) =>
    str(s)
      .toLowerCase()
      .endsWith(str(x as Value).toLowerCase()),
  equals: (_i, [x], s) => x !== null && typeof x !== 'undefined' && str(s) === str(x as Value),
  equalsignorecase: (_i, [x], s) => x !== null && str(s).toLowerCase() === str(x as Value).toLowerCase(),
  indexof: (_i, [x], s) => str(s).indexOf(str(x as Value)),
  substring: (i, [a, b], s) => {
    const text = str(s);
    const start = int(a as Value);
    const end = b === undefined ? text.length : int(b);
    if (start < 0 || end > text.length || start > end)
      i.raise('System.StringException', `Ending position out of bounds: ${end}`);
    return text.substring(start, end);
  },
  left: (_i, [n], s) => str(s).slice(0, Math.max(0, int(n as Value))),
  right: (_i, [n], s) => (int(n as Value) <= 0 ? '' : str(s).slice(-int(n as Value))),
  replace: (_i, [a, b], s) =>
    str(s)
      .split(str(a as Value))
      .join(str(b as Value)),
  replaceall: (_i, [a, b], s) =>
    str(s).replace(javaRegex(str(a as Value), 'g'), str(b as Value).replace(/\$(\d)/g, '$$$1')),
  split: (_i, [sep, limit], s) =>
    new ApexList(T('String'), splitApex(str(s), str(sep as Value), limit === undefined ? 0 : int(limit))),
  abbreviate: (i, [n, offset], s) =>
    abbreviate(i, str(s), int(n as Value), offset === undefined || offset === null ? 0 : int(offset)),
  isnumeric: (_i, _a, s) => /^\d+$/.test(str(s)),
  isalphanumeric: (_i, _a, s) => /^[a-zA-Z0-9]+$/.test(str(s)),
  capitalize: (_i, _a, s) => str(s).charAt(0).toUpperCase() + str(s).slice(1),
  remove: (_i, [x], s) =>
    str(s)
      .split(str(x as Value))
      .join(''),
  deletewhitespace: (_i, _a, s) => str(s).replace(/\s+/g, ''),
  charat: (i, [n], s) => {
    const at = int(n as Value);
    // Out of range the platform throws an exception the reference does not name: refused, never NaN.
    if (at < 0 || at >= str(s).length)
      return i.unsupported(`String.charAt(${at}) outside a String of ${str(s).length}`);
    return str(s).charCodeAt(at);
  },
  compareto: (_i, [x], s) => javaCompare(str(s), str(x as Value)),
  hashcode: (_i, _a, s) => javaHash(str(s)),
  repeat: (_i, args, s) =>
    args.length === 2
      ? Array(int(args[1] as Value))
          .fill(str(s))
          .join(str(args[0] as Value))
      : str(s).repeat(int(args[0] as Value)),
  reverse: (_i, _a, s) => [...str(s)].reverse().join(''),
  lastindexof: (_i, [x], s) => str(s).lastIndexOf(str(x as Value)),
  countmatches: (_i, [x], s) => (str(x as Value) === '' ? 0 : str(s).split(str(x as Value)).length - 1),
  // Apex Reference, String.substringBetween(open, close) / (tag): the text between the first open and
  // the next close, or null when either is missing.
  substringbetween: (_i, [open, close], s) => {
    const text = str(s);
    const start = str(open as Value);
    const end = close === undefined ? start : str(close);
    const from = text.indexOf(start);
    if (from < 0) return null;
    const to = text.indexOf(end, from + start.length);
    return to < 0 ? null : text.slice(from + start.length, to);
  },
  substringbefore: (_i, [x], s) =>
    str(s).includes(str(x as Value)) ? str(s).slice(0, str(s).indexOf(str(x as Value))) : str(s),
  substringafter: (_i, [x], s) =>
    str(s).includes(str(x as Value)) ? str(s).slice(str(s).indexOf(str(x as Value)) + str(x as Value).length) : '',
  // Apex Reference, String.substringAfterLast / substringBeforeLast: an empty separator gives '' (after)
  // or the whole string (before); a separator not found gives '' (after) or the whole string (before).
  substringafterlast: (_i, [x], s) => {
    const sep = str(x as Value);
    const at = str(s).lastIndexOf(sep);
    return sep === '' || at < 0 ? '' : str(s).slice(at + sep.length);
  },
  substringbeforelast: (_i, [x], s) => {
    const sep = str(x as Value);
    const at = str(s).lastIndexOf(sep);
    return sep === '' || at < 0 ? str(s) : str(s).slice(0, at);
  },
  leftpad: (_i, [n, pad], s) => str(s).padStart(int(n as Value), pad === undefined ? ' ' : str(pad)),
  rightpad: (_i, [n, pad], s) => str(s).padEnd(int(n as Value), pad === undefined ? ' ' : str(pad)),
  isalpha: (_i, _a, s) => /^[a-zA-Z]+$/.test(str(s)),
  isalluppercase: (_i, _a, s) => str(s) !== '' && str(s) === str(s).toUpperCase(),
  normalizespace: (_i, _a, s) => str(s).trim().replace(/\s+/g, ' '),
};

/**
 * Java's String.split(regex, limit), which Apex's split follows: a positive limit caps the parts (the
 * last keeps the rest), zero drops trailing empty strings, a negative limit keeps them.
 */
function splitApex(text: string, regex: string, limit = 0): string[] {
  if (text === '') return [''];
  const re = javaRegex(regex, 'g');
  const parts: string[] = [];
  let start = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex++;
      // A zero-width match at the very start makes no leading empty part (Java 8).
      if (m.index === 0 || m.index >= text.length) continue;
    }
    if (limit > 0 && parts.length === limit - 1) break;
    parts.push(text.slice(start, m.index));
    start = m.index + m[0].length;
  }
  parts.push(text.slice(start));
  if (limit === 0) while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/**
 * String.format: Java MessageFormat quoting ('' is a quote, text between quotes is literal) with the
 * arguments as text (Apex Reference, "String Class", format). A typed element such as {0,number,#}
 * is refused rather than left in the text.
 */
function messageFormat(i: Interpreter, pattern: string, args: Value[]): string {
  let out = '';
  for (let k = 0; k < pattern.length; k++) {
    const c = pattern.charAt(k);
    if (c === "'") {
      if (pattern.charAt(k + 1) === "'") {
        out += "'";
        k++;
        continue;
      }
      let end = k + 1;
      for (; end < pattern.length; end++) {
        if (pattern.charAt(end) !== "'") out += pattern.charAt(end);
        else if (pattern.charAt(end + 1) === "'") {
          out += "'";
          end++;
        } else break;
      }
      k = end;
    } else if (c === '{') {
      const close = pattern.indexOf('}', k);
      const element = close < 0 ? '' : pattern.slice(k + 1, close).trim();
      if (!/^\d+$/.test(element)) return i.unsupported(`String.format element {${element}}`);
      // MessageFormat writes an argument index past the list as itself: '{1}'.
      const index = Number(element);
      out += index < args.length ? stringOf(args[index] ?? null) : `{${index}}`;
      k = close;
    } else out += c;
  }
  return out;
}

/**
 * String.abbreviate(maxWidth[, offset]) as Apache Commons Lang's StringUtils.abbreviate, which the
 * reference describes: the String itself when it fits, else cut with '...' (left of the offset
 * too when the offset is past the fourth character). Too small a width is a run-time exception the
 * reference does not name: refused.
 */
function abbreviate(i: Interpreter, text: string, maxWidth: number, offset: number): string {
  if (maxWidth < 4) return i.unsupported(`String.abbreviate with a maxWidth of ${maxWidth} (under 4)`);
  if (text.length <= maxWidth) return text;
  let from = Math.min(Math.max(offset, 0), text.length);
  if (text.length - from < maxWidth - 3) from = text.length - (maxWidth - 3);
  if (from <= 4) return `${text.slice(0, maxWidth - 3)}...`;
  if (maxWidth < 7) return i.unsupported(`String.abbreviate with an offset and a maxWidth of ${maxWidth} (under 7)`);
  if (from + maxWidth - 3 < text.length) return `...${abbreviate(i, text.slice(from), maxWidth - 3, 0)}`;
  return `...${text.slice(text.length - (maxWidth - 3))}`;
}

/** Java's String.compareTo: the first differing UTF-16 unit's difference, else the length difference. */
function javaCompare(a: string, b: string): number {
  for (let k = 0; k < Math.min(a.length, b.length); k++) {
    const diff = a.charCodeAt(k) - b.charCodeAt(k);
    if (diff !== 0) return diff;
  }
  return a.length - b.length;
}

/** A Java regex as a JS RegExp: leading inline flags such as `(?i)` become RegExp flags. */
export function javaRegex(pattern: string, flags = ''): RegExp {
  const inline = /^\(\?([imsx]+)\)/.exec(pattern);
  if (!inline) return new RegExp(pattern, flags);
  const extra = [...new Set((inline[1] ?? '').replace('x', ''))].join('');
  return new RegExp(pattern.slice(inline[0].length), [...new Set(flags + extra)].join(''));
}

/** The whole input must match, as Pattern.matches and Matcher.matches require. */
function anchored(regex: string): RegExp {
  const inline = /^\(\?[imsx]+\)/.exec(regex)?.[0] ?? '';
  return javaRegex(`${inline}^(?:${regex.slice(inline.length)})$`);
}

function matcherTable(): NativeTable {
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

export function registerStrings(natives: Natives): void {
  natives.register('string', STRING_STATIC);
  natives.registerValueType((v) => typeof v === 'string', STRING);
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
}
