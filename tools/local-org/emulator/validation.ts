/**
 * Request and record rules of CleverTap's `POST /1/upload`, as /work/shared/clevertap-api.md
 * documents them (§3, §4): the envelope is checked with zod, each record with the per-record codes.
 */
import { z } from 'zod';

export const MAX_RECORDS_PER_UPLOAD = 1000;
export const MAX_DELETE_VALUES = 100;

/** The envelope: `{"d": [...]}` with at most 1 000 records (clevertap-api.md §3.1). */
export const UploadEnvelope = z.object({
  d: z.array(z.record(z.string(), z.unknown())).min(1).max(MAX_RECORDS_PER_UPLOAD),
});

/** `{"identity": x | [..]}` or `{"guid": x | [..]}`, never both, at most 100 values (§5). */
const oneOrMany = z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(MAX_DELETE_VALUES)]);
export const DeleteEnvelope = z.union([
  z.object({ identity: oneOrMany }).strict(),
  z.object({ guid: oneOrMany }).strict(),
]);

export type UploadRecord = Record<string, unknown>;
export interface RecordError {
  code: number;
  error: string;
}

const IDENTIFIER_KEYS = ['identity', 'objectId', 'FBID', 'GPID'] as const;
/** Union of the documented system event names (§3.8), compared case- and space-insensitively. */
const RESTRICTED_EVENTS = [
  'Notification Sent',
  'Notification Viewed',
  'Notification Clicked',
  'Notification Delivered',
  'Notification Replied',
  'Notification Bounced',
  'UTM Visited',
  'App Launched',
  'App Uninstalled',
  'App Version Changed',
  'Stayed',
  'Reply Sent',
  'Experiment Rendered',
  'Reachable By',
  'Identity Reset',
  'Identity Set',
  'Identity Error',
  'wzrk_d',
].map(squash);

function squash(name: string): string {
  return name.replace(/\s+/g, '').toLowerCase();
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Epoch seconds: a positive integer below the year-2286 bound, so milliseconds are refused (§3.9). */
export function isEpochSeconds(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 10_000_000_000;
}

/** A `$D_` date must carry epoch seconds (§3.9). */
function badDate(values: Record<string, unknown>): string | undefined {
  return Object.keys(values).find((key) => {
    const value = values[key];
    return typeof value === 'string' && value.startsWith('$D_') && !isEpochSeconds(Number(value.slice(3)));
  });
}

export function identityOf(record: UploadRecord): string | undefined {
  for (const key of IDENTIFIER_KEYS) {
    const value = record[key];
    if ((typeof value === 'string' && value.length > 0 && value.length < 1024) || typeof value === 'number') {
      return String(value);
    }
  }
  return undefined;
}

/** The first rule a record breaks, or undefined when CleverTap would accept it. */
export function recordError(record: UploadRecord): RecordError | undefined {
  if (record.type !== 'profile' && record.type !== 'event') {
    return { code: 524, error: 'Data neither event nor profile.' };
  }
  if (identityOf(record) === undefined) {
    return { code: 523, error: 'Missing identity.' };
  }
  if (record.ts !== undefined && !isEpochSeconds(record.ts)) {
    return { code: 525, error: 'Timestamp should be present in the Unix Epoch format.' };
  }
  return record.type === 'event' ? eventError(record) : profileError(record);
}

function eventError(record: UploadRecord): RecordError | undefined {
  if (typeof record.evtName !== 'string' || record.evtName.trim() === '') {
    return { code: 509, error: 'Event name is mandatory.' };
  }
  if (!isObject(record.evtData)) {
    return { code: 512, error: 'Invalid event structure.' };
  }
  if (RESTRICTED_EVENTS.includes(squash(record.evtName))) {
    return { code: 513, error: 'Raised a restricted system event.' };
  }
  if (badDate(record.evtData) !== undefined) {
    return { code: 525, error: 'Timestamp should be present in the Unix Epoch format.' };
  }
  return undefined;
}

const PROFILE_RULES: ReadonlyArray<[string, (value: unknown) => boolean, number, string]> = [
  ['Email', (v) => typeof v === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 515, 'Email is not valid.'],
  ['Phone', (v) => typeof v === 'string' && /^\+[1-9]\d{5,14}$/.test(v), 516, 'Phone number is not valid.'],
  ['Gender', (v) => v === 'M' || v === 'F', 514, 'Gender is invalid.'],
  ['Employed', (v) => v === 'Y' || v === 'N', 517, 'Employed needs to be Y/N.'],
  [
    'Education',
    (v) => v === 'School' || v === 'College' || v === 'Graduate',
    518,
    'Education needs to be School/College/Graduate.',
  ],
  ['Married', (v) => v === 'Y' || v === 'N', 519, 'Married needs to be Y/N.'],
  ['Age', (v) => v !== '' && Number.isFinite(Number(v)), 520, 'Age is invalid.'],
];

function profileError(record: UploadRecord): RecordError | undefined {
  const data = record.profileData;
  if (!isObject(data)) {
    return { code: 524, error: 'Data neither event nor profile.' };
  }
  for (const [key, valid, code, message] of PROFILE_RULES) {
    const value = data[key];
    if (value !== undefined && !isObject(value) && !valid(value)) {
      return { code, error: `Profile data is incorrect. ${message}` };
    }
  }
  if (badDate(data) !== undefined) {
    return { code: 525, error: 'Timestamp should be present in the Unix Epoch format.' };
  }
  return undefined;
}
