// The compile phase (src/language/check/): what a deploy refuses is reported at load with its file and line,
// and valid look-alikes load. Each group names the Apex Developer Guide page behind its rule. Every
// case compiles a few classes (and triggers) against the fixture project's schema; the expected list
// is every error, in order, as `file:line: message`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadSchema } from '../../../scripts/lib/schema.ts';
import { loadStandardTypes } from '../../../scripts/lib/standard-types.ts';
import type * as A from '../src/language/ast.ts';
import { checkProject } from '../src/language/check/checker.ts';
import { buildClassRegistry } from '../src/language/classes.ts';
import { ApexCompileError, type CompileDiagnostic } from '../src/language/errors.ts';
import { ApexThrow } from '../src/interpreter/interpreter.ts';
import { ApexConverter } from '../src/language/parse.ts';
import { Runtime } from '../src/org/runtime.ts';
import { inlineSoql } from '../src/platform/soql/bridge.ts';
import { apexHarness } from './harness.ts';

const FIXTURE = path.join(import.meta.dirname, 'fixture');
const schema = loadSchema(FIXTURE);
const standard = loadStandardTypes();

/** Compiles sources (`Name.cls` / `Name.trigger` → text); returns the classes and every error. */
function compileUnits(files: Record<string, string>): { classes: A.ClassDecl[]; errors: string[] } {
  const classes: A.ClassDecl[] = [];
  const triggers: A.TriggerDecl[] = [];
  for (const [file, source] of Object.entries(files)) {
    const converter = new ApexConverter(file, inlineSoql);
    if (file.endsWith('.trigger')) triggers.push(converter.triggerUnit(source));
    else classes.push(converter.classUnit(source));
  }
  const errors: CompileDiagnostic[] = [];
  const registry = buildClassRegistry(classes, errors);
  errors.push(...checkProject({ registry, schema, standard }, triggers));
  return { classes, errors: errors.map((d) => `${d.file}:${d.line}: ${d.message}`) };
}

/** One class `A.cls` or several files; lines are joined with newlines so line numbers are exact. */
type Source = string[] | Record<string, string[]>;
type Case = [name: string, source: Source, errors: string[]];

function files(source: Source): Record<string, string> {
  if (Array.isArray(source)) return { 'A.cls': source.join('\n') };
  return Object.fromEntries(Object.entries(source).map(([file, lines]) => [file, lines.join('\n')]));
}

function cases(group: string, list: Case[]): void {
  describe(group, () => {
    for (const [name, source, errors] of list) {
      it(name, () => assert.deepEqual(compileUnits(files(source)).errors, errors));
    }
  });
}

// Apex Developer Guide, "Variables" (a name must be declared before use) and "Expressions and
// Operators": a name is a local, a field of the class or its ancestors, a type or a namespace.
cases('undefined variables', [
  [
    'a local that was never declared',
    ['public class A {', '  void m() {', '    Integer x = y + 1;', '  }', '}'],
    ['A.cls:3: Variable does not exist: y'],
  ],
  [
    'an undeclared name as the target of a call',
    ['public class A {', '  void m() {', '    helper.run();', '  }', '}'],
    ['A.cls:3: Variable does not exist: helper'],
  ],
  [
    'a field a project class does not have',
    {
      'A.cls': ['public class A {', '  void m(B b) {', '    System.debug(b.missing);', '  }', '}'],
      'B.cls': ['public class B {', '  public Integer present;', '}'],
    },
    ['A.cls:3: Variable does not exist: missing'],
  ],
  [
    'a static a class does not have, and an enum value that does not exist',
    {
      'A.cls': [
        'public class A {',
        '  void m() {',
        '    System.debug(B.NOPE);',
        '    System.debug(Shade.PURPLE);',
        '  }',
        '}',
      ],
      'B.cls': ['public class B {', '  public static Integer YES = 1;', '}'],
      'Shade.cls': ['public enum Shade { LIGHT, DARK }'],
    },
    ['A.cls:3: Variable does not exist: NOPE', 'A.cls:4: Variable does not exist: PURPLE'],
  ],
  [
    'an undeclared bind in inline SOQL',
    [
      'public class A {',
      '  void m() {',
      '    List<Account> rows = [SELECT Id FROM Account WHERE Name = :missing];',
      '  }',
      '}',
    ],
    ['A.cls:3: Variable does not exist: missing'],
  ],
  [
    'an undeclared name in a trigger',
    { 'W.trigger': ['trigger W on Widget__c (before insert) {', '  System.debug(count);', '}'] },
    ['W.trigger:2: Variable does not exist: count'],
  ],
  [
    'valid: fields, inherited fields, an outer static from an inner class, a property in its accessors',
    {
      'A.cls': [
        'public class A extends Base {',
        '  static Integer total = 0;',
        '  Integer own;',
        '  public Integer size { get { return size == null ? 0 : size; } set { size = value; } }',
        '  void m() { own = inherited + total; }',
        '  class Inner { void n() { total++; } }',
        '}',
      ],
      'Base.cls': ['public virtual class Base {', '  protected Integer inherited = 1;', '}'],
    },
    [],
  ],
  [
    'valid: namespaces, standard classes, SObject types and custom labels as targets',
    [
      'public class A {',
      '  void m() {',
      '    System.debug(Schema.SObjectType.Account.fields.Name.getLabel() + UserInfo.getUserId());',
      '    System.debug(Account.SObjectType + String.valueOf(Widget__c.Name) + Label.Greeting);',
      "    List<SObject> rows = Database.query('SELECT Id FROM Account');",
      '    PageReference home = Page.Home;',
      '  }',
      '}',
    ],
    [],
  ],
  [
    'valid: `when` values of an enum switch and field names of an SObject constructor are no variables',
    {
      'A.cls': [
        'public class A {',
        '  void m(Shade s) {',
        '    switch on s { when LIGHT, DARK { System.debug(1); } }',
        "    Account a = new Account(Name = 'x', Industry = 'y');",
        '  }',
        '}',
      ],
      'Shade.cls': ['public enum Shade { LIGHT, DARK }'],
    },
    [],
  ],
  [
    'valid: after a statement the runtime cannot parse, a name it may have declared is not reported',
    [
      'public class A {',
      '  void m() {',
      '    List<Task> t = [SELECT TYPEOF What WHEN Account THEN Name END FROM Task];',
      '    System.debug(t);',
      '  }',
      '}',
    ],
    [],
  ],
  [
    'valid: trigger context variables and locals in a trigger',
    {
      'W.trigger': [
        'trigger W on Widget__c (before insert) {',
        '  List<Widget__c> rows = Trigger.new;',
        '  for (Widget__c w : rows) { System.debug(w.Name); }',
        '}',
      ],
    },
    [],
  ],

  [
    'a local used outside the block that declared it, and a loop variable after its loop',
    [
      'public class A {',
      '  void m(Boolean b) {',
      '    if (b) { Integer scoped = 1; }',
      '    scoped = 2;',
      '    for (Integer k = 0; k < 1; k++) {}',
      '    System.debug(k);',
      '  }',
      '}',
    ],
    ['A.cls:4: Variable does not exist: scoped', 'A.cls:6: Variable does not exist: k'],
  ],
  [
    'a property setter’s value outside the setter',
    ['public class A {', '  Integer size { get; set; }', '  void m() { size = value; }', '}'],
    ['A.cls:3: Variable does not exist: value'],
  ],
  [
    'valid: super.field, a when-type variable, a catch variable',
    {
      'A.cls': [
        'public class A extends Base {',
        '  void m(Object o) {',
        '    Integer i = super.inherited;',
        '    switch on o { when Account acc { System.debug(acc.Name); } when else {} }',
        '    try {} catch (DmlException e) { System.debug(e.getMessage()); }',
        '  }',
        '}',
      ],
      'Base.cls': ['public virtual class Base {', '  protected Integer inherited;', '}'],
    },
    [],
  ],
]);

// Apex Developer Guide, "Data Types" and "Classes, Objects, and Interfaces": every written type must
// exist — a primitive, a collection, an SObject of the org, a class of the project or of the platform.
cases('undefined types', [
  [
    'in declarations, generics, new, casts and instanceof',
    [
      'public class A {',
      '  Missing field;',
      '  void m(Object o) {',
      '    List<Gone> items = new List<Gone>();',
      '    Object made = new Absent();',
      '    Object converted = (Lost) o;',
      '    Boolean b = o instanceof Vanished;',
      '  }',
      '}',
    ],
    [
      'A.cls:2: Invalid type: Missing',
      'A.cls:4: Invalid type: Gone',
      'A.cls:4: Invalid type: Gone',
      'A.cls:5: Invalid type: Absent',
      'A.cls:6: Invalid type: Lost',
      'A.cls:7: Invalid type: Vanished',
    ],
  ],
  [
    'in parameters, return types, catch clauses and extends',
    [
      'public class A extends Nowhere {',
      '  Unknown m(Nothing p) {',
      '    try { return null; } catch (NoSuchException e) { return null; }',
      '  }',
      '}',
    ],
    [
      'A.cls:1: Invalid type: Nowhere',
      'A.cls:2: Invalid type: Unknown',
      'A.cls:2: Invalid type: Nothing',
      'A.cls:3: Invalid type: NoSuchException',
    ],
  ],
  [
    'a misspelled standard type in a namespace',
    ['public class A {', '  void m() {', '    Database.SaveResul r;', '  }', '}'],
    ['A.cls:3: Invalid type: Database.SaveResul'],
  ],
  [
    'valid: standard types with and without their namespace, SObjects, inner classes',
    {
      'A.cls': [
        'public class A extends Base implements Queueable, Database.Batchable<SObject> {',
        '  HttpRequest req; Schema.DescribeFieldResult dfr; DescribeSObjectResult dsr;',
        '  Messaging.SingleEmailMessage mail; QueueableDuplicateSignature.Builder b;',
        '  Account acc; Widget__c w; AccountHistory h; Schema.Account qualified; ns__Other__c foreign;',
        '  Inner i; A.Inner qualifiedInner; Shared s; A.Shared viaSubclass; Map<Id, List<Account>> m;',
        '  class Inner {}',
        '  public void execute(QueueableContext c) {}',
        '  public Database.QueryLocator start(Database.BatchableContext c) { return null; }',
        '  public void execute(Database.BatchableContext c, List<SObject> s) {}',
        '  public void finish(Database.BatchableContext c) {}',
        '}',
      ],
      'Base.cls': ['public virtual class Base {', '  public class Shared {}', '}'],
    },
    [],
  ],

  [
    'an inner class a class does not have',
    {
      'A.cls': ['public class A {', '  void m() { Object o = new B.Missing(); }', '}'],
      'B.cls': ['public class B {', '  public class Present {}', '}'],
    },
    ['A.cls:2: Invalid type: B.Missing'],
  ],
  [
    'valid: class literals, collection casts, when-type clauses, another package’s namespaced object',
    [
      'public class A {',
      '  void m(Object o) {',
      '    Type t = A.class; Type u = Account.class;',
      '    List<Account> rows = (List<Account>) o;',
      '    switch on o { when Widget__c w { } when else { } }',
      '    ns__Thing__c thing;',
      '  }',
      '}',
    ],
    [],
  ],
]);

// Apex Developer Guide, "Class Methods" and "Using Constructors": a call must name a method the
// class (or its ancestors and interfaces) declares, with as many arguments as parameters, each
// argument convertible to its parameter ("Understanding Rules of Conversion").
cases('undefined methods and wrong signatures', [
  [
    'a method a project class does not have',
    {
      'A.cls': ['public class A {', '  void m(B b) {', '    b.missing(1);', '  }', '}'],
      'B.cls': ['public class B {', '  public void present() {}', '}'],
    },
    ['A.cls:3: Method does not exist or incorrect signature: void missing(Integer) from the type B'],
  ],
  [
    'too many and too few arguments',
    ['public class A {', '  void take(Integer a) {}', '  void m() {', '    take(1, 2);', '    take();', '  }', '}'],
    [
      'A.cls:4: Method does not exist or incorrect signature: void take(Integer, Integer) from the type A',
      'A.cls:5: Method does not exist or incorrect signature: void take() from the type A',
    ],
  ],
  [
    'an argument that converts to no overload',
    [
      'public class A {',
      '  void take(Integer a) {}',
      '  void take(Boolean a) {}',
      '  void m() {',
      "    take('text');",
      '  }',
      '}',
    ],
    ['A.cls:5: Method does not exist or incorrect signature: void take(String) from the type A'],
  ],
  [
    'a static method a class does not have, and an enum method',
    {
      'A.cls': ['public class A {', '  void m() {', '    B.nothing();', '    Shade.other();', '  }', '}'],
      'B.cls': ['public class B {}'],
      'Shade.cls': ['public enum Shade { LIGHT }'],
    },
    [
      'A.cls:3: Method does not exist or incorrect signature: void nothing() from the type B',
      'A.cls:4: Method does not exist or incorrect signature: void other() from the type Shade',
    ],
  ],
  [
    'a method an interface does not declare',
    {
      'A.cls': ['public class A {', '  void m(Shape s) {', '    s.perimeter();', '  }', '}'],
      'Shape.cls': ['public interface Shape {', '  Decimal area();', '}'],
    },
    ['A.cls:3: Method does not exist or incorrect signature: void perimeter() from the type Shape'],
  ],
  [
    'a call no overload is more specific for is ambiguous',
    [
      'public class A {',
      '  void pick(Object a, String b) {}',
      '  void pick(String a, Object b) {}',
      "  void m() { pick('x', 'y'); }",
      '}',
    ],
    ['A.cls:4: Ambiguous method signature: void pick(String, String)'],
  ],
  [
    'a null argument: the most specific overload, or ambiguous when none is',
    [
      'public class A {',
      '  void one(Object a) {}',
      '  void one(String a) {}',
      '  void two(String a) {}',
      '  void two(Integer a) {}',
      '  void m() { one(null); two(null); }',
      '}',
    ],
    ['A.cls:6: Ambiguous method signature: void two(null)'],
  ],
  [
    'valid: overloads chosen by static type (exact, widening, subtype, Object)',
    [
      'public class A {',
      '  Integer pick(Integer a) { return 1; }',
      '  String pick(String a) { return null; }',
      '  Decimal wide(Decimal d) { return d; }',
      '  Object any(Object o) { return o; }',
      '  void rows(List<SObject> rows) {}',
      '  void m() {',
      '    Integer i = pick(1);',
      "    String s = pick('x');",
      '    Decimal d = wide(5);',
      '    Object o = any(new Account());',
      '    rows(new List<Account>());',
      '  }',
      '}',
    ],
    [],
  ],
  [
    'valid: a null argument picks the single applicable overload',
    [
      'public class A {',
      '  Integer one(Integer a, Integer b) { return a; }',
      '  String one(String a) { return a; }',
      '  void m() { String s = one(null); }',
      '}',
    ],
    [],
  ],
  [
    'valid: inherited, interface and Object methods, and an exception’s own methods',
    {
      'A.cls': [
        'public class A {',
        '  void m(Sub s, Shape shape, Oops e) {',
        '    s.inheritedCall();',
        '    Decimal a = shape.area();',
        '    String text = s.toString() + s.hashCode() + s.equals(shape) + e.getMessage() + toString() + hashCode();',
        '  }',
        '}',
      ],
      'Base.cls': ['public virtual class Base {', '  public void inheritedCall() {}', '}'],
      'Sub.cls': ['public class Sub extends Base {}'],
      'Shape.cls': ['public interface Shape {', '  Decimal area();', '}'],
      'Oops.cls': ['public class Oops extends Exception {}'],
    },
    [],
  ],

  [
    'a method the superclass does not have, called through super',
    {
      'Base.cls': ['public virtual class Base {', '  public virtual void greet() {}', '}'],
      'Sub.cls': ['public class Sub extends Base {', '  public override void greet() { super.wave(); }', '}'],
    },
    ['Sub.cls:2: Method does not exist or incorrect signature: void wave() from the type Base'],
  ],
  [
    'valid: a class implementing a standard interface, an enum’s values() and valueOf()',
    {
      'A.cls': [
        'public class A implements Queueable {',
        '  public void execute(QueueableContext c) {}',
        '  void m() {',
        '    new A().execute(null);',
        "    List<Shade> all = Shade.values(); Shade one = Shade.valueOf('LIGHT'); String n = one.name();",
        '  }',
        '}',
      ],
      'Shade.cls': ['public enum Shade { LIGHT }'],
    },
    [],
  ],
]);

// Apex Developer Guide, "Using Constructors": a class without constructors has only the implicit
// no-argument one; once constructors are declared, a `new`, `this(…)` or `super(…)` must fit one.
cases('constructors', [
  [
    'arguments to a class with no constructor, and no arguments to one without a no-argument constructor',
    {
      'A.cls': [
        'public class A {',
        '  void m() {',
        '    Object a = new Plain(5);',
        '    Object b = new Named();',
        '  }',
        '}',
      ],
      'Plain.cls': ['public class Plain {}'],
      'Named.cls': ['public class Named {', '  public Named(String name) {}', '}'],
    },
    [
      'A.cls:3: Constructor not defined: [Plain].<Constructor>(Integer)',
      'A.cls:4: Constructor not defined: [Named].<Constructor>()',
    ],
  ],
  [
    'this(…) and super(…) that fit no constructor, and an inner class',
    {
      'A.cls': [
        'public class A extends Base {',
        '  public A() { this(1, 2); }',
        "  public A(String s) { super('x'); }",
        '  class Inner { Inner(Integer i) {} }',
        "  void m() { Object o = new Inner('n'); }",
        '}',
      ],
      'Base.cls': ['public virtual class Base {', '  public Base() {}', '}'],
    },
    [
      'A.cls:2: Constructor not defined: [A].<Constructor>(Integer, Integer)',
      'A.cls:3: Constructor not defined: [Base].<Constructor>(String)',
      'A.cls:5: Constructor not defined: [A.Inner].<Constructor>(String)',
    ],
  ],
  [
    'valid: overloaded constructors, chaining, custom exceptions with the platform’s constructors',
    {
      'A.cls': [
        'public class A extends Base {',
        '  public A() { this(1); }',
        '  public A(Integer i) { super(i, null); }',
        "  void m(Exception cause) { Object o = new A(); Oops e = new Oops('m', cause); Oops f = new Oops(); }",
        '}',
      ],
      'Base.cls': ['public virtual class Base {', '  public Base(Long l, String s) {}', '}'],
      'Oops.cls': ['public class Oops extends Exception {}'],
    },
    [],
  ],
]);

// Apex Developer Guide, "Understanding Rules of Conversion": numbers widen Integer → Long → Double →
// Decimal, Id and String assign both ways; "Classes and Casting": a subclass is its superclass and
// its interfaces, anything is an Object; "Lists": a List of a subtype is a List of its supertype.
cases('illegal assignments', [
  [
    'between primitives that do not convert',
    [
      'public class A {',
      '  void m(Long big, Decimal amount) {',
      "    Integer i = 'text';",
      '    String s = 5;',
      '    Integer narrowed = big;',
      '    Long rounded = amount;',
      '    Boolean flag = 1;',
      '  }',
      '}',
    ],
    [
      'A.cls:3: Illegal assignment from String to Integer',
      'A.cls:4: Illegal assignment from Integer to String',
      'A.cls:5: Illegal assignment from Long to Integer',
      'A.cls:6: Illegal assignment from Decimal to Long',
      'A.cls:7: Illegal assignment from Integer to Boolean',
    ],
  ],
  [
    'from Object without a cast (Map<String, Object>.get, SObject.get)',
    [
      'public class A {',
      '  void m(Map<String, Object> values, Account acc) {',
      "    String s = values.get('k');",
      "    String name = acc.get('Name');",
      '  }',
      '}',
    ],
    ['A.cls:3: Illegal assignment from Object to String', 'A.cls:4: Illegal assignment from Object to String'],
  ],
  [
    'between unrelated classes, SObjects and collections',
    {
      'A.cls': [
        'public class A {',
        '  void m(Account acc, List<String> names) {',
        '    Contact c = acc;',
        '    List<Integer> numbers = names;',
        '    Set<String> unique = names;',
        '    B b = new A();',
        '  }',
        '}',
      ],
      'B.cls': ['public class B {}'],
    },
    [
      'A.cls:3: Illegal assignment from Account to Contact',
      'A.cls:4: Illegal assignment from List<String> to List<Integer>',
      'A.cls:5: Illegal assignment from List<String> to Set<String>',
      'A.cls:6: Illegal assignment from A to B',
    ],
  ],
  [
    'to a field, from a void method, a field initialiser and a return',
    [
      'public class A {',
      "  Integer count = 'none';",
      '  void nothing() {}',
      '  Integer m(Account acc) {',
      "    acc.NumberOfEmployees = 'many';",
      '    Integer n = nothing();',
      "    return 'x';",
      '  }',
      '}',
    ],
    [
      'A.cls:2: Illegal assignment from String to Integer',
      'A.cls:5: Illegal assignment from String to Integer',
      'A.cls:6: Illegal assignment from void to Integer',
      'A.cls:7: Illegal conversion from String to Integer',
    ],
  ],
  [
    'valid: numeric widening, Id and String, Object, null and date arithmetic',
    [
      'public class A {',
      '  Decimal m(Integer i, Id recordId) {',
      '    Long l = i; Double d = l; Decimal dec = d; Decimal fromInt = i * 2;',
      '    String s = recordId; Id back = s; Object o = i; Integer none = null;',
      '    Date tomorrow = Date.today() + 1; String joined = s + i;',
      '    return i;',
      '  }',
      '}',
    ],
    [],
  ],
  [
    'valid: subclass to superclass and interface, SObject to SObject, List covariance',
    {
      'A.cls': [
        'public class A {',
        '  void m(Sub s, Account acc, List<Account> accounts) {',
        '    Base b = s; Shape shape = s; Object o = s;',
        '    SObject record = acc; List<SObject> records = accounts; Iterable<SObject> it = accounts;',
        '    Exception e = new Oops(); Exception dml = new DmlException();',
        '  }',
        '}',
      ],
      'Base.cls': ['public virtual class Base implements Shape {', '  public Decimal area() { return 0; }', '}'],
      'Sub.cls': ['public class Sub extends Base {}'],
      'Shape.cls': ['public interface Shape {', '  Decimal area();', '}'],
      'Oops.cls': ['public class Oops extends Exception {}'],
    },
    [],
  ],
  [
    'valid: where a type is not known nothing is reported (library methods, SOQL, dynamic access)',
    [
      'public class A {',
      '  void m(SObject record) {',
      '    Account single = [SELECT Id FROM Account LIMIT 1];',
      '    Account fromGeneric = (Account) record;',
      '    Integer size = Limits.getQueries(); String anything = JSON.serialize(record);',
      '  }',
      '}',
    ],
    [],
  ],

  [
    'a Decimal literal to an Integer, a Datetime to a Date',
    ['public class A {', '  void m(Datetime stamp) {', '    Integer half = 1.5;', '    Date day = stamp;', '  }', '}'],
    ['A.cls:3: Illegal assignment from Decimal to Integer', 'A.cls:4: Illegal assignment from Datetime to Date'],
  ],
  [
    'a list element, an enum, and a method result of the wrong type',
    {
      'A.cls': [
        'public class A {',
        '  String name() { return null; }',
        '  void m(List<Integer> numbers) {',
        '    String first = numbers[0];',
        '    String shade = Shade.LIGHT;',
        '    Integer n = name();',
        '  }',
        '}',
      ],
      'Shade.cls': ['public enum Shade { LIGHT }'],
    },
    [
      'A.cls:4: Illegal assignment from Integer to String',
      'A.cls:5: Illegal assignment from Shade to String',
      'A.cls:6: Illegal assignment from String to Integer',
    ],
  ],
  [
    'valid: casts from Object, a ternary with null, a Decimal literal to a Double (left undecided)',
    [
      'public class A {',
      '  void m(Object o, Boolean b) {',
      '    Integer i = (Integer) o; String s = (String) o;',
      '    Integer maybe = b ? 1 : null;',
      '    Double d = 1.5;',
      '  }',
      '}',
    ],
    [],
  ],
]);

// Apex Developer Guide, "Reserved Keywords": these words "can only be used as keywords" — a local,
// loop variable, parameter, field or property named `group`, `limit` or `Object` does not compile.
cases('reserved identifiers', [
  [
    'a local, a loop variable, a parameter, a field and a property',
    [
      'public class A {',
      '  Integer limit;',
      '  String Object { get; set; }',
      '  void m(Integer having) {',
      '    List<Integer> group = new List<Integer>();',
      '    for (Integer join : group) {}',
      '  }',
      '}',
    ],
    [
      'A.cls:2: Identifier name is reserved: limit',
      'A.cls:3: Identifier name is reserved: Object',
      'A.cls:4: Identifier name is reserved: having',
      'A.cls:5: Identifier name is reserved: group',
      'A.cls:6: Identifier name is reserved: join',
    ],
  ],
  [
    'valid: words the guide allows as identifiers (after, before, count, first, last, order, sharing, with)',
    [
      'public class A {',
      '  Integer count;',
      '  void m(String order) {',
      '    Integer first = 1; Boolean after = true; String sharing; Object last; Integer with;',
      '  }',
      '}',
    ],
    [],
  ],
]);

// Apex Developer Guide, "Variables": a sub-block cannot redeclare a variable of an enclosing block
// (parameters included); parallel blocks can reuse a name; names are case-insensitive.
cases('duplicate variables', [
  [
    'in the same block, ignoring case',
    ['public class A {', '  void m() {', '    Integer total;', '    String TOTAL;', '  }', '}'],
    ['A.cls:4: Duplicate variable: TOTAL'],
  ],
  [
    'in a nested block, a loop and a catch',
    [
      'public class A {',
      '  void m(Integer p) {',
      '    Integer x = 1;',
      '    if (x > 0) { Integer x = 2; }',
      '    for (Integer i = 0; i < 2; i++) { String i; }',
      '    try { } catch (Exception e) { try { } catch (DmlException e) { } }',
      '    String p;',
      '  }',
      '}',
    ],
    [
      'A.cls:4: Duplicate variable: x',
      'A.cls:5: Duplicate variable: i',
      'A.cls:6: Duplicate variable: e',
      'A.cls:7: Duplicate variable: p',
    ],
  ],
  [
    'valid: parallel blocks and loops reuse a name; a local may shadow a field',
    [
      'public class A {',
      '  Integer shadowed;',
      '  void m() {',
      '    { Integer x = 1; }',
      '    { Integer x = 2; }',
      '    for (Integer j = 0; j < 1; j++) {}',
      '    for (Integer j = 0; j < 1; j++) {}',
      '    for (Account a : new List<Account>()) {}',
      '    for (Account a : new List<Account>()) {}',
      '    Integer shadowed = 3;',
      '  }',
      '}',
    ],
    [],
  ],

  [
    'a for-each variable redeclared in its body, a setter’s value redeclared',
    [
      'public class A {',
      '  Integer size { get; set { Integer value = 1; } }',
      '  void m() {',
      '    for (Account a : new List<Account>()) { Account a; }',
      '  }',
      '}',
    ],
    ['A.cls:2: Duplicate variable: value', 'A.cls:4: Duplicate variable: a'],
  ],
  [
    'valid: sibling catch clauses and when-type branches reuse a name',
    [
      'public class A {',
      '  void m(Object o) {',
      '    try {} catch (DmlException e) {} catch (Exception e) {}',
      '    switch on o { when Account r {} when Contact r {} when else {} }',
      '  }',
      '}',
    ],
    [],
  ],
]);

// Apex Developer Guide, "Class Methods": a method with a return type must return a value on every
// path; a path ends at `return` or `throw`, and a `while (true)` loop without `break` never falls out.
cases('missing return', [
  [
    'an if without else, a loop that breaks, a catch that falls through',
    [
      'public class A {',
      '  Integer one(Boolean b) {',
      '    if (b) return 1;',
      '  }',
      '  Integer two() {',
      '    while (true) { break; }',
      '  }',
      '  String three() {',
      "    try { return 'x'; } catch (Exception e) { System.debug(e); }",
      '  }',
      '}',
    ],
    [
      'A.cls:2: Missing return statement required return type: Integer',
      'A.cls:5: Missing return statement required return type: Integer',
      'A.cls:8: Missing return statement required return type: String',
    ],
  ],
  [
    'an empty body',
    ['public class A {', '  List<String> names() {', '  }', '}'],
    ['A.cls:2: Missing return statement required return type: List<String>'],
  ],
  [
    'valid: every branch returns or throws, endless loops, switch with when else',
    [
      'public class A {',
      '  Integer a(Boolean b) { if (b) { return 1; } else { return 2; } }',
      "  Integer b() { throw new IllegalArgumentException('no'); }",
      '  Integer c() { while (true) { System.debug(1); } }',
      '  Integer d() { for (;;) {} }',
      "  Integer e() { try { return 1; } catch (Exception ex) { throw ex; } finally { System.debug('f'); } }",
      '  Integer f(Integer i) { switch on i { when 1 { return 1; } when else { return 0; } } }',
      '  Integer g() { do { return 1; } while (false); }',
      '  void h() {}',
      '}',
    ],
    [],
  ],

  [
    'a method whose for-each loop may not run',
    [
      'public class A {',
      '  Integer first(List<Integer> items) {',
      '    for (Integer i : items) { return i; }',
      '  }',
      '}',
    ],
    ['A.cls:2: Missing return statement required return type: Integer'],
  ],
  [
    'not decided, so not reported: a switch without when else whose branches all return, a constant if',
    {
      'A.cls': [
        'public class A {',
        '  Integer f(Shade s) { switch on s { when LIGHT { return 1; } when DARK { return 2; } } }',
        '  Integer g() { if (true) { return 1; } }',
        '}',
      ],
      'Shade.cls': ['public enum Shade { LIGHT, DARK }'],
    },
    [],
  ],
]);

// Apex Developer Guide, "Using the final Keyword": a final member variable is assigned where it is
// declared, in an initialization block or in a constructor (a static final one in a static block).
cases('final fields', [
  [
    'assigned in a method, through this, statically and from another class',
    {
      'A.cls': [
        'public class A {',
        '  final Integer limitValue = 1;',
        '  static final String NAME;',
        '  public final Integer shared = 0;',
        "  static { NAME = 'a'; }",
        '  void m() {',
        '    limitValue = 2;',
        '    this.limitValue++;',
        "    NAME = 'b';",
        '  }',
        '}',
      ],
      'B.cls': ['public class B {', '  void m(A a) { a.shared = 5; }', '}'],
    },
    [
      'A.cls:7: Final members can only be assigned in their declaration, init blocks, or constructors: limitValue',
      'A.cls:8: Final members can only be assigned in their declaration, init blocks, or constructors: limitValue',
      'A.cls:9: Final members can only be assigned in their declaration, init blocks, or constructors: NAME',
      'B.cls:2: Final members can only be assigned in their declaration, init blocks, or constructors: shared',
    ],
  ],
  [
    'valid: in the declaration, an initializer block, a constructor, a static block',
    [
      'public class A {',
      '  final Integer a = 1;',
      '  final Integer b;',
      '  final Integer c;',
      '  static final Integer D;',
      '  { b = 2; }',
      '  static { D = 4; }',
      '  public A() { this.c = 3; }',
      '}',
    ],
    [],
  ],

  [
    'a static final incremented in a static method, a final property assigned from outside',
    {
      'A.cls': [
        'public class A {',
        '  static final Integer COUNT = 0;',
        '  public final String label { get; set; }',
        '  static void bump() { COUNT++; }',
        '}',
      ],
      'B.cls': ['public class B {', "  void m(A a) { a.label = 'x'; }", '}'],
    },
    [
      'A.cls:4: Final members can only be assigned in their declaration, init blocks, or constructors: COUNT',
      'B.cls:2: Final members can only be assigned in their declaration, init blocks, or constructors: label',
    ],
  ],
]);

// Apex Developer Guide, "Extending a Class": a subclass overrides a virtual (or abstract) method with
// the `override` keyword; `override` on a method that overrides nothing does not compile.
cases('override', [
  [
    'a virtual and an abstract method redefined without override',
    {
      'Base.cls': [
        'public abstract class Base {',
        '  public virtual void greet() {}',
        '  public abstract Integer size(String s);',
        '}',
      ],
      'Sub.cls': [
        'public class Sub extends Base {',
        '  public void greet() {}',
        '  public Integer size(String s) { return 0; }',
        '}',
      ],
    },
    [
      'Sub.cls:2: Method must use the override keyword: void Sub.greet()',
      'Sub.cls:3: Method must use the override keyword: Integer Sub.size(String)',
    ],
  ],
  [
    'override with no inherited method of that name and arity',
    {
      'Base.cls': ['public virtual class Base {', '  public virtual void greet() {}', '}'],
      'Sub.cls': [
        'public class Sub extends Base {',
        '  public override void greet(String name) {}',
        '  public override void wave() {}',
        '}',
      ],
    },
    [
      'Sub.cls:2: @Override specified for non-overriding method: void Sub.greet(String)',
      'Sub.cls:3: @Override specified for non-overriding method: void Sub.wave()',
    ],
  ],
  [
    'valid: an override chain, overloads beside it, an interface implemented without override',
    {
      'Base.cls': ['public abstract class Base {', '  public abstract void greet();', '}'],
      'Mid.cls': ['public virtual class Mid extends Base {', '  public virtual override void greet() {}', '}'],
      'Leaf.cls': [
        'public class Leaf extends Mid implements Shape {',
        '  public override void greet() {}',
        '  public void greet(String other) {}',
        '  public Decimal area() { return 1; }',
        '}',
      ],
      'Shape.cls': ['public interface Shape {', '  Decimal area();', '}'],
    },
    [],
  ],

  [
    'not reported (left to the platform): toString overridden without a superclass, getMessage of a custom exception',
    {
      'A.cls': ['public class A {', "  public override String toString() { return 'a'; }", '}'],
      'Oops.cls': [
        'public class Oops extends Exception {',
        "  public override String getMessage() { return 'x'; }",
        '}',
      ],
    },
    [],
  ],
]);

// Apex Developer Guide, "Static and Instance Methods, Variables, and Initialization Code": a static
// method has no instance — instance members and `this` are not available there, and an instance
// method is not called through its class.
cases('static context', [
  [
    'an instance method through the class, unqualified from a static method, an instance field, this',
    {
      'A.cls': [
        'public class A {',
        '  Integer count;',
        '  public void inst() {}',
        '  static void s() {',
        '    inst();',
        '    Integer c = count;',
        '    Object self = this;',
        '  }',
        '}',
      ],
      'B.cls': ['public class B {', '  void m() {', '    A.inst();', '  }', '}'],
    },
    [
      'A.cls:5: Non static method cannot be referenced from a static context: void A.inst()',
      'A.cls:6: Non static field cannot be referenced from a static context: count',
      'A.cls:7: This cannot be referenced in a static context',
      'B.cls:3: Non static method cannot be referenced from a static context: void A.inst()',
    ],
  ],
  [
    'an instance field through the class',
    {
      'A.cls': ['public class A {', '  public Integer count;', '}'],
      'B.cls': ['public class B {', '  Integer m() { return A.count; }', '}'],
    },
    ['B.cls:2: Non static field cannot be referenced from a static context: count'],
  ],
  [
    'valid: static members through the class, instance members through an instance, outer statics from an inner class',
    [
      'public class A {',
      '  static Integer total;',
      '  Integer own;',
      '  static Integer twice(Integer i) { return i * 2; }',
      '  void inst() { own = twice(own) + A.total; this.own++; }',
      '  static void s() { A a = new A(); a.inst(); Integer t = A.twice(total) + a.own; }',
      '  class Inner { void n() { Integer t = twice(total); } }',
      '}',
    ],
    [],
  ],

  [
    'this in a static initializer and in a static field initializer',
    ['public class A {', '  static Object first = this;', '  static { Object o = this; }', '}'],
    [
      'A.cls:2: This cannot be referenced in a static context',
      'A.cls:3: This cannot be referenced in a static context',
    ],
  ],
]);

// Apex Developer Guide, "Access Modifiers": private (the default) is the declaring top-level class,
// inner classes included; protected adds subclasses; "TestVisible Annotation" opens a member to tests.
cases('visibility', [
  [
    'a private method, a default-access field and a private static from another class; a trigger',
    {
      'A.cls': [
        'public class A {',
        '  Integer hidden;',
        '  private static Integer count;',
        '  private void secret() {}',
        '  public Integer shown;',
        '}',
      ],
      'B.cls': [
        'public class B {',
        '  void m(A a) {',
        '    a.secret();',
        '    Integer h = a.hidden;',
        '    Integer c = A.count;',
        '    Integer s = a.shown;',
        '  }',
        '}',
      ],
      'T.trigger': ['trigger T on Account (before insert) {', '  new A().secret();', '}'],
    },
    [
      'B.cls:3: Method is not visible: void A.secret()',
      'B.cls:4: Variable is not visible: hidden',
      'B.cls:5: Variable is not visible: count',
      'T.trigger:2: Method is not visible: void A.secret()',
    ],
  ],
  [
    'private members inside one top-level class, inner classes included, are visible',
    [
      'public class A {',
      '  Integer hidden;',
      '  void secret() {}',
      '  class Inner {',
      '    Integer mine;',
      '    void use(A a) { a.secret(); Integer h = a.hidden; }',
      '  }',
      '  void back(Inner i) { Integer m = i.mine; }',
      '}',
    ],
    [],
  ],
  [
    'protected members reach subclasses, inherited fields included, and no one else',
    {
      'Base.cls': ['public virtual class Base {', '  protected Integer level;', '  protected void step() {}', '}'],
      'Sub.cls': ['public class Sub extends Base {', '  void m() { step(); level = 1; }', '}'],
      'Other.cls': ['public class Other {', '  void m(Base b) { b.step(); }', '}'],
    },
    ['Other.cls:2: Method is not visible: void Base.step()'],
  ],
  [
    'a superclass private field from a subclass in another file',
    {
      'Base.cls': ['public virtual class Base {', '  Integer own;', '}'],
      'Sub.cls': ['public class Sub extends Base {', '  void m() { own = 1; }', '}'],
    },
    ['Sub.cls:2: Variable is not visible: own'],
  ],
  [
    '@TestVisible opens a private member to test classes only',
    {
      'A.cls': ['public class A {', '  @TestVisible static Integer seen;', '}'],
      'ATest.cls': ['@IsTest', 'class ATest {', '  static void t() { A.seen = 1; }', '}'],
      'B.cls': ['public class B {', '  void m() { A.seen = 2; }', '}'],
    },
    ['B.cls:2: Variable is not visible: seen'],
  ],
  [
    'an inner class is private unless declared otherwise, in declarations, new and type arguments',
    {
      'Outer.cls': [
        'public class Outer {',
        '  class Hidden {}',
        '  public class Shown {}',
        '  void m() { Hidden h = new Hidden(); }',
        '}',
      ],
      'B.cls': [
        'public class B {',
        '  Outer.Shown ok;',
        '  Outer.Hidden bad;',
        '  List<Outer.Hidden> rows;',
        '  void m() { Object o = new Outer.Hidden(); }',
        '}',
      ],
    },
    [
      'B.cls:3: Type is not visible: Outer.Hidden',
      'B.cls:4: Type is not visible: Outer.Hidden',
      'B.cls:5: Type is not visible: Outer.Hidden',
    ],
  ],
]);

// Apex Developer Guide, "Abstract and Virtual Classes", "Interfaces" and "Extending a Class".
cases('abstract classes, interfaces and extension', [
  [
    'new of an abstract class and of an interface',
    {
      'Shape.cls': ['public abstract class Shape {}'],
      'Named.cls': ['public interface Named {}'],
      'A.cls': [
        'public class A {',
        '  void m() {',
        '    Object s = new Shape();',
        '    Object n = new Named();',
        '  }',
        '}',
      ],
    },
    ['A.cls:3: Abstract classes cannot be constructed: Shape', 'A.cls:4: Type cannot be constructed: Named'],
  ],
  [
    'a concrete class missing an interface method and an inherited abstract method',
    {
      'Named.cls': ['public interface Named {', '  String name();', '  void rename(String n);', '}'],
      'Shape.cls': ['public abstract class Shape {', '  public abstract Decimal area();', '}'],
      'Square.cls': [
        'public class Square extends Shape implements Named {',
        '  public String name() { return null; }',
        '}',
      ],
    },
    [
      'Square.cls:1: Class Square must implement the method: void Named.rename(String)',
      'Square.cls:1: Class Square must implement the abstract method: Decimal Shape.area()',
    ],
  ],
  [
    'methods implemented by a superclass, an abstract class leaving them open, an interface extending another',
    {
      'Base.cls': ['public interface Base {', '  void a();', '}'],
      'Named.cls': ['public interface Named extends Base {', '  void b();', '}'],
      'Partial.cls': ['public abstract class Partial implements Named {', '  public void a() {}', '}'],
      'Full.cls': ['public class Full extends Partial {', '  public void b() {}', '}'],
      'Missing.cls': ['public class Missing extends Partial {}'],
    },
    ['Missing.cls:1: Class Missing must implement the method: void Named.b()'],
  ],
  [
    'extending a class that is neither virtual nor abstract, overriding a non-virtual method',
    {
      'Plain.cls': ['public class Plain {}'],
      'Sub.cls': ['public class Sub extends Plain {}'],
      'Base.cls': ['public virtual class Base {', '  public void fixed() {}', '}'],
      'Child.cls': ['public class Child extends Base {', '  public override void fixed() {}', '}'],
    },
    [
      'Child.cls:2: Non-virtual, non-abstract methods cannot be overridden: void Base.fixed()',
      'Sub.cls:1: Non-virtual and non-abstract type cannot be extended: Plain',
    ],
  ],
]);

// Apex Developer Guide, "Using Constructors": a constructor that does not chain with this(…) or
// super(…) runs the superclass's no-argument constructor, so the superclass must have one.
cases('implicit super()', [
  [
    'a superclass with only a constructor taking arguments',
    {
      'Base.cls': ['public virtual class Base {', '  public Base(Integer x) {}', '}'],
      'NoCtor.cls': ['public class NoCtor extends Base {}'],
      'Implicit.cls': [
        'public class Implicit extends Base {',
        '  public Implicit() {',
        '    Integer y = 1;',
        '  }',
        '}',
      ],
      'Explicit.cls': ['public class Explicit extends Base {', '  public Explicit() {', '    super(1);', '  }', '}'],
      'Chained.cls': [
        'public class Chained extends Base {',
        '  public Chained() { this(2); }',
        '  public Chained(Integer z) { super(z); }',
        '}',
      ],
    },
    [
      'Implicit.cls:2: No default constructor available in super type: Base',
      'NoCtor.cls:1: No default constructor available in super type: Base',
    ],
  ],
]);

// Apex Developer Guide, "Class Methods" (a void method returns no value) and the compiler's messages
// for a return in a constructor or a trigger, and a bare return in a method that returns a type.
cases('return values', [
  [
    'a value returned from a void method, a constructor and a trigger; a bare return in an Integer method',
    {
      'A.cls': [
        'public class A {',
        '  public A() { return 1; }',
        '  void v() { return 2; }',
        '  Integer n() { return; }',
        '  void ok() { return; }',
        '}',
      ],
      'T.trigger': ['trigger T on Account (before insert) {', '  return 3;', '}'],
    },
    [
      'A.cls:2: Constructors must not return a value',
      'A.cls:3: Void method must not return a value',
      'A.cls:4: Missing return statement required return type: Integer',
      'T.trigger:2: Trigger bodies must not return a value',
    ],
  ],
]);

// Apex Developer Guide, "For Loops" (list or set iteration): each element is assigned to the loop variable.
cases('loop variables', [
  [
    'a loop variable the elements do not convert to; wider and generic ones are fine',
    [
      'public class A {',
      '  void m(List<Integer> numbers, Set<Id> ids, List<Account> accounts) {',
      '    for (String s : numbers) {}',
      '    for (Contact c : accounts) {}',
      '    for (Long l : numbers) {}',
      '    for (String s : ids) {}',
      '    for (SObject o : accounts) {}',
      '  }',
      '}',
    ],
    [
      'A.cls:3: Invalid loop variable type expected Integer was String',
      'A.cls:4: Invalid loop variable type expected Account was Contact',
    ],
  ],
]);

describe('errors are collected and stop the load', () => {
  it('every error of every file is listed, sorted by file and line', () => {
    const { errors } = compileUnits({
      'B.cls': 'public class B {\n  void m() { x = 1; }\n}',
      'A.cls': 'public class A {\n  void m() { Integer i = true; }\n  Foo f;\n}',
    });
    assert.deepEqual(errors, [
      'A.cls:2: Illegal assignment from Boolean to Integer',
      'A.cls:3: Invalid type: Foo',
      'B.cls:2: Variable does not exist: x',
    ]);
  });

  // A project with compile errors does not load: nothing runs, as a deploy of it would fail.
  it('a project with compile errors does not load, and test:apex prints them all and exits 1', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'compile-'));
    try {
      cpSync(path.join(import.meta.dirname, 'runner-fixture'), dir, { recursive: true });
      const classes = path.join(dir, 'src', 'classes');
      writeFileSync(
        path.join(classes, 'Broken.cls'),
        'public class Broken {\n  Integer m() {\n    return missing;\n  }\n}\n',
      );
      writeFileSync(path.join(classes, 'Broken.cls-meta.xml'), '<ApexClass/>');
      writeFileSync(path.join(classes, 'Twice.cls'), 'public class Twice {\n  void m() { Integer a; Integer a; }\n}\n');
      assert.throws(
        () => new Runtime(dir),
        (error: unknown) => {
          assert.ok(error instanceof ApexCompileError);
          assert.deepEqual(
            error.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`),
            [
              'src/classes/Broken.cls:3: Variable does not exist: missing',
              'src/classes/Twice.cls:2: Duplicate variable: a',
            ],
          );
          return true;
        },
      );
      const cli = spawnSync(
        process.execPath,
        [
          '--stack-size=3000',
          '--import',
          'tsx',
          path.join(import.meta.dirname, '..', 'src', 'org', 'cli.ts'),
          '--root',
          dir,
        ],
        { encoding: 'utf8' },
      );
      assert.equal(cli.status, 1);
      assert.equal(
        cli.stderr.trim(),
        [
          'Compile error at src/classes/Broken.cls:3: Variable does not exist: missing',
          'Compile error at src/classes/Twice.cls:2: Duplicate variable: a',
        ].join('\n'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// "Understanding Rules of Conversion" / "Classes and Casting": a cast converts between numbers only
// from a number's static type; from an Object reference the runtime type must match. The compile
// phase's static types are what the interpreter's casts see.
describe('cast operands typed by the compile phase', () => {
  const castOperands = (source: Record<string, string[]>): (string | undefined)[] => {
    const { classes } = compileUnits(files(source));
    const found: (string | undefined)[] = [];
    JSON.stringify(classes, (_key, node: unknown) => {
      const cast = node as A.CastExpr | null;
      if (cast && typeof cast === 'object' && cast.kind === 'cast') found.push(cast.operandType?.name);
      return node;
    });
    return found;
  };

  it('numbers, Object returns, inherited fields and map values are typed; library calls are not', () => {
    assert.deepEqual(
      castOperands({
        'A.cls': [
          'public class A extends Base {',
          '  Object raw() { return 5; }',
          '  Integer count() { return 5; }',
          "  void m(Map<String, Object> values) { Decimal a = (Decimal) count(); Decimal b = (Decimal) raw(); Decimal c = (Decimal) held; Decimal d = (Decimal) values.get('k'); Decimal e = (Decimal) Limits.getQueries(); }",
          '}',
        ],
        'Base.cls': ['public virtual class Base {', '  protected Object held;', '}'],
      }),
      ['Integer', 'Object', 'Object', 'Object', undefined],
    );
  });

  it('at run time: (Decimal) of an Integer-typed call converts, of an Object-typed one holding an Integer throws', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'compile-cast-'));
    try {
      cpSync(path.join(import.meta.dirname, 'runner-fixture'), dir, { recursive: true });
      writeFileSync(
        path.join(dir, 'src', 'classes', 'Source.cls'),
        'public class Source {\n  public static Integer count() { return 5; }\n  public static Object raw() { return 5; }\n}\n',
      );
      const rt = new Runtime(dir);
      rt.runAnonymous('Decimal d = (Decimal) Source.count(); System.debug(d);');
      assert.deepEqual(rt.debugLog, ['5']);
      assert.throws(
        () => rt.runAnonymous('Decimal d = (Decimal) Source.raw();'),
        (error: unknown) =>
          error instanceof ApexThrow &&
          error.exception.fields.get('message') === 'Invalid conversion from runtime type Integer to Decimal',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Tooling API, "executeAnonymous()": the block is compiled first; a compile problem is answered
// instead of a run. Anonymous Apex is outside every class, so only public and global members reach it.
describe('anonymous Apex is compiled before it runs', () => {
  it('a block that does not compile runs nothing and lists every error', () => {
    const harness = apexHarness();
    assert.throws(
      () => harness.run("insert new Account(Name = 'Never');\nInteger x = missing;\nString s = 5;"),
      (error: unknown) =>
        error instanceof ApexCompileError &&
        error.diagnostics.map((d) => `${d.line}: ${d.message}`).join('; ') ===
          '2: Variable does not exist: missing; 3: Illegal assignment from Integer to String',
    );
    const accounts = [...harness.rt.org.store.records('Account')];
    assert.equal(accounts.filter((r) => r.fields.get('name') === 'Never').length, 0);
    assert.deepEqual(harness.run('Integer x = 1;\nSystem.debug(x + 1);'), ['2']);
  });
});

// Apex Developer Guide, "SOQL and SOSL Queries": static SOQL is compiled with its class, so an unknown
// field or object fails the load (the deploy), not only the test that runs the query.
describe('static SOQL is checked at load', () => {
  it('a query naming an unknown field or object fails the load with its file and line', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'compile-soql-'));
    try {
      cpSync(path.join(import.meta.dirname, 'runner-fixture'), dir, { recursive: true });
      const classes = path.join(dir, 'src', 'classes');
      writeFileSync(
        path.join(classes, 'Queries.cls'),
        [
          'public class Queries {',
          '  public static void never(Set<Id> ids) {',
          '    List<Account> a = [SELECT Id FROM Account WHERE Nmae = :ids];',
          '    List<SObject> b = [SELECT Id FROM Acount];',
          '    List<Account> fine = [SELECT Id, Name FROM Account WHERE Id IN :ids];',
          '  }',
          '}',
        ].join('\n'),
      );
      writeFileSync(path.join(classes, 'Queries.cls-meta.xml'), '<ApexClass/>');
      assert.throws(
        () => new Runtime(dir),
        (error: unknown) =>
          error instanceof ApexCompileError &&
          error.diagnostics.length === 2 &&
          error.diagnostics.every((d) => d.file.endsWith('Queries.cls')) &&
          error.diagnostics[0]?.line === 3 &&
          /Nmae/.test(error.diagnostics[0].message) &&
          error.diagnostics[1]?.line === 4 &&
          /Acount/.test(error.diagnostics[1].message),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
