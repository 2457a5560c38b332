/**
 * The Lightning → Apex bridge of the local org: `POST /api/apex` with
 * `{"classname", "method", "params", "cacheable"}` answers as the platform does for an LWC call:
 * only static @AuraEnabled methods (and, for @wire, only `cacheable=true` ones), the message of an
 * AuraHandledException passed through, any other exception replaced by the generic message, and a
 * 4xx for an unknown class/method or malformed params.
 */
import type { LocalOrg } from '../../apex-runtime/src/org/api.ts';
import type * as A from '../../apex-runtime/src/language/ast.ts';
import type { ApexId } from '../../apex-runtime/src/language/values.ts';

/** What the client receives for an exception other than AuraHandledException. */
export const GENERIC_ERROR = 'An internal server error has occurred.';

export interface BridgeRequest {
  classname?: unknown;
  method?: unknown;
  params?: unknown;
  cacheable?: unknown;
}
export interface BridgeAnswer {
  status: number;
  body: { ok: true; value: unknown } | { ok: false; message: string; type?: string };
}

const refuse = (status: number, message: string): BridgeAnswer => ({ status, body: { ok: false, message } });

export function callApex(org: LocalOrg, request: BridgeRequest, userId?: ApexId): BridgeAnswer {
  const { classname, method, params = {}, cacheable = false } = request;
  if (typeof classname !== 'string' || typeof method !== 'string') {
    return refuse(400, 'classname and method are required strings.');
  }
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    return refuse(400, 'params must be a JSON object of parameter values by name.');
  }
  const decl = auraMethod(org, classname, method);
  if (decl === undefined) return refuse(404, `No @AuraEnabled static method ${classname}.${method}.`);
  // Parameter names must match as declared: the runtime binds them by exact name.
  const known = new Set(decl.params.map((p) => p.name));
  const unknown = Object.keys(params).filter((name) => !known.has(name));
  if (unknown.length > 0) return refuse(400, `Unknown parameter(s) of ${classname}.${method}: ${unknown.join(', ')}.`);
  const annotation = decl.annotations.find((a) => a.name === 'auraenabled');
  if (cacheable === true && annotation?.params.cacheable !== true && annotation?.params.cacheable !== 'true') {
    return refuse(400, `${classname}.${method} is not cacheable=true, so it cannot be wired.`);
  }
  const outcome = org.callAura(classname, method, params as Record<string, unknown>, { userId });
  if (outcome.ok) return { status: 200, body: { ok: true, value: JSON.parse(outcome.json) as unknown } };
  const handled = outcome.type === 'AuraHandledException' || outcome.type === 'System.AuraHandledException';
  return {
    status: 500,
    body: {
      ok: false,
      type: handled ? 'AuraHandledException' : undefined,
      message: handled ? outcome.error : GENERIC_ERROR,
    },
  };
}

function auraMethod(org: LocalOrg, classname: string, method: string): A.MethodDecl | undefined {
  const decl = org.rt.classes.get(classname.toLowerCase())?.decl;
  return decl?.members.find(
    (m): m is A.MethodDecl =>
      m.kind === 'method' &&
      m.name.toLowerCase() === method.toLowerCase() &&
      m.modifiers.has('static') &&
      m.annotations.some((a) => a.name === 'auraenabled'),
  );
}
