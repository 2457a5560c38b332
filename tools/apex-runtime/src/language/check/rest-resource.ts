// Compile rules of Apex REST classes, as the Apex Developer Guide states them ("Apex REST
// Annotations"): a @RestResource class is global, and its urlMapping begins with '/' with every '*'
// preceded by '/' and followed by '/' unless it ends the mapping ("RestResource Annotation", URL
// Guidelines); a method annotated @HttpDelete, @HttpGet, @HttpPatch, @HttpPost or @HttpPut is global
// static (each annotation's page); a @RestResource class has at most one method per HTTP method
// ("Apex REST Methods"). A class breaking one would not deploy, so the project does not load.
import type { ClassDecl, MethodDecl } from '../ast.ts';
import type { CompileDiagnostic } from '../errors.ts';

/** Lower-case annotation → the HTTP method it serves, and the annotation as written in the guide. */
export const HTTP_ANNOTATIONS: Readonly<Record<string, { verb: string; written: string }>> = {
  httpdelete: { verb: 'DELETE', written: 'HttpDelete' },
  httpget: { verb: 'GET', written: 'HttpGet' },
  httppatch: { verb: 'PATCH', written: 'HttpPatch' },
  httppost: { verb: 'POST', written: 'HttpPost' },
  httpput: { verb: 'PUT', written: 'HttpPut' },
};

/** The HTTP annotations of a method, in source order. */
export function httpAnnotations(method: MethodDecl): string[] {
  return method.annotations.map((a) => a.name).filter((name) => Object.hasOwn(HTTP_ANNOTATIONS, name));
}

/** Adds to `errors` what the compiler refuses in an Apex REST class (each error once, all reported). */
export function refuseInvalidRestResource(decl: ClassDecl, displayName: string, errors: CompileDiagnostic[]): void {
  if (decl.kind !== 'class') return;
  const fail = (line: number, message: string): void => {
    errors.push({ file: decl.file, line, message });
  };
  const resource = decl.annotations.find((a) => a.name === 'restresource');
  if (resource) {
    if (!decl.modifiers.has('global')) fail(decl.line, `${displayName} has @RestResource and must be global`);
    const mapping = resource.params.urlmapping;
    if (typeof mapping === 'string') {
      if (!mapping.startsWith('/'))
        fail(decl.line, `the urlMapping '${mapping}' of ${displayName} must begin with '/'`);
      for (let at = mapping.indexOf('*'); at >= 0; at = mapping.indexOf('*', at + 1)) {
        const last = at === mapping.length - 1;
        if (mapping[at - 1] !== '/' || (!last && mapping[at + 1] !== '/'))
          fail(
            decl.line,
            `the urlMapping '${mapping}' of ${displayName}: a '*' must be preceded by '/' and followed by '/' unless it is last`,
          );
      }
    }
  }
  const served = new Map<string, string>();
  for (const member of decl.members) {
    if (member.kind !== 'method') continue;
    for (const annotation of httpAnnotations(member)) {
      const { verb, written } = HTTP_ANNOTATIONS[annotation] as { verb: string; written: string };
      if (!member.modifiers.has('global') || !member.modifiers.has('static'))
        fail(member.line, `${displayName}.${member.name} has @${written} and must be global static`);
      const other = served.get(verb);
      if (resource && other)
        fail(
          member.line,
          `${displayName} has two @${written} methods (${other} and ${member.name}): one per HTTP method`,
        );
      served.set(verb, member.name);
    }
  }
}
