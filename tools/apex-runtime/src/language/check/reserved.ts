// Apex Developer Guide, "Reserved Keywords": these words "can only be used as keywords", so a
// variable, parameter, field or property named after one does not compile
// ("Identifier name is reserved: group"). The list is the guide's (and apex-ls's) table.
const RESERVED = new Set(
  (
    'abstract activate and any array as asc autonomous begin bigdecimal blob boolean break bulk by byte ' +
    'case cast catch char class collect commit const continue currency date datetime decimal default ' +
    'delete desc do double else end enum exception exit export extends false final finally float for ' +
    'from global goto group having hint if implements import in inner insert instanceof int integer ' +
    'interface into join like limit list long loop map merge new not null nulls number object of on or ' +
    'outer override package parallel pragma private protected public retrieve return rollback select ' +
    'set short sobject sort static string super switch synchronized system testmethod then this throw ' +
    'time transaction trigger true try undelete update upsert using virtual void webservice when where while'
  ).split(' '),
);

/** The compile error for a variable, parameter, field or property so named, or undefined. */
export function reservedNameProblem(name: string): string | undefined {
  return RESERVED.has(name.toLowerCase()) ? `Identifier name is reserved: ${name}` : undefined;
}
