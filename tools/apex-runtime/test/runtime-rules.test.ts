// Run-time rules of issue 8 found diverging in an audit, each against the Apex Developer Guide /
// Apex Reference page named in its group. Where a page says an exception is thrown but not which,
// the runtime refuses (UnsupportedApexFeature) rather than guess.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apexHarness } from './harness.ts';
import { caseTables } from './tables.ts';

const harness = apexHarness();
const { run, raised } = harness;
const { cases, errors } = caseTables(harness);

type Refusal = [name: string, apex: string, construct: RegExp];

function refusals(group: string, list: Refusal[]): void {
  describe(group, () => {
    for (const [name, apex, construct] of list) it(name, () => assert.throws(() => run(apex), construct));
  });
}

// Apex Developer Guide, "Expression Operators" (instanceof) and "Classes and Casting": a collection is
// an instance of the collection types its cast accepts, so instanceof never says yes where the cast throws.
cases('instanceof of collections', [
  [
    'a List<Integer> is a List<Integer> and a List<Object>, not a List<String> or a Set',
    "Object o = new List<Integer>{ 1 }; System.debug((o instanceof List<Integer>) + ' ' + (o instanceof List<Object>) + ' ' + (o instanceof List<String>) + ' ' + (o instanceof Set<Integer>));",
    'true true false false',
  ],
  [
    'a Map<String, Integer> is no Map<String, Boolean>',
    "Object o = new Map<String, Integer>(); System.debug((o instanceof Map<String, Integer>) + ' ' + (o instanceof Map<String, Boolean>));",
    'true false',
  ],
]);

// Apex Developer Guide, "Context Variable Considerations": "In all after triggers, trigger.new is not
// saved, so a runtime exception is thrown"; "trigger.old is always read-only". The fixture's Account
// trigger writes both for records named so.
describe('Trigger.new after the save and Trigger.old are read-only', () => {
  it('a field written on Trigger.new in an after trigger is FinalException: Record is read-only', () => {
    const thrown = raised("insert new Account(Name = 'write after save');");
    assert.equal(thrown.type, 'System.DmlException');
    assert.match(
      thrown.message,
      /AccountTrigger: execution of AfterInsert\n\ncaused by: System.FinalException: Record is read-only/,
    );
  });

  it('a field written on Trigger.old fails the update, and a partial save reports it per record', () => {
    assert.deepEqual(
      run(
        "Account a = new Account(Name = 'write old'); insert a; Database.SaveResult r = Database.update(a, false); System.debug(r.isSuccess() + ' ' + r.getErrors()[0].getMessage().contains('System.FinalException: Record is read-only'));",
      ),
      ['false true'],
    );
  });

  it('before triggers still write Trigger.new', () => {
    assert.deepEqual(
      run(
        "Account a = new Account(Name = 'x'); insert a; System.debug([SELECT Description FROM Account].Description);",
      ),
      ['set by trigger'],
    );
  });
});

// Apex Reference, "Trigger Class" (operationType) and "TriggerOperation Enum" (values by ordinal).
cases('Trigger.operationType is a System.TriggerOperation', [
  [
    'switch on it, and compare it with System.TriggerOperation',
    "Account a = new Account(Name = 'which operation'); insert a; update a; System.debug(TriggerLog.events[3] + ', ' + TriggerLog.events[5]);",
    'switch: before update, switch: after update true',
  ],
  [
    'the enum with and without System, in ordinal order',
    "System.debug(TriggerOperation.BEFORE_INSERT + ' ' + System.TriggerOperation.AFTER_UNDELETE.ordinal() + ' ' + TriggerOperation.values().size());",
    'BEFORE_INSERT 6 7',
  ],
]);

// Apex Reference, "JSON Class": deserialize(jsonString, apexType) throws JSONException for a value
// that is not of the type; an sObject takes only its own fields (the wordings are the ones orgs answer
// with, the reference names only the exception type).
errors('typed JSON of the wrong shape', [
  [
    'a number where an Apex object is expected',
    'JSON.deserialize(\'{"child": 5}\', Payload.class);',
    'System.JSONException',
    "Malformed JSON: Expected '{' at the beginning of object",
  ],
  [
    'an array into an Apex class',
    "JSON.deserialize('[1]', Payload.class);",
    'System.JSONException',
    "Malformed JSON: Expected '{' at the beginning of object",
  ],
  [
    'an object into a String',
    'JSON.deserialize(\'{"identity": {"a": 1}}\', Payload.class);',
    'System.JSONException',
    'Cannot deserialize instance of String from START_OBJECT',
  ],
  [
    'a string into a List',
    'JSON.deserialize(\'{"tags": "x"}\', Payload.class);',
    'System.JSONException',
    "Malformed JSON: Expected '[' at the beginning of List/Set",
  ],
  [
    'an array into a Map',
    "JSON.deserialize('[1]', Map<String, Object>.class);",
    'System.JSONException',
    "Malformed JSON: Expected '{' at the beginning of Map",
  ],
  [
    'a field the sObject does not have, even without deserializeStrict',
    'JSON.deserialize(\'{"Name": "x", "Nope__c": 1}\', Account.class);',
    'System.JSONException',
    "No such column 'Nope__c' on sobject of type Account",
  ],
  [
    'a date that is no day of the calendar',
    'JSON.deserialize(\'"2024-13-45"\', Date.class);',
    'System.JSONException',
    "Cannot deserialize '2024-13-45' as a Date",
  ],
]);

describe('JSON parse errors', () => {
  it('point into the text as written', () => {
    assert.deepEqual(raised('JSON.deserializeUntyped(\'{"a":1,}\');'), {
      type: 'System.JSONException',
      message: 'Malformed JSON: Expected double-quoted property name in JSON at position 7',
    });
  });
});

// Apex Reference, "String Class": format follows Java MessageFormat, which writes an argument index
// past the list as itself; compareTo compares "based on the Unicode value of each character" (Java's
// difference); substringBetween; abbreviate(maxWidth, offset) (the Commons Lang examples).
cases('String methods', [
  ['format with too few arguments', "System.debug(String.format('{0} {1}', new List<String>{ 'a' }));", 'a {1}'],
  [
    'compareTo is the character difference, or the length difference',
    "System.debug('a'.compareTo('B') + ' ' + 'abcde'.compareTo('abcd') + ' ' + 'B'.compareTo('a') + ' ' + 'a'.compareTo('a'));",
    '31 1 -31 0',
  ],
  [
    'substringBetween two tags, one tag, and a missing one',
    "System.debug('yabcz'.substringBetween('y', 'z') + '|' + 'tagabctag'.substringBetween('tag') + '|' + 'abc'.substringBetween('x', 'y'));",
    'abc|abc|null',
  ],
  [
    'abbreviate with an offset',
    "System.debug('abcdefghijklmno'.abbreviate(10, 4) + ' ' + 'abcdefghijklmno'.abbreviate(10, 5) + ' ' + 'abcdefghijklmno'.abbreviate(10, 12) + ' ' + 'Hello Maximillian'.abbreviate(8, 1));",
    'abcdefg... ...fghi... ...ijklmno Hello...',
  ],
]);

// Apex Reference, "Type Class": forName(fullyQualifiedName) takes the namespace-qualified name too.
cases('Type.forName with a namespace', [
  [
    'System.String and Schema.Account',
    "System.debug(Type.forName('System.String') + ' ' + Type.forName('Schema.Account') + ' ' + Type.forName('Schema.Nope__c'));",
    'String Account null',
  ],
]);

// Apex Reference, "Date Class": valueOf(stringDate) of a string that is no date is a TypeException.
errors('Date.valueOf', [
  ['a month 13', "Date.valueOf('2024-13-45');", 'System.TypeException', 'Invalid date: 2024-13-45'],
]);

// Where the reference says a run-time exception is thrown but not which, or is silent on a value out
// of range, the runtime refuses: never NaN, an invented exception, or a date that does not exist.
refusals('refused where the platform answer is not documented', [
  [
    'abbreviate under four characters ("throws a run-time exception")',
    "System.debug('Hello World'.abbreviate(3));",
    /UnsupportedApexFeature: String.abbreviate with a maxWidth of 3/,
  ],
  ['charAt past the end', "System.debug('abc'.charAt(5));", /UnsupportedApexFeature: String.charAt\(5\)/],
  [
    'a day past the month end in Date.newInstance',
    'System.debug(Date.newInstance(2024, 2, 30));',
    /UnsupportedApexFeature: Date.newInstance\(2024, 2, 30\)/,
  ],
  [
    'hour 25 in Time.newInstance',
    'System.debug(Time.newInstance(25, 0, 0, 0));',
    /UnsupportedApexFeature: Time.newInstance/,
  ],
  [
    // A JavaScript error out of the standard library is never an internal crash.
    'a regex JavaScript cannot compile',
    "System.debug(Pattern.compile('(').matcher('x').matches());",
    /UnsupportedApexFeature: Matcher.matches\(\) \(SyntaxError/,
  ],
]);
