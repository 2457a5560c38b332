// Return types of the few standard-library methods whose result type the Apex Reference states
// without depending on the arguments (every overload of the name returns the same type). Anything
// not listed is `unknown` to the compile phase: a wrong entry here could refuse valid code, a
// missing one only leaves a check unmade.
import { BOOLEAN, INTEGER, OBJECT, STRING, UNKNOWN, prim, type SType } from './types.ts';

const LONG = prim('Long');
const DECIMAL = prim('Decimal');
const DOUBLE = prim('Double');
const ID = prim('Id');
const DATE = prim('Date');
const DATETIME = prim('Datetime');

/** Static methods, `class.method` in lower case (Apex Reference: String, Integer, Long, Decimal, Double, Boolean, Id, Date, Datetime, JSON, System classes). */
const STATIC_RETURNS: Record<string, SType> = {
  'string.valueof': STRING,
  'string.isblank': BOOLEAN,
  'string.isnotblank': BOOLEAN,
  'string.isempty': BOOLEAN,
  'string.isnotempty': BOOLEAN,
  'string.join': STRING,
  'string.format': STRING,
  'string.escapesinglequotes': STRING,
  'integer.valueof': INTEGER,
  'long.valueof': LONG,
  'decimal.valueof': DECIMAL,
  'double.valueof': DOUBLE,
  'boolean.valueof': BOOLEAN,
  'id.valueof': ID,
  'date.today': DATE,
  'date.valueof': DATE,
  'date.newinstance': DATE,
  'datetime.now': DATETIME,
  'datetime.newinstance': DATETIME,
  'datetime.newinstancegmt': DATETIME,
  'datetime.valueof': DATETIME,
  'datetime.valueofgmt': DATETIME,
  'system.now': DATETIME,
  'system.today': DATE,
  'json.serialize': STRING,
  'json.serializepretty': STRING,
  'json.deserialize': OBJECT,
  'json.deserializeuntyped': OBJECT,
  'json.deserializestrict': OBJECT,
};

export function staticReturn(typeName: string, method: string): SType {
  const owner = typeName.toLowerCase().replace(/^system\./, '');
  return STATIC_RETURNS[`${owner}.${method.toLowerCase()}`] ?? UNKNOWN;
}

/** String instance methods (Apex Reference, "String Class"). */
const STRING_RETURNS: Record<string, SType> = {
  length: INTEGER,
  trim: STRING,
  tolowercase: STRING,
  touppercase: STRING,
  substring: STRING,
  left: STRING,
  right: STRING,
  replace: STRING,
  replaceall: STRING,
  contains: BOOLEAN,
  containsignorecase: BOOLEAN,
  startswith: BOOLEAN,
  endswith: BOOLEAN,
  equals: BOOLEAN,
  equalsignorecase: BOOLEAN,
  indexof: INTEGER,
  isnumeric: BOOLEAN,
  split: { kind: 'list', element: STRING },
  abbreviate: STRING,
  capitalize: STRING,
  deletewhitespace: STRING,
  normalizespace: STRING,
  removestart: STRING,
  removeend: STRING,
  substringbefore: STRING,
  substringafter: STRING,
  tostring: STRING,
};

/** Instance methods of a receiver whose static type is known (collections, SObjects, String, exceptions). */
export function instanceReturn(receiver: SType, method: string): SType {
  const name = method.toLowerCase();
  if (name === 'hashcode') return INTEGER;
  if (name === 'tostring') return STRING;
  switch (receiver.kind) {
    case 'list':
      return listReturn(receiver.element, receiver, name);
    case 'set':
      return ['contains', 'containsall', 'isempty', 'add', 'addall', 'remove', 'equals'].includes(name)
        ? BOOLEAN
        : name === 'size'
          ? INTEGER
          : name === 'clone'
            ? receiver
            : UNKNOWN;
    case 'map':
      return mapReturn(receiver, name);
    case 'sobject':
      // SObject.get / put return Object whatever the field (Apex Reference, "SObject Class").
      return name === 'get' || name === 'put' ? OBJECT : UNKNOWN;
    case 'standard':
      return /^(system\.)?aggregateresult$/i.test(receiver.name) && name === 'get' ? OBJECT : UNKNOWN;
    case 'primitive':
      return receiver.name === 'String' ? (STRING_RETURNS[name] ?? UNKNOWN) : UNKNOWN;
    case 'class':
      return receiver.cls.isException ? exceptionReturn(name) : UNKNOWN;
    default:
      return UNKNOWN;
  }
}

function listReturn(element: SType, list: SType, name: string): SType {
  if (name === 'get' || name === 'remove') return element;
  if (name === 'size' || name === 'indexof') return INTEGER;
  if (name === 'isempty' || name === 'contains' || name === 'equals') return BOOLEAN;
  return name === 'clone' || name === 'deepclone' ? list : UNKNOWN;
}

function mapReturn(map: Extract<SType, { kind: 'map' }>, name: string): SType {
  if (name === 'get' || name === 'put' || name === 'remove') return map.value;
  if (name === 'containskey' || name === 'isempty' || name === 'equals') return BOOLEAN;
  if (name === 'size') return INTEGER;
  if (name === 'keyset') return { kind: 'set', element: map.key };
  if (name === 'values') return { kind: 'list', element: map.value };
  return name === 'clone' || name === 'deepclone' ? map : UNKNOWN;
}

/** Methods every exception has (Apex Reference, "Exception Class"). */
function exceptionReturn(name: string): SType {
  if (name === 'getmessage' || name === 'gettypename' || name === 'getstacktracestring') return STRING;
  if (name === 'getlinenumber') return INTEGER;
  return UNKNOWN;
}
