// Conformance of the local Apex runtime with the platform. Each case runs anonymous Apex on a small
// fixture project and compares what it printed with System.debug (or the exception it raised) with
// what the Apex Developer Guide / Apex Reference page named in the group says.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UnsupportedApexFeature } from '../src/language/errors.ts';
import { apexHarness } from './harness.ts';
import { caseTables } from './tables.ts';

const harness = apexHarness();
const { run, raised } = harness;
const { cases, errors } = caseTables(harness);

// Apex Developer Guide, "Expression Operators" (== on strings is case-insensitive) and
// Apex Reference, "String Class".
cases('strings', [
  ['== ignores case', "System.debug('abc' == 'ABC');", 'true'],
  ['equals() is case-sensitive', "System.debug('abc'.equals('ABC'));", 'false'],
  ['!= ignores case', "System.debug('abc' != 'ABC');", 'false'],
  ['concatenating null prints null', "String s; System.debug('x' + s);", 'xnull'],
  // "Expression Operators": a non-null String is always greater than a null String; a null number compares false.
  [
    'a string is greater than null',
    "String a = 'x'; String b; Integer n; System.debug((a > b) + ' ' + (b < a) + ' ' + (b >= a) + ' ' + (n < 1) + ' ' + (n > 1));",
    'true true false false false',
  ],
  ['split drops trailing empty strings', "System.debug('a,b,,'.split(',').size());", '2'],
  ['split takes a regex', "System.debug('a.b.c'.split('\\\\.').size());", '3'],
  // Java String.split(regex, limit): a negative limit keeps trailing empty strings, a positive one caps the parts.
  [
    'split with a limit',
    "System.debug('a,b,,c,,'.split(',', -1).size() + ' ' + 'a,b,c'.split(',', 2) + ' ' + 'abc'.split('').size());",
    '6 (a, b,c) 3',
  ],
  // MessageFormat quoting: '' is a quote and quoted text is literal.
  [
    'format quoting',
    "System.debug(String.format('it\\'\\'s {0}, \\'{1}\\' stays', new List<Object>{ 1, 2 }));",
    "it's 1, {1} stays",
  ],
  // "SObjectField" / "SObjectType": a token's text is its API name.
  // "Type Class": forName answers system, sObject and Apex class types; getName; newInstance.
  [
    'Type.forName and newInstance',
    "System.debug(Type.forName('string').getName() + ' ' + Type.forName('account').getName() + ' ' + Type.forName('NoSuchType') + ' ' + (Type.forName('Account').newInstance() instanceof Account) + ' ' + (Type.forName('Counter').newInstance() instanceof Counter));",
    'String Account null true true',
  ],
  // "Type Class" with generic names, as dynamic deserialisation uses them
  // (`JSON.deserialize(text, Type.forName('List<' + objectName + '>'))`); a name with an unknown part is null.
  [
    'Type.forName of generic types, their newInstance and JSON.deserialize',
    "List<Account> a = (List<Account>) JSON.deserialize('[{\"Name\":\"x\"}]', Type.forName('List<Account>')); System.debug(Type.forName('map<string, list<account>>') + ' ' + (Type.forName('Set<Id>').newInstance() instanceof Set<Id>) + ' ' + Type.forName('List<Nope>') + ' ' + a[0].Name);",
    'Map<String,List<Account>> true null x',
  ],
  ['schema tokens as text', "System.debug(String.valueOf(Account.Name) + ' ' + Account.SObjectType);", 'Name Account'],
  // "List Class": iterator() walks the list; getSObjectType() names the element sObject type.
  [
    'List.iterator and List.getSObjectType',
    "Iterator<Integer> it = new List<Integer>{ 1, 2 }.iterator(); Integer sum = 0; while (it.hasNext()) { sum += it.next(); } System.debug(sum + ' ' + new List<Account>().getSObjectType() + ' ' + new List<Integer>().getSObjectType());",
    '3 Account null',
  ],
  // "Decimal Class": divide with a scale and RoundingMode; round() is HALF_EVEN to a Long; setScale(scale, mode).
  [
    'Decimal.divide, round and setScale with rounding modes',
    "Decimal d = 10; System.debug(d.divide(3, 2) + ' ' + d.divide(3, 2, RoundingMode.UP) + ' ' + Decimal.valueOf('2.5').round() + ' ' + Decimal.valueOf('-2.5').round(System.RoundingMode.HALF_UP) + ' ' + Decimal.valueOf('1.25').setScale(1, RoundingMode.HALF_EVEN) + ' ' + Decimal.valueOf('-1.1').round(RoundingMode.CEILING));",
    '3.33 3.34 2 -3 1.2 -1',
  ],
  [
    'Math.mod of Longs is a Long',
    "Long x = 7; Object m = Math.mod(x, 3L); System.debug((m instanceof Long) + ' ' + m + ' ' + Math.mod(-7, 3));",
    'true 1 -1',
  ],
  ['substring(begin, end)', "System.debug('Hello'.substring(1, 3));", 'el'],
  ['substring(begin)', "System.debug('Hello'.substring(2));", 'llo'],
  ['isBlank on whitespace', "System.debug(String.isBlank('   '));", 'true'],
  ['isBlank on null', 'String s; System.debug(String.isBlank(s));', 'true'],
  ['isNotBlank', "System.debug(String.isNotBlank(' x '));", 'true'],
  ['abbreviate adds an ellipsis', "System.debug('Hello World'.abbreviate(8));", 'Hello...'],
  ['abbreviate keeps short strings', "System.debug('Hi'.abbreviate(8));", 'Hi'],
  ['valueOf an Integer', 'System.debug(String.valueOf(3));', '3'],
  ['join a list', "System.debug(String.join(new List<String>{ 'a', 'b' }, '-'));", 'a-b'],
  ['left and right', "System.debug('abcdef'.left(2) + 'abcdef'.right(2));", 'abef'],
  ['contains is case-sensitive', "System.debug('abc'.contains('B'));", 'false'],
  ['containsIgnoreCase', "System.debug('abc'.containsIgnoreCase('B'));", 'true'],
  ['indexOf', "System.debug('abc'.indexOf('c'));", '2'],
  ['format', "System.debug(String.format('{0}-{1}', new List<Object>{ 1, 'x' }));", '1-x'],
  [
    'removeStart removes a leading substring',
    "System.debug('+44'.removeStart('+') + '|' + '44'.removeStart('+'));",
    '44|44',
  ],
  [
    'removeEnd removes a trailing substring',
    "System.debug('file.txt'.removeEnd('.txt') + '|' + 'file'.removeEnd('.txt'));",
    'file|file',
  ],
  [
    'substringAfterLast',
    "System.debug('SF_Lead_00Q1'.substringAfterLast('_') + '|' + 'abc'.substringAfterLast('_') + '|');",
    '00Q1||',
  ],
  [
    'substringBeforeLast',
    "System.debug('a.b.c'.substringBeforeLast('.') + '|' + 'abc'.substringBeforeLast('.'));",
    'a.b|abc',
  ],
  ['replace is literal', "System.debug('a.b'.replace('.', '-'));", 'a-b'],
  ['escapeSingleQuotes', "System.debug(String.escapeSingleQuotes('it\\'s'));", "it\\'s"],
  ['toUpperCase', "System.debug('abc'.toUpperCase());", 'ABC'],
  [
    'startsWith and endsWith',
    "System.debug('salesforce'.startsWith('sales') && 'salesforce'.endsWith('force'));",
    'true',
  ],
  ['trim', "System.debug('[' + '  x  '.trim() + ']');", '[x]'],
  ['length', "System.debug('hello'.length());", '5'],
  [
    'Java inline regex flags',
    "System.debug('ABC'.replaceAll('(?i)b', 'x') + ',' + Pattern.matches('(?i)abc', 'ABC'));",
    'AxC,true',
  ],
  ['unicode escape in a literal', "System.debug('\\u0041');", 'A'],
]);

// Apex Developer Guide, "Primitive Data Types" and "Understanding Rules of Conversion".
cases('numbers', [
  ['Integer overflow wraps', 'Integer i = 2147483647; i = i + 1; System.debug(i);', '-2147483648'],
  ['Integer division truncates', 'System.debug(7 / 2);', '3'],
  ['negative Integer division truncates toward zero', 'System.debug(-7 / 2);', '-3'],
  ['Decimal division is exact', 'Decimal d = 7; System.debug(d / 2);', '3.5'],
  ['Decimal keeps its scale', 'Decimal d = 1.10; System.debug(d);', '1.10'],
  ['Decimal addition uses the larger scale', 'System.debug(1.1 + 2.20);', '3.30'],
  ['Decimal arithmetic is exact', 'System.debug(0.1 + 0.2);', '0.3'],
  ['Decimal multiplication adds scales', 'System.debug(1.5 * 1.5);', '2.25'],
  ['Long overflow wraps', 'Long big = 9223372036854775807L; big = big + 1; System.debug(big);', '-9223372036854775808'],
  ['Integer widens to Long', 'Long l = 5; System.debug(l * 1000000000);', '5000000000'],
  ['setScale rounds half up', "System.debug(Decimal.valueOf('2.55').setScale(1));", '2.6'],
  ['setScale pads', "System.debug(Decimal.valueOf('2').setScale(2));", '2.00'],
  ['Integer.valueOf a string', "System.debug(Integer.valueOf('42') + 1);", '43'],
  ['Math.max', 'System.debug(Math.max(3, 7));', '7'],
  ['Math.abs', 'System.debug(Math.abs(-5));', '5'],
  ['Math.mod', 'System.debug(Math.mod(7, 3));', '1'],
  ['unary minus', 'Integer i = 4; System.debug(-i);', '-4'],
  [
    'pre and post increment',
    "Integer i = 1; Integer a = i++; Integer b = ++i; System.debug(a + ',' + b + ',' + i);",
    '1,3,3',
  ],
  ['compound assignment', 'Integer i = 10; i -= 3; i *= 2; System.debug(i);', '14'],
  ['Decimal compared with Integer', 'Decimal d = 2.0; System.debug(d == 2);', 'true'],
  ['Double literal', 'Double d = 1.5d; System.debug(d);', '1.5'],
  ['Integer to Decimal on assignment', 'Decimal d = 3; System.debug(d / 4);', '0.75'],
  ['bitwise and shift', 'System.debug((6 & 3) + (1 << 4));', '18'],
]);

// Apex Reference, "Id Class": 15- and 18-character Ids of one record are equal.
cases('ids', [
  [
    '15 and 18 character Ids are equal',
    "Id a = '001000000000001AAA'; Id b = '001000000000001'; System.debug(a == b);",
    'true',
  ],
  ['a 15-character Id becomes 18', "Id b = '001000000000001'; System.debug(b);", '001000000000001AAA'],
  ['to15', "Id a = '001000000000001AAA'; System.debug(a.to15());", '001000000000001'],
  [
    'map keys match across 15/18',
    "Map<Id, Integer> m = new Map<Id, Integer>(); m.put('001000000000001AAA', 1); Id b = '001000000000001'; System.debug(m.get(b));",
    '1',
  ],
  ['Id compared with a String', "Id a = '001000000000001AAA'; System.debug(a == '001000000000001AAA');", 'true'],
]);

// Apex Developer Guide, "Collections" (Set and Map keys of type String are case-sensitive).
cases('collections', [
  ['Set keys are case-sensitive', "System.debug(new Set<String>{ 'a', 'A' }.size());", '2'],
  [
    'Map keys are case-sensitive',
    "Map<String, Integer> m = new Map<String, Integer>{ 'a' => 1 }; System.debug(m.containsKey('A'));",
    'false',
  ],
  [
    'List add, size and remove',
    "List<Integer> l = new List<Integer>{ 1, 2 }; l.add(3); Integer r = l.remove(0); System.debug(r + ':' + l.size());",
    '1:2',
  ],
  ['List sort', 'List<Integer> l = new List<Integer>{ 3, 1, 2 }; l.sort(); System.debug(l);', '(1, 2, 3)'],
  ['List equality compares elements', 'System.debug(new List<Integer>{ 1 } == new List<Integer>{ 1 });', 'true'],
  ['Set toString', "System.debug(new Set<String>{ 'x' });", '{x}'],
  ['Map toString', "System.debug(new Map<String, Integer>{ 'a' => 1 });", '{a=1}'],
  [
    'Map keySet and values',
    "Map<String, Integer> m = new Map<String, Integer>{ 'a' => 1, 'b' => 2 }; System.debug(m.keySet().size() + m.values()[1]);",
    '4',
  ],
  [
    'Map put returns the previous value',
    "Map<String, Integer> m = new Map<String, Integer>{ 'a' => 1 }; System.debug(m.put('a', 5));",
    '1',
  ],
  [
    'Set add reports whether it changed',
    "Set<Integer> s = new Set<Integer>{ 1 }; System.debug(s.add(1) + ',' + s.add(2));",
    'false,true',
  ],
  ['containsAll', 'System.debug(new Set<Integer>{ 1, 2, 3 }.containsAll(new List<Integer>{ 1, 3 }));', 'true'],
  ['array syntax', 'String[] arr = new String[2]; System.debug(arr.size());', '2'],
  ['list indexing with []', "List<String> l = new List<String>{ 'a', 'b' }; l[1] = 'c'; System.debug(l[1]);", 'c'],
  [
    'for-each over a set',
    'Integer sum = 0; for (Integer i : new Set<Integer>{ 1, 2, 3 }) { sum += i; } System.debug(sum);',
    '6',
  ],
  ['list built from a set', 'System.debug(new List<Integer>(new Set<Integer>{ 4 }).size());', '1'],
  [
    'clone is shallow and independent',
    'List<Integer> a = new List<Integer>{ 1 }; List<Integer> b = a.clone(); b.add(2); System.debug(a.size());',
    '1',
  ],
]);

// Apex Developer Guide, "Classes, Objects, and Interfaces", "Static and Instance", "Enums".
cases('classes', [
  ['virtual dispatch', 'System.debug(new Square(3).describe());', 'square with area 9'],
  ['static counter shared by instances', 'new Square(1); new Square(2); System.debug(Shape.created);', '2'],
  ['static initializer runs once', 'System.debug(Counter.calls);', '10'],
  ['property with computed getter', 'System.debug(new Counter(2).increment().doubled);', '6'],
  ['this() constructor chaining', 'System.debug(new Counter().value);', '0'],
  ['inner class', 'System.debug(new Counter.Step().size);', '1'],
  [
    'enum ordinal, name and values',
    'System.debug(Color.GREEN.ordinal() + Color.values().size()); System.debug(Color.RED.name());',
    ['4', 'RED'],
  ],
  [
    'switch on an enum',
    "switch on Color.BLUE { when RED { System.debug('r'); } when BLUE { System.debug('b'); } }",
    'b',
  ],
  [
    'switch on a string with else',
    "switch on 'z' { when 'a', 'b' { System.debug('ab'); } when else { System.debug('other'); } }",
    'other',
  ],
  [
    'switch on a type',
    "Object o = new Square(2); switch on o { when Square sq { System.debug(sq.area()); } when else { System.debug('?'); } }",
    '4',
  ],
  ['instanceof', 'Shape s = new Square(1); System.debug(s instanceof Square);', 'true'],
  [
    'sorting Comparable objects',
    'List<Square> l = new List<Square>{ new Square(3), new Square(1) }; l.sort(); System.debug(l[0].area());',
    '1',
  ],
  ['statics reset in each transaction', 'Counter.calls++; System.debug(Counter.calls);', '11'],
  ['safe navigation', 'String s; System.debug(s?.length());', 'null'],
  ['null coalescing', "String s; System.debug(s ?? 'fallback');", 'fallback'],
  ['ternary', "Integer n = 5; System.debug(n > 3 ? 'big' : 'small');", 'big'],
  ['while and break', 'Integer i = 0; while (true) { i++; if (i == 3) { break; } } System.debug(i);', '3'],
  [
    'for with continue',
    'Integer odd = 0; for (Integer i = 0; i < 5; i++) { if (Math.mod(i, 2) == 0) { continue; } odd++; } System.debug(odd);',
    '2',
  ],
  ['do-while runs once', 'Integer i = 10; do { i++; } while (i < 5); System.debug(i);', '11'],
]);

// Apex Developer Guide, "Exceptions in Apex" and "Exception Class and Built-In Exceptions".
cases('exceptions', [
  [
    'custom exception message and type',
    "try { throw new ValidationException('bad'); } catch (Exception e) { System.debug(e.getMessage()); System.debug(e.getTypeName()); }",
    ['bad', 'ValidationException'],
  ],
  [
    'catch picks the first matching clause',
    "try { Integer i = 1 / 0; } catch (ListException e) { System.debug('list'); } catch (MathException e) { System.debug('math'); }",
    'math',
  ],
  [
    'finally runs after catch',
    "try { throw new ValidationException('x'); } catch (ValidationException e) { System.debug('catch'); } finally { System.debug('finally'); }",
    ['catch', 'finally'],
  ],
  [
    'NullPointerException is catchable',
    'try { String s; s.length(); } catch (NullPointerException e) { System.debug(e.getMessage()); }',
    'Attempt to de-reference a null object',
  ],
  [
    'built-in exception type name',
    'try { new List<Integer>().get(0); } catch (Exception e) { System.debug(e.getTypeName()); }',
    'System.ListException',
  ],
  [
    'exception with a cause',
    "Exception cause = new ValidationException('root'); ValidationException e = new ValidationException('top', cause); System.debug(e.getCause().getMessage());",
    'root',
  ],
]);

errors('platform exceptions', [
  ['list index out of bounds', 'new List<Integer>().get(0);', 'System.ListException', 'List index out of bounds: 0'],
  ['divide by zero', 'Integer i = 10 / 0;', 'System.MathException', 'Divide by 0'],
  ['invalid Id', "Id x = 'foo';", 'System.StringException', 'Invalid id: foo'],
  ['invalid integer', "Integer.valueOf('x');", 'System.TypeException', 'Invalid integer: x'],
  [
    'bad cast',
    "Object o = 'x'; Shape s = (Shape) o;",
    'System.TypeException',
    'Invalid conversion from runtime type String to Shape',
  ],
  ['null dereference', 'Shape s; s.area();', 'System.NullPointerException', 'Attempt to de-reference a null object'],
  [
    'invalid SObject field',
    "Account a = new Account(); a.put('Nope__c', 1);",
    'System.SObjectException',
    'Invalid field Nope__c for Account',
  ],
]);

// Apex Developer Guide, "Understanding Rules of Conversion" and "Classes and Casting": a cast converts
// between numbers only when the operand is declared as a number; from an Object reference the value's
// runtime type must be the target type itself, so `(Decimal)` of an Integer held as Object throws.
cases('primitive casts', [
  ['a declared Decimal casts to Integer', 'Decimal d = 5.7; System.debug((Integer) d);', '5'],
  ['a declared Integer casts to Decimal', 'Integer i = 5; Decimal d = (Decimal) i; System.debug(d);', '5'],
  ['a literal casts between numbers', 'System.debug((Integer) 5.2);', '5'],
  ['an Object holding a Decimal casts to Decimal', 'Object o = 1.5; System.debug((Decimal) o);', '1.5'],
  [
    'an Object holding an Id casts to String',
    "Object o = Id.valueOf('001000000000001AAA'); System.debug((String) o);",
    '001000000000001AAA',
  ],
  [
    'a Decimal field read with get casts to Decimal',
    "Opportunity o = new Opportunity(Amount = 100); System.debug((Decimal) o.get('Amount'));",
    '100',
  ],
  [
    'an Integer field read with get casts to Integer',
    "Account a = new Account(NumberOfEmployees = 50); System.debug((Integer) a.get('NumberOfEmployees'));",
    '50',
  ],
  [
    'an untyped JSON number casts to its own type',
    "Map<String, Object> m = (Map<String, Object>) JSON.deserializeUntyped('{\"n\": 3}'); System.debug((Integer) m.get('n'));",
    '3',
  ],
]);

// Apex Developer Guide, "Understanding Rules of Conversion" (a Date may be assigned to a Datetime) and
// the instanceof operator: a Date is also an instance of Datetime, so code that tests Datetime first
// treats Dates as Datetimes; the conversion is midnight GMT.
cases('dates as datetimes', [
  [
    'a Date is an instance of Datetime',
    'Object o = Date.newInstance(2024, 1, 31); System.debug(o instanceof Datetime);',
    'true',
  ],
  ['a Datetime is no Date', 'Object o = Datetime.now(); System.debug(o instanceof Date);', 'false'],
  [
    'a Date assigned to a Datetime is midnight GMT',
    "Date d = Date.newInstance(2024, 1, 31); Datetime dt = d; System.debug(dt.formatGmt('yyyy-MM-dd HH:mm'));",
    '2024-01-31 00:00',
  ],
  [
    'an Object holding a Date casts to Datetime',
    'Object o = Date.newInstance(2024, 1, 31); System.debug(((Datetime) o).getTime());',
    '1706659200000',
  ],
]);

errors('primitive casts from Object', [
  [
    'Integer to Decimal',
    'Object o = 5; Decimal d = (Decimal) o;',
    'System.TypeException',
    'Invalid conversion from runtime type Integer to Decimal',
  ],
  [
    'Decimal to Integer',
    'Object o = 5.2; Integer i = (Integer) o;',
    'System.TypeException',
    'Invalid conversion from runtime type Decimal to Integer',
  ],
  [
    'Integer to Long',
    'Object o = 5; Long l = (Long) o;',
    'System.TypeException',
    'Invalid conversion from runtime type Integer to Long',
  ],
  [
    'Integer to String',
    'Object o = 5; String s = (String) o;',
    'System.TypeException',
    'Invalid conversion from runtime type Integer to String',
  ],
  [
    'Datetime to Date',
    'Object o = Datetime.now(); Date d = (Date) o;',
    'System.TypeException',
    'Invalid conversion from runtime type Datetime to Date',
  ],
  [
    'an Integer field read with get to Decimal',
    "Account a = new Account(NumberOfEmployees = 50); Decimal d = (Decimal) a.get('NumberOfEmployees');",
    'System.TypeException',
    'Invalid conversion from runtime type Integer to Decimal',
  ],
  [
    'a generic SObject get to Decimal',
    "SObject a = new Account(NumberOfEmployees = 50); Decimal d = (Decimal) a.get('NumberOfEmployees');",
    'System.TypeException',
    'Invalid conversion from runtime type Integer to Decimal',
  ],
  [
    'a Map<String, Object> value to Decimal',
    "Map<String, Object> m = new Map<String, Object>{ 'n' => 3 }; Decimal d = (Decimal) m.get('n');",
    'System.TypeException',
    'Invalid conversion from runtime type Integer to Decimal',
  ],
  [
    'a parameter declared Object',
    'Object o = 7; List<Object> items = new List<Object>{ o }; for (Object item : items) { Decimal d = (Decimal) item; }',
    'System.TypeException',
    'Invalid conversion from runtime type Integer to Decimal',
  ],
]);

// Apex Developer Guide, "Execution Governors and Limits": LimitException cannot be caught.
errors('governor limits', [
  [
    'a 151st DML statement fails even inside try/catch',
    "try { for (Integer i = 0; i < 151; i++) { insert new Widget__c(Code__c = 'c'); } } catch (Exception e) { System.debug('caught'); }",
    'System.LimitException',
    'Too many DML statements: 151',
  ],
  [
    'more than 10 000 DML rows',
    "List<Widget__c> ws = new List<Widget__c>(); for (Integer i = 0; i < 10001; i++) { ws.add(new Widget__c(Code__c = 'c')); } insert ws;",
    'System.LimitException',
    'Too many DML rows: 10001',
  ],
]);

// Apex Developer Guide, "Triggers" (context variables, bulk chunks of 200) and "DML".
cases('dml and triggers', [
  [
    // Object Reference, "System Fields": OwnerId defaults to the user who creates the record.
    'a new record is owned by its creator',
    "Account a = new Account(Name = 'x'); insert a; System.debug([SELECT OwnerId FROM Account WHERE Id = :a.Id].OwnerId == UserInfo.getUserId());",
    'true',
  ],
  [
    // Object Reference, Lead and Contact, field Name: the concatenation of FirstName, MiddleName,
    // LastName and Suffix, read only; it follows an update of its parts.
    'a Lead or Contact name is composed from its parts',
    "Lead l = new Lead(FirstName = 'Ada', LastName = 'Lovelace', Company = 'c'); insert l; l.LastName = 'King'; update l; insert new Contact(LastName = 'Solo'); System.debug([SELECT Name FROM Lead].Name + '|' + [SELECT Name FROM Contact].Name);",
    'Ada King|Solo',
  ],
  [
    'insert assigns an Id with the object prefix',
    "Account a = new Account(Name = 'x'); insert a; System.debug(String.valueOf(a.Id).left(3));",
    '001',
  ],
  [
    'before insert changes reach the caller',
    "Account a = new Account(Name = 'x'); insert a; System.debug(a.Description);",
    'set by trigger',
  ],
  [
    'trigger events in order',
    "insert new Account(Name = 'x'); System.debug(TriggerLog.events);",
    '(BEFORE_INSERT:1, AFTER_INSERT:1)',
  ],
  [
    'more than 200 records fire triggers in chunks of 200',
    "List<Account> l = new List<Account>(); for (Integer i = 0; i < 201; i++) { l.add(new Account(Name = 'a' + i)); } insert l; System.debug(TriggerLog.events);",
    '(BEFORE_INSERT:200, AFTER_INSERT:200, BEFORE_INSERT:1, AFTER_INSERT:1)',
  ],
  [
    'update fires update triggers',
    "Account a = new Account(Name = 'x'); insert a; a.Name = 'y'; update a; System.debug(TriggerLog.events.size());",
    '4',
  ],
  [
    'delete then undelete fires after undelete on Account',
    "Account a = new Account(Name = 'x'); insert a; delete a; undelete a; System.debug(TriggerLog.events[3]);",
    'AFTER_UNDELETE:1',
  ],
  [
    'DML counts statements',
    "insert new Account(Name = 'x'); insert new Account(Name = 'y'); System.debug(Limits.getDmlStatements() + '/' + Limits.getLimitDmlStatements());",
    '2/150',
  ],
  ['unset field on a new record is null', 'Account a = new Account(); System.debug(a.Name);', 'null'],
  [
    'partial save keeps the valid records',
    "List<Database.SaveResult> r = Database.insert(new List<Widget__c>{ new Widget__c(Code__c = 'a'), new Widget__c() }, false); System.debug(r[0].isSuccess() + ',' + r[1].isSuccess());",
    'true,false',
  ],
  [
    // Apex Developer Guide, "Bulk DML Exception Handling": rollback, retry with the good records, triggers fire again, statics kept.
    'a partial save retries the good records and fires the triggers again',
    "List<Database.SaveResult> r = Database.insert(new List<Widget__c>{ new Widget__c(Code__c = 'a'), new Widget__c(Name = 'bad', Code__c = 'b'), new Widget__c(Code__c = 'c') }, false); System.debug(TriggerLog.events); System.debug(r[0].isSuccess() + ',' + r[1].isSuccess() + ',' + r[2].isSuccess()); System.debug(r[1].getErrors()[0].getMessage()); System.debug([SELECT COUNT() FROM Widget__c]);",
    ['(BEFORE_INSERT:3, AFTER_INSERT:2, BEFORE_INSERT:2, AFTER_INSERT:2)', 'true,false,true', 'bad widget', '2'],
  ],
  [
    'the retry resets the limits the failed attempt used',
    "Database.insert(new List<Widget__c>{ new Widget__c(Code__c = 'a'), new Widget__c(Name = 'bad', Code__c = 'b') }, false); System.debug(Limits.getDmlStatements() + '/' + Limits.getDmlRows());",
    '1/2',
  ],
  [
    'a failed all-or-none insert leaves the records without Ids',
    "Widget__c w = new Widget__c(Name = 'bad', Code__c = 'b'); try { insert w; } catch (DmlException e) { System.debug(e.getMessage()); } System.debug(w.Id);",
    ['Insert failed. First exception on row 0; first error: FIELD_CUSTOM_VALIDATION_EXCEPTION, bad widget: []', 'null'],
  ],
  [
    // Apex Reference, SObject Class, addError(fieldName, errorMsg) and addError(fieldToken, errorMsg):
    // the error is on that field, and its message is the record's error.
    'addError on a field names the field in the record error',
    "List<Database.SaveResult> r = Database.insert(new List<Widget__c>{ new Widget__c(Name = 'bad code', Code__c = 'a'), new Widget__c(Name = 'bad token', Code__c = 'b') }, false); System.debug(r[0].getErrors()[0].getMessage() + ' ' + r[0].getErrors()[0].getFields() + ' ' + r[1].getErrors()[0].getMessage() + ' ' + r[1].getErrors()[0].getFields());",
    'code refused (Code__c) code token refused (Code__c)',
  ],
  [
    'partial save reports the missing field',
    'List<Database.SaveResult> r = Database.insert(new List<Widget__c>{ new Widget__c() }, false); System.debug(r[0].getErrors()[0].getStatusCode());',
    'REQUIRED_FIELD_MISSING',
  ],
  [
    'an all-or-none failure in a later chunk rolls back the earlier chunks',
    "List<Widget__c> ws = new List<Widget__c>(); for (Integer i = 0; i < 200; i++) { ws.add(new Widget__c(Code__c = 'c')); } ws.add(new Widget__c()); try { insert ws; } catch (DmlException e) { System.debug(e.getMessage().contains('row 200')); } System.debug(ws[0].Id);",
    ['true', 'null'],
  ],
  [
    'startTest gives fresh limits',
    "insert new Account(Name = 'x'); Test.startTest(); System.debug(Limits.getDmlStatements()); Test.stopTest(); System.debug(Limits.getDmlStatements());",
    ['0', '1'],
  ],
]);

cases('fields the platform fills', [
  [
    // Object Reference, Case: CaseNumber is an auto-number assigned on insert (the in-memory record gets only its Id).
    'auto-numbers on insert',
    "Case c = new Case(); insert new List<Case>{ c, new Case() }; System.debug(c.CaseNumber + ' ' + [SELECT CaseNumber FROM Case WHERE Id = :c.Id].CaseNumber + ' ' + [SELECT COUNT() FROM Case WHERE CaseNumber != null]);",
    'null 00000001 2',
  ],
]);

errors('dml errors', [
  [
    'required field missing',
    'insert new Widget__c();',
    'System.DmlException',
    /REQUIRED_FIELD_MISSING, Required fields are missing: \[Code__c\]/,
  ],
  ['update without an Id', "update new Account(Name = 'x');", 'System.DmlException', /MISSING_ARGUMENT/],
  // Object Reference for Salesforce and Lightning Platform: standard text lengths (Contact.LastName 80),
  // Email fields, lookups that must point at their parent object.
  [
    'a standard field over its documented length',
    "insert new Contact(LastName = 'x'.repeat(81));",
    'System.DmlException',
    /STRING_TOO_LONG, LastName: data value too large: x+ \(max length=80\)/,
  ],
  [
    'an email address without a domain',
    "insert new Contact(LastName = 'x', Email = 'a@b');",
    'System.DmlException',
    /INVALID_EMAIL_ADDRESS, Email: invalid email address: a@b/,
  ],
  [
    'a lookup to the wrong object',
    "insert new Contact(LastName = 'x', AccountId = UserInfo.getUserId());",
    'System.DmlException',
    /FIELD_INTEGRITY_EXCEPTION, AccountId: id value of incorrect type: 005/,
  ],
  [
    // Object Reference, PermissionSetAssignment: AssigneeId and PermissionSetId are required on create.
    'a permission set assignment without its permission set',
    'insert new PermissionSetAssignment(AssigneeId = UserInfo.getUserId());',
    'System.DmlException',
    /REQUIRED_FIELD_MISSING, Required fields are missing: \[PermissionSetId\]/,
  ],
  [
    'text longer than the field',
    "insert new Widget__c(Code__c = 'this is far too long');",
    'System.DmlException',
    /STRING_TOO_LONG/,
  ],
]);

// SOQL and SOQL in Apex (SOQL and SOSL Reference; Apex Developer Guide, "SOQL and SOSL Queries").
const WIDGETS =
  "insert new List<Widget__c>{ new Widget__c(Name = 'b', Code__c = 'x', Amount__c = 2), new Widget__c(Name = 'a', Code__c = 'y', Amount__c = 5), new Widget__c(Name = 'c', Code__c = 'x') }; ";
cases('soql in apex', [
  [
    'inline query with a bind and ORDER BY',
    WIDGETS +
      "String code = 'x'; for (Widget__c w : [SELECT Name FROM Widget__c WHERE Code__c = :code ORDER BY Name]) { System.debug(w.Name); }",
    ['b', 'c'],
  ],
  [
    'COUNT() returns an Integer',
    WIDGETS + 'Integer n = [SELECT COUNT() FROM Widget__c WHERE Amount__c > 1]; System.debug(n);',
    '2',
  ],
  [
    'single-row assignment',
    WIDGETS + "Widget__c w = [SELECT Id, Amount__c FROM Widget__c WHERE Name = 'a']; System.debug(w.Amount__c);",
    '5',
  ],
  [
    'reading a field that was not queried throws',
    WIDGETS +
      "Widget__c w = [SELECT Id FROM Widget__c WHERE Name = 'a']; try { System.debug(w.Amount__c); } catch (SObjectException e) { System.debug(e.getMessage()); }",
    'SObject row was retrieved via SOQL without querying the requested field: Widget__c.Amount__c',
  ],
  [
    'IN with a bound set of Ids',
    WIDGETS +
      "Set<Id> ids = new Map<Id, Widget__c>([SELECT Id FROM Widget__c WHERE Code__c = 'x']).keySet(); System.debug([SELECT COUNT() FROM Widget__c WHERE Id IN :ids]);",
    '2',
  ],
  [
    'parent path',
    "Account a = new Account(Name = 'Acme'); insert a; insert new Widget__c(Code__c = 'z', Account__c = a.Id); System.debug([SELECT Account__r.Name FROM Widget__c][0].Account__r.Name);",
    'Acme',
  ],
  [
    'child subquery',
    "Account a = new Account(Name = 'Acme'); insert a; insert new Widget__c(Code__c = 'z', Account__c = a.Id); System.debug([SELECT Id, (SELECT Code__c FROM Widgets__r) FROM Account][0].Widgets__r.size());",
    '1',
  ],
  [
    'aggregate with alias',
    WIDGETS + "AggregateResult r = [SELECT SUM(Amount__c) total FROM Widget__c]; System.debug(r.get('total'));",
    '7',
  ],
  [
    "dynamic SOQL binds the caller's variables",
    WIDGETS +
      "String code = 'y'; List<Widget__c> ws = Database.query('SELECT Name FROM Widget__c WHERE Code__c = :code'); System.debug(ws[0].Name);",
    'a',
  ],
  [
    'queryWithBinds',
    WIDGETS +
      "List<Widget__c> ws = Database.queryWithBinds('SELECT Name FROM Widget__c WHERE Code__c = :c ORDER BY Name DESC', new Map<String, Object>{ 'c' => 'x' }, AccessLevel.SYSTEM_MODE); System.debug(ws[0].Name);",
    'c',
  ],
  [
    'queries count against the limit',
    WIDGETS +
      "List<Widget__c> ws = [SELECT Id FROM Widget__c]; System.debug(Limits.getQueries() + '/' + Limits.getQueryRows());",
    '1/3',
  ],
  [
    'deleted rows are excluded unless ALL ROWS',
    WIDGETS +
      "delete [SELECT Id FROM Widget__c WHERE Name = 'a']; System.debug([SELECT COUNT() FROM Widget__c] + ',' + [SELECT COUNT() FROM Widget__c ALL ROWS]);",
    '2,3',
  ],
  ['custom metadata is queryable', 'System.debug([SELECT COUNT() FROM Account]);', '0'],
]);

errors('soql errors', [
  [
    'no rows for a single-row assignment',
    'Widget__c w = [SELECT Id FROM Widget__c];',
    'System.QueryException',
    'List has no rows for assignment to SObject',
  ],
  ['malformed dynamic SOQL', "Database.query('SELECT FROM');", 'System.QueryException', /unexpected token/],
  [
    'OFFSET over 2000',
    "Database.query('SELECT Id FROM Widget__c LIMIT 10 OFFSET 2001');",
    'System.QueryException',
    'Maximum SOQL offset allowed is 2000',
  ],
  [
    '101 queries',
    'for (Integer i = 0; i < 101; i++) { List<Account> l = [SELECT Id FROM Account]; }',
    'System.LimitException',
    'Too many SOQL queries: 101',
  ],
]);

// Apex Reference, "Date Class" and "Datetime Class".
cases('dates', [
  ['leap day', 'System.debug(Date.newInstance(2024, 2, 28).addDays(1));', '2024-02-29'],
  ['daysBetween', 'System.debug(Date.newInstance(2024, 1, 1).daysBetween(Date.newInstance(2024, 3, 1)));', '60'],
  ['epoch of newInstanceGmt', 'System.debug(Datetime.newInstanceGmt(1970, 1, 1, 0, 0, 0).getTime());', '0'],
  // Apex Reference, "Datetime Class": newInstanceGmt(date, time), hourGmt(), minuteGmt(), secondGmt().
  [
    'newInstanceGmt from a Date and a Time',
    "Datetime d = Datetime.newInstanceGmt(Date.newInstance(2024, 3, 5), Time.newInstance(7, 8, 9, 0)); System.debug(d.getTime() + ' ' + d.hourGmt() + ':' + d.minuteGmt() + ':' + d.secondGmt());",
    '1709622489000 7:8:9',
  ],
  ['Date plus Integer days', 'System.debug(Date.newInstance(2024, 12, 31) + 1);', '2025-01-01'],
  // Apex Reference, "Date Class": addMonths/addYears end on the last day of a shorter month.
  [
    'addMonths and addYears clamp to the month end',
    "System.debug(Date.newInstance(2024, 1, 31).addMonths(1) + ' ' + Date.newInstance(2024, 3, 31).addMonths(-13) + ' ' + Date.newInstance(2024, 2, 29).addYears(1));",
    '2024-02-29 2023-02-28 2025-02-28',
  ],
  [
    'Datetime.addMonths clamps too',
    "System.debug(Datetime.newInstanceGmt(2023, 1, 31, 10, 0, 0).addMonths(1).formatGmt('yyyy-MM-dd HH:mm'));",
    '2023-02-28 10:00',
  ],
  // Apex Reference, "Datetime Class", format(dateFormatString): Java SimpleDateFormat pattern letters.
  [
    'formatGmt with text, 12-hour and quoted fields',
    "System.debug(Datetime.newInstanceGmt(2024, 3, 5, 14, 7, 9).formatGmt('EEE, d MMM yy h:mm a \\'at\\' EEEE MMMM D \\'\\' Z XXX'));",
    "Tue, 5 Mar 24 2:07 PM at Tuesday March 65 ' +0000 Z",
  ],
]);

// Apex Reference, "JSON Class".
cases('json', [
  [
    'serialize a map',
    "System.debug(JSON.serialize(new Map<String, Object>{ 'a' => 1, 'b' => 'x' }));",
    '{"a":1,"b":"x"}',
  ],
  [
    'Decimal keeps its scale',
    'System.debug(JSON.serialize(new List<Object>{ 1.50, 9007199254740993L }));',
    '[1.50,9007199254740993]',
  ],
  [
    'Apex object in declaration order with nulls',
    "Payload p = new Payload(); p.identity = 'SF_1'; System.debug(JSON.serialize(p));",
    '{"identity":"SF_1","ts":null,"amount":null,"tags":null,"color":null,"child":null}',
  ],
  [
    'suppress nulls',
    "Payload p = new Payload(); p.identity = 'SF_1'; p.color = Color.RED; System.debug(JSON.serialize(p, true));",
    '{"identity":"SF_1","color":"RED"}',
  ],
  [
    'dates and datetimes',
    'System.debug(JSON.serialize(new List<Object>{ Date.newInstance(2024, 1, 2), Datetime.newInstanceGmt(2024, 1, 2, 3, 4, 5) }));',
    '["2024-01-02","2024-01-02T03:04:05.000Z"]',
  ],
  [
    'SObject with attributes',
    "Account a = new Account(Name = 'x'); System.debug(JSON.serialize(a));",
    '{"attributes":{"type":"Account"},"Name":"x"}',
  ],
  ['pretty printing', "System.debug(JSON.serializePretty(new Map<String, Object>{ 'a' => 1 }));", '{\n  "a" : 1\n}'],
  [
    'deserializeUntyped numbers',
    "Map<String, Object> m = (Map<String, Object>) JSON.deserializeUntyped('{\"i\":1,\"l\":3000000000,\"d\":1.5}'); System.debug((m.get('i') instanceof Integer) + ',' + (m.get('l') instanceof Long) + ',' + (m.get('d') instanceof Decimal));",
    'true,true,true',
  ],
  [
    'deserializeUntyped nesting',
    'Map<String, Object> m = (Map<String, Object>) JSON.deserializeUntyped(\'{"list":[{"k":"v"}]}\'); List<Object> l = (List<Object>) m.get(\'list\'); System.debug(((Map<String, Object>) l[0]).get(\'k\'));',
    'v',
  ],
  [
    'deserialize into a class',
    'Payload p = (Payload) JSON.deserialize(\'{"identity":"SF_2","ts":1700000000,"tags":["a","b"],"color":"BLUE","child":{"identity":"c"}}\', Payload.class); System.debug(p.identity + p.ts + p.tags.size() + p.color + p.child.identity);',
    'SF_21700000000' + '2BLUEc',
  ],
  [
    'round trip',
    'Payload p = new Payload(); p.amount = 2.50; Payload q = (Payload) JSON.deserialize(JSON.serialize(p), Payload.class); System.debug(q.amount);',
    '2.50',
  ],
  [
    'deserialize into an SObject types each field',
    'Lead l = (Lead) JSON.deserialize(\'{"CreatedDate":"2020-01-01T00:00:00.000+0000","ConvertedDate":"2021-02-03","NumberOfEmployees":5}\', Lead.class); System.debug(l.CreatedDate.getTime() + \' \' + l.ConvertedDate.year() + \' \' + (l.NumberOfEmployees + 1));',
    '1577836800000 2021 6',
  ],
]);

// Apex Developer Guide, "Lists" and "Sets": a collection may not gain or lose elements while a for loop iterates it.
errors('modifying a collection while iterating it', [
  [
    'adding to a list',
    'List<Integer> l = new List<Integer>{ 1, 2 }; for (Integer i : l) { l.add(3); }',
    'System.FinalException',
    'Cannot modify a collection while it is being iterated.',
  ],
  [
    'removing from a set',
    'Set<Integer> s = new Set<Integer>{ 1, 2 }; for (Integer i : s) { s.remove(i); }',
    'System.FinalException',
    'Cannot modify a collection while it is being iterated.',
  ],
]);

// Apex Developer Guide, "Using the final Keyword": final variables can be assigned a value only once.
errors('final local variables', [
  [
    'assigned again after its declaration',
    'final Integer x = 1; x = 2;',
    'System.FinalException',
    'Final variable has already been initialized',
  ],
  [
    'declared without a value, assigned twice',
    "final String s; s = 'a'; s += 'b';",
    'System.FinalException',
    'Final variable has already been initialized',
  ],
  [
    'incremented',
    'for (Integer i = 0; i < 1; i++) { final Integer n = i; n++; }',
    'System.FinalException',
    'Final variable has already been initialized',
  ],
]);

cases('final local variables assigned once', [
  [
    'declared without a value, then assigned; one per loop iteration',
    "final String s; s = 'a'; Integer sum = 0; for (Integer i = 0; i < 3; i++) { final Integer n = i; sum += n; } System.debug(s + sum);",
    'a3',
  ],
]);

cases('changing a collection after its loop', [
  [
    'the loop is over, or iterates another collection',
    'List<Integer> l = new List<Integer>{ 1 }; for (Integer i : l) { } l.add(2); List<Integer> c = new List<Integer>(); for (Integer i : l) { c.add(i); } System.debug(l.size() + c.size());',
    '4',
  ],
]);

// Apex Reference, "Integer Class" and "Long Class": valueOf(String) refuses text out of the type's range.
errors('decimal rounding', [
  [
    'UNNECESSARY that would drop digits',
    "Decimal.valueOf('1.25').setScale(1, RoundingMode.UNNECESSARY);",
    'System.MathException',
    'Rounding necessary',
  ],
  ['divide by zero', 'Decimal d = 1; d.divide(0, 2);', 'System.MathException', 'Divide by 0'],
]);

errors('number parsing', [
  ['an Integer out of range', "Integer.valueOf('2147483648');", 'System.TypeException', 'Invalid integer: 2147483648'],
  [
    'a Long out of range',
    "Long.valueOf('9223372036854775808');",
    'System.TypeException',
    'Invalid long: 9223372036854775808',
  ],
]);

cases('number parsing in range', [
  [
    'Integer.valueOf at its bounds',
    "System.debug(Integer.valueOf('-2147483648') + ' ' + Integer.valueOf('2147483647'));",
    '-2147483648 2147483647',
  ],
  [
    'Long.valueOf is a Long',
    "Object o = Long.valueOf('99999999999'); System.debug((o instanceof Long) + ' ' + o);",
    'true 99999999999',
  ],
]);

// Apex Developer Guide, "Classes and Casting" / "Collection Casting": a collection casts to another
// collection type only when its runtime element types fit; List<Object> from JSON is not a List<String>.
errors('collection casts', [
  [
    'a List<Integer> is not a List<String>',
    'Object o = new List<Integer>{ 1 }; List<String> s = (List<String>) o;',
    'System.TypeException',
    'Invalid conversion from runtime type List<Integer> to List<String>',
  ],
  [
    'an untyped JSON list is not a List<Integer>',
    "Object o = JSON.deserializeUntyped('[1, 2]'); List<Integer> l = (List<Integer>) o;",
    'System.TypeException',
    'Invalid conversion from runtime type List<Object> to List<Integer>',
  ],
  [
    'a List is not a Set',
    'Object o = new List<String>{ }; Set<String> s = (Set<String>) o;',
    'System.TypeException',
    /Invalid conversion from runtime type List<String> to Set<String>/,
  ],
]);

cases('collection casts that fit', [
  [
    'the same element type, Id as String, and sObject lists',
    "Object a = new List<Integer>{ 1 }; Object b = new List<Id>{ '001000000000001AAA' }; Object c = new List<Account>(); System.debug(((List<Integer>) a).size() + ((List<String>) b).size() + ((List<SObject>) c).size());",
    '2',
  ],
]);

// Apex Developer Guide, "Using Custom Types in Map Keys and Sets": equals and hashCode decide key
// equality and == calls equals; === stays reference equality. Same hash, different points: still two keys.
cases('custom equality', [
  [
    'equal points are one key',
    "Set<Point> s = new Set<Point>{ new Point(1, 2), new Point(1, 2), new Point(1, 3) }; Map<Point, String> m = new Map<Point, String>{ new Point(5, 5) => 'a' }; System.debug(s.size() + ' ' + s.contains(new Point(1, 3)) + ' ' + m.get(new Point(5, 5)));",
    '2 true a',
  ],
  [
    '== calls equals, === compares references',
    "Point a = new Point(1, 2); Point b = new Point(1, 2); System.debug((a == b) + ' ' + (a === b) + ' ' + (a != new Point(2, 2)) + ' ' + new List<Point>{ a }.contains(b));",
    'true false true true',
  ],
]);

// "JSON Class": deserialize into a typed class refuses a value of another type; deserializeStrict
// refuses attributes the type lacks; an sObject's related list deserializes as its child records.
errors('typed JSON', [
  [
    'text that is not a number into a Decimal',
    'JSON.deserialize(\'{"amount": "abc"}\', Payload.class);',
    'System.JSONException',
    /Cannot deserialize instance of Decimal from VALUE_STRING value abc/,
  ],
  [
    'true into a Long',
    'JSON.deserialize(\'{"ts": true}\', Payload.class);',
    'System.JSONException',
    /Cannot deserialize instance of Long from VALUE_TRUE/,
  ],
  [
    'an unknown attribute under deserializeStrict',
    'JSON.deserializeStrict(\'{"identity": "a", "nope": 1}\', Payload.class);',
    'System.JSONException',
    // The wording orgs answer with (the reference names only the exception type).
    'Unknown field: Payload.nope',
  ],
]);

cases('typed JSON that fits', [
  [
    'numeric text and numbers convert; deserialize ignores unknown attributes',
    'Payload p = (Payload) JSON.deserialize(\'{"amount": "12.50", "ts": 7, "nope": 1}\', Payload.class); System.debug(p.amount + \' \' + p.ts);',
    '12.50 7',
  ],
  [
    'a related list',
    'Account a = (Account) JSON.deserialize(\'{"Name": "x", "Contacts": {"totalSize": 1, "done": true, "records": [{"LastName": "y"}]}}\', Account.class); System.debug(a.Contacts.size() + \' \' + a.Contacts[0].LastName);',
    '1 y',
  ],
]);

errors('json errors', [
  ['malformed JSON', "JSON.deserializeUntyped('{oops');", 'System.JSONException', /^Malformed JSON/],
  [
    // JSON Class, deserialize(jsonString, apexType): a value that is not of the target type throws JSONException.
    'a malformed Datetime',
    'JSON.deserialize(\'"not a time"\', Datetime.class);',
    'System.JSONException',
    /not a time/,
  ],
]);

// Apex Reference, "DisplayType Enum" (getType names) and "DescribeFieldResult Class" (isFilterable:
// whether the field can be used in a WHERE clause; compound address fields cannot).
cases('field describes', [
  [
    'getType names an Integer field INTEGER',
    'System.debug(String.valueOf(Account.NumberOfEmployees.getDescribe().getType()));',
    'INTEGER',
  ],
  ['getType of a text field', 'System.debug(String.valueOf(Account.Name.getDescribe().getType()));', 'STRING'],
  ['a text field is filterable', 'System.debug(Account.Name.getDescribe().isFilterable());', 'true'],
  ['an address is not filterable', 'System.debug(Account.BillingAddress.getDescribe().isFilterable());', 'false'],
  // "DescribeFieldResult Class", getInlineHelpText: the field-level help, null when the field has none.
  [
    'getInlineHelpText returns the field help',
    'System.debug(Widget__c.Amount__c.getDescribe().getInlineHelpText());',
    'The widget price in the org currency.',
  ],
  // "DescribeFieldResult Class" getLabel: a project field's label; a standard field's from its name.
  [
    'getLabel of project and standard fields',
    "System.debug(Widget__c.Amount__c.getDescribe().getLabel() + ' | ' + Contact.LastName.getDescribe().getLabel() + ' | ' + Contact.AccountId.getDescribe().getLabel());",
    'Amount | Last Name | Account ID',
  ],
  ['getInlineHelpText without help is null', 'System.debug(Account.Name.getDescribe().getInlineHelpText());', 'null'],
  // "DescribeSObjectResult Class" / "DescribeFieldResult Class" isAccessible; permissions are not
  // modelled, so the running user (as in USER_MODE queries) sees every object and field.
  [
    'isExternalId and isAutoNumber of a standard text field',
    "System.debug(Account.Name.getDescribe().isExternalId() + ' ' + Account.Name.getDescribe().isAutoNumber());",
    'false false',
  ],
  // "DescribeFieldResult Class" isCustom / isCalculated: a custom formula field is calculated.
  [
    'isCustom and isCalculated of custom fields',
    "System.debug(Widget__c.Doubled__c.getDescribe().isCalculated() + ' ' + Widget__c.Amount__c.getDescribe().isCalculated() + ' ' + Widget__c.Amount__c.getDescribe().isCustom() + ' ' + Account.Name.getDescribe().isCustom());",
    'true false true false',
  ],
  // "DescribeFieldResult Class" getLength: characters of a text field (the Object Reference's for
  // standard ones), 18 for an Id, 0 for a number.
  [
    'getLength of text, long text, Id and number fields',
    "System.debug(Lead.Email.getDescribe().getLength() + ' ' + Lead.Description.getDescribe().getLength() + ' ' + Lead.Id.getDescribe().getLength() + ' ' + Widget__c.Amount__c.getDescribe().getLength());",
    '80 32000 18 0',
  ],
  [
    'isAccessible of an object and a field',
    "System.debug(Account.SObjectType.getDescribe().isAccessible() + ' ' + Account.Name.getDescribe().isAccessible());",
    'true true',
  ],
]);

// Apex Developer Guide, "Understanding Apex Describe Information": tokens compare with == to tell
// whether an sObject is, say, an Account; a token from an Id or a record equals the static one.
cases('describe tokens', [
  [
    'a record token equals the static token',
    'System.debug(new Account().getSObjectType() == Account.SObjectType);',
    'true',
  ],
  [
    'tokens of different objects differ',
    'System.debug(new Account().getSObjectType() == Contact.SObjectType);',
    'false',
  ],
  [
    'an Id token equals the static token',
    "Id i = '001000000000001AAA'; System.debug(i.getSObjectType() == Account.SObjectType);",
    'true',
  ],
  [
    'a set holds one token per object',
    'System.debug(new Set<Schema.SObjectType>{ Account.SObjectType, new Account().getSObjectType() }.size());',
    '1',
  ],
  ['field tokens compare by field', 'System.debug(Account.Name == Account.Name);', 'true'],
]);

// Apex Reference, "Id Class" (valueOf) and "Date Class" (valueOf reads yyyy-MM-dd; a time after it is ignored).
cases('valueOf conversions', [
  ['Id.valueOf an 18-character Id', "System.debug(String.valueOf(Id.valueOf('001000000000001AAA')).length());", '18'],
  ['Date.valueOf yyyy-MM-dd', "System.debug(Date.valueOf('2024-01-31') == Date.newInstance(2024, 1, 31));", 'true'],
  ['Date.valueOf ignores a time', "System.debug(Date.valueOf('2024-01-31 10:20:30').day());", '31'],
]);

errors('valueOf errors', [
  ['Id.valueOf of a non-Id', "Id.valueOf('nope');", 'System.StringException', 'Invalid id: nope'],
  ['Date.valueOf of another format', "Date.valueOf('31/01/2024');", 'System.TypeException', /^Invalid date/],
]);

// Apex Developer Guide, "Execution Governors and Limits": at most 1 000 nested method calls; the next
// ends the transaction with System.LimitException (which no catch can stop).
// Apex Developer Guide, "Class Methods" (overloading: same name, different parameters) and
// "Extending a Class" (an override replaces only the method with its own parameter types).
cases('overloads of the same arity', [
  [
    'a static call picks the overload whose parameter types fit the arguments',
    "System.debug(Overloads.pick(1, 'x') + ' ' + Overloads.pick(1, new List<Account>()));",
    'string list',
  ],
  [
    'an override hides only its own signature; the sibling overload is inherited',
    "Overloads o = new Overloads.Child(); System.debug(o.describe(1) + ', ' + o.describe('x'));",
    'child integer, base string',
  ],
  // "Understanding Rules of Conversion": the overload is chosen when the code compiles, by the
  // arguments' declared types — an Integer held in an Object goes to the Object overload — and a
  // number widens to the nearest wider type (Integer → Long → Double → Decimal).
  [
    'the overload is chosen by the declared type, not the value inside',
    "Object o = 5; Integer i = 5; System.debug(Overloads.number(o) + ' ' + Overloads.number(i));",
    'Object Integer',
  ],
  [
    'a Double goes to the nearest wider overload (Decimal), a Long to its own',
    "Double d = 1.5; Long l = 2; System.debug(Overloads.number(d) + ' ' + Overloads.number(l));",
    'Decimal Long',
  ],
  [
    'a null argument goes to the most specific overload',
    "System.debug(Overloads.number(null) + ' ' + Overloads.number((Object) null));",
    'Integer Object',
  ],
  [
    'the statically chosen overload dispatches to its override',
    'Overloads o = new Overloads.Child(); Object n = 1; System.debug(o.describe(1));',
    'child integer',
  ],
]);

// Apex Developer Guide, "Namespace, Class, and Variable Name Precedence": `name1.name2` is first a
// local variable's field, then a class's static variable; a type only where a type is expected.
cases('a static variable and an inner class of one name', [
  [
    'as a value the name is the static variable; in new it is the inner class',
    "System.debug(Shadowing.Label + ', ' + new Shadowing.Label().text());",
    'the static variable, the inner class',
  ],
]);

describe('stack depth', () => {
  it('a call chain 1 000 deep runs', () => {
    assert.deepEqual(run('System.debug(Recursion.down(1000));'), ['1000']);
  });

  it('one deeper is "Maximum stack depth reached: 1001", past any catch', () => {
    const thrown = raised("try { Recursion.down(1200); } catch (Exception e) { System.debug('caught'); }");
    assert.equal(thrown.type, 'System.LimitException');
    assert.equal(thrown.message, 'Maximum stack depth reached: 1001');
  });
});

// Apex Developer Guide, "Execution Governors and Limits": triggers nest at most 16 deep; the DML that
// would fire the 17th level fails, and with it every level above.
describe('trigger depth', () => {
  it('a trigger that inserts its own object without end stops at depth 16', () => {
    const thrown = raised("insert new Contact(LastName = 'again');");
    assert.equal(thrown.type, 'System.DmlException');
    assert.match(
      thrown.message,
      /CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY, ContactTrigger: maximum trigger depth exceeded/,
    );
  });

  it('nothing of the chain is saved', () => {
    assert.deepEqual(
      run(
        "try { insert new Contact(LastName = 'again'); } catch (DmlException e) { } System.debug([SELECT COUNT() FROM Contact]);",
      ),
      ['0'],
    );
  });
});

// Apex Developer Guide, "Triggers and Order of Execution": an exception a trigger does not handle fails
// the DML's records (DmlException for insert, a failed SaveResult for a partial save) and rolls them back.
describe('an exception a trigger leaves unhandled', () => {
  it('fails the insert with a DmlException saying which trigger and what it threw', () => {
    const thrown = raised("insert new Contact(LastName = 'explode');");
    assert.equal(thrown.type, 'System.DmlException');
    assert.match(
      thrown.message,
      /CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY, ContactTrigger: execution of AfterInsert\n\ncaused by: System.NullPointerException/,
    );
  });

  it("fails only the partial save's records and keeps none of them", () => {
    assert.deepEqual(
      run(
        "List<Database.SaveResult> r = Database.insert(new List<Contact>{ new Contact(LastName = 'explode') }, false); System.debug(r[0].isSuccess() + ' ' + r[0].getErrors()[0].getStatusCode() + ' ' + [SELECT COUNT() FROM Contact]);",
      ),
      ['false CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY 0'],
    );
  });
});

describe('unsupported constructs fail loudly', () => {
  it('an unknown platform method is UnsupportedApexFeature, never a silent null', () => {
    assert.throws(() => run("System.debug('x'.reverseWordsInPlace());"), UnsupportedApexFeature);
  });

  it('a typed String.format element is refused, never left in the text', () => {
    assert.throws(
      () => run("System.debug(String.format('{0,number,#}', new List<Object>{ 1 }));"),
      /UnsupportedApexFeature: String.format element \{0,number,#\}/,
    );
  });

  it('isCalculated of a standard field is refused: the schema has no formula flags for them', () => {
    assert.throws(
      () => run('System.debug(Account.Name.getDescribe().isCalculated());'),
      /UnsupportedApexFeature: isCalculated of the standard field Name/,
    );
  });

  it('a date pattern letter outside the supported set is refused, never echoed', () => {
    assert.throws(
      () => run("System.debug(Datetime.now().formatGmt('yyyy Q'));"),
      /UnsupportedApexFeature: Datetime.format pattern letter 'Q'/,
    );
  });

  it('a class with a construct the runtime lacks still loads; only code that reaches it fails', () => {
    assert.deepEqual(run('System.debug(PartlySupported.fine());'), ['1']);
    assert.throws(
      () => run('PartlySupported.merges(null, null);'),
      /UnsupportedApexFeature: statement "mergemasterduplicate;" at src\/classes\/PartlySupported.cls:8/,
    );
  });

  it('the message names the construct and the line', () => {
    assert.throws(
      () => run('Integer i = 1;\nSystem.debug(Crypto.generateAesKey(128));'),
      /UnsupportedApexFeature: .*crypto.generateAesKey.* at anonymous:2/i,
    );
  });
});

// Apex Developer Guide, "Execution Governors and Limits" (heap 6 MB synchronous, CPU 10 000 ms) and
// Apex Reference, "LoggingLevel Enum" and "ParentJobResult Enum". Heap and CPU use are not modelled:
// the getters read 0 (tools/apex-runtime/README.md).
cases('limits and system enums', [
  [
    'heap and CPU limits',
    "System.debug(Limits.getLimitHeapSize() + ' ' + Limits.getLimitCpuTime() + ' ' + Limits.getHeapSize() + ' ' + Limits.getCpuTime());",
    '6000000 10000 0 0',
  ],
  [
    'LoggingLevel values in order',
    "System.debug(LoggingLevel.WARN.name() + ' ' + LoggingLevel.WARN.ordinal() + ' ' + (LoggingLevel.ERROR == LoggingLevel.ERROR));",
    'WARN 2 true',
  ],
  [
    'ParentJobResult values',
    "System.debug(ParentJobResult.SUCCESS.name() + ' ' + ParentJobResult.UNHANDLED_EXCEPTION.name());",
    'SUCCESS UNHANDLED_EXCEPTION',
  ],
]);

// Salesforce Help, "Considerations for Relationships": deleting a master record deletes its detail
// records (and theirs), and undeleting the master restores them. Apex Developer Guide, "Triggers and
// Order of Execution" → "Operations That Don't Invoke Triggers": cascading deletes fire no trigger on
// the records that did not initiate the delete (the fixture's part trigger refuses every direct delete).
describe('master-detail cascade delete', () => {
  const setup = `Widget__c w = new Widget__c(Name = 'w', Code__c = 'c'); insert w;
    List<Widget_Part__c> parts = new List<Widget_Part__c>{ new Widget_Part__c(Name = 'p1', Widget__c = w.Id), new Widget_Part__c(Name = 'p2', Widget__c = w.Id) };
    insert parts;
    insert new Widget_Part_Note__c(Name = 'n', Part__c = parts[0].Id);`;
  const counts = `System.debug([SELECT COUNT() FROM Widget_Part__c] + '/' + [SELECT COUNT() FROM Widget_Part_Note__c] + '/' + [SELECT COUNT() FROM Widget_Part__c WHERE IsDeleted = true ALL ROWS]);`;

  it('deleting the master deletes its details and theirs, without firing their triggers', () => {
    assert.deepEqual(run(`${setup} ${counts} delete w; ${counts}`), ['2/1/0', '0/0/2']);
  });

  it('a detail deleted on its own goes through its triggers', () => {
    assert.match(raised(`${setup} delete parts[0];`).message, /Parts are deleted with their widget only/);
  });

  it('undeleting the master restores the details its delete took', () => {
    assert.deepEqual(run(`${setup} delete w; undelete w; ${counts}`), ['2/1/0']);
  });

  it('a rolled-back delete leaves the details as they were', () => {
    assert.deepEqual(
      run(`${setup} Savepoint sp = Database.setSavepoint(); delete w; Database.rollback(sp); ${counts}`),
      ['2/1/0'],
    );
  });
});
