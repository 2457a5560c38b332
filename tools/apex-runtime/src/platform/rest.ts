// Apex REST: RestContext, RestRequest and RestResponse, and the platform's side of a request to a
// @RestResource class (LocalOrg.callRest routes it, this module runs it). Apex Developer Guide,
// "Exposing Apex Classes as REST Web Services" ("Introduction to Apex REST", "Apex REST
// Annotations", "Apex REST Methods", "Exposing Data with Apex REST Web Service Methods"); Apex
// Reference, "RestContext Class", "RestRequest Class", "RestResponse Class". What those pages leave
// open (an error's exact answer, a body the parameters cannot take, XML) is refused, never guessed.
import type { MethodDecl } from '../language/ast.ts';
import { HTTP_ANNOTATIONS, httpAnnotations } from '../language/check/rest-resource.ts';
import { emptyClass, type ClassInfo } from '../language/classes.ts';
import { UnsupportedApexFeature } from '../language/errors.ts';
import { ApexThrow, typeLabel, type Interpreter } from '../interpreter/interpreter.ts';
import { bindNamedParameters, serializeRestValue } from './json.ts';
import type { NativeField, NativeFn } from '../interpreter/natives.ts';
import { keyOf } from '../interpreter/operators.ts';
import type { PlatformContext } from './context.ts';
import { ApexBlob, ApexId, ApexMap, NativeObject, type Value } from '../language/values.ts';

/** A request as a client sends it to `/services/apexrest…` (the project has no namespace, so none is in the path). */
export interface RestCall {
  /** GET, HEAD, POST, PUT, PATCH or DELETE. */
  method: string;
  /** The path after `/services/apexrest`, e.g. `/clevertap/v1/passcode`; the query goes in `query`. */
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  /** The client's IP address (RestRequest.remoteAddress); 127.0.0.1 when not given. */
  remoteAddress?: string;
}

export interface RestAnswer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/** Where a request goes: the class and method to run, or the platform's answer without running Apex. */
export type RestRoute = { answer: RestAnswer } | { cls: ClassInfo; mapping: string; method: MethodDecl; verb: string };

/** Where RestContext's two statics live: with the other statics, so each transaction starts with none. */
const REST_CONTEXT = emptyClass('RestContext', 'system.restcontext', 'System.RestContext');

const STRING = { name: 'String', args: [] };
/** "Introduction to Apex REST", Governor Limits: the maximum request or response size is 6 MB (synchronous Apex). */
const MAX_MESSAGE_BYTES = 6_000_000;
/** Apex Reference, "RestResponse Class", Status Codes: the valid response status codes. */
const STATUS_CODES = new Set([
  200, 201, 202, 204, 206, 300, 301, 302, 304, 400, 401, 403, 404, 405, 406, 409, 410, 412, 413, 414, 415, 417, 500,
  503,
]);
/**
 * Apex Reference, "RestRequest Class" / "RestResponse Class", addHeader: these names, and names that
 * are not RFC 7230 tokens, make it throw. Which exception, with which message, is not documented, so
 * the runtime refuses them instead.
 */
const REFUSED_HEADERS = new Set(['cookie', 'set-cookie', 'set-cookie2', 'content-length', 'authorization']);
const RFC7230_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const JSON_HEADERS = { 'Content-Type': 'application/json' };

const fieldsOf = (self: NativeObject): Map<string, Value> => self.state.fields as Map<string, Value>;
const stringMap = (): ApexMap => new ApexMap(STRING, STRING);
const refuse = (construct: string): never => {
  throw new UnsupportedApexFeature(construct, 'Apex REST', 0);
};

export function newRestRequest(): NativeObject {
  const fields = new Map<string, Value>();
  for (const key of ['requestbody', 'requesturi', 'resourcepath', 'httpmethod', 'remoteaddress']) fields.set(key, null);
  fields.set('headers', stringMap());
  fields.set('params', stringMap());
  return new NativeObject('RestRequest', { fields });
}

/** A response: `statusCode` is null in one a test builds, 200 in the one the platform hands a REST method. */
export function newRestResponse(statusCode: number | null): NativeObject {
  const fields = new Map<string, Value>([
    ['responsebody', null],
    ['statuscode', statusCode],
    ['headers', stringMap()],
  ]);
  return new NativeObject('RestResponse', { fields });
}

type Kind = 'String' | 'Blob' | 'Integer';

/** A property `{get; set;}` of the documented type; the Map properties are read-only (no `set`). */
function property(key: string, kind?: Kind): NativeField {
  return {
    get: (i, self) => {
      // The platform's request for a method with parameters (or without a body) is not documented here.
      const withheld = self.state.withheld;
      if (key === 'requestbody' && typeof withheld === 'string') return i.unsupported(withheld);
      return fieldsOf(self).get(key) ?? null;
    },
    set: kind
      ? (i, self, value) => {
          const converted = kind === 'String' && value instanceof ApexId ? value.value : value;
          const fits =
            converted === null ||
            (kind === 'String' && typeof converted === 'string') ||
            (kind === 'Blob' && converted instanceof ApexBlob) ||
            (kind === 'Integer' && typeof converted === 'number');
          if (!fits) i.unsupported(`assigning a ${typeLabel(value)} to ${self.typeName}.${key} (a ${kind})`);
          if (key === 'requestbody') delete self.state.withheld;
          fieldsOf(self).set(key, converted);
        }
      : undefined,
  };
}

/** addHeader / addParameter: a String entry in one of the object's maps. */
function adder(mapKey: 'headers' | 'params'): NativeFn {
  return (i, [rawName, rawValue], self) => {
    const object = self as NativeObject;
    // An Id passes where a String is declared (Apex converts it implicitly).
    const [name, value] = [rawName, rawValue].map((v) => (v instanceof ApexId ? v.value : v));
    if (typeof name !== 'string' || typeof value !== 'string')
      return i.unsupported(`${object.typeName}.${mapKey === 'headers' ? 'addHeader' : 'addParameter'} with a null`);
    if (mapKey === 'headers' && (REFUSED_HEADERS.has(name.toLowerCase()) || !RFC7230_TOKEN.test(name)))
      return i.unsupported(
        `${object.typeName}.addHeader('${name}'), which the platform refuses with an undocumented exception`,
      );
    const map = fieldsOf(object).get(mapKey) as ApexMap;
    map.entries.set(keyOf(name), [name, value]);
    return null;
  };
}

function contextOf(i: Interpreter): Map<string, Value> {
  let state = i.statics.get(REST_CONTEXT);
  if (!state) i.statics.set(REST_CONTEXT, (state = new Map()));
  return state;
}

/** RestContext.request / .response: static, read and write, null until set (each transaction starts with none). */
function contextProperty(key: 'request' | 'response', typeName: string) {
  return {
    get: (i: Interpreter): Value => contextOf(i).get(key) ?? null,
    set: (i: Interpreter, value: Value): void => {
      if (value !== null && !(value instanceof NativeObject && value.typeName === typeName))
        i.unsupported(`assigning a ${typeLabel(value)} to RestContext.${key}`);
      contextOf(i).set(key, value);
    },
  };
}

export function registerRest(rt: PlatformContext): void {
  const natives = rt.natives;
  const request = contextProperty('request', 'RestRequest');
  const response = contextProperty('response', 'RestResponse');
  natives.registerProperties('RestContext', { request: request.get, response: response.get });
  natives.registerStaticSetters('RestContext', { request: request.set, response: response.set });
  const requestMethods = { addheader: adder('headers'), addparameter: adder('params') };
  const responseMethods = { addheader: adder('headers') };
  for (const name of ['RestRequest', 'System.RestRequest'])
    natives.registerType(name, requestMethods, () => newRestRequest());
  for (const name of ['RestResponse', 'System.RestResponse'])
    natives.registerType(name, responseMethods, () => newRestResponse(null));
  natives.registerFields('RestRequest', {
    headers: property('headers'),
    httpmethod: property('httpmethod', 'String'),
    params: property('params'),
    remoteaddress: property('remoteaddress', 'String'),
    requestbody: property('requestbody', 'Blob'),
    requesturi: property('requesturi', 'String'),
    resourcepath: property('resourcepath', 'String'),
  });
  natives.registerFields('RestResponse', {
    headers: property('headers'),
    responsebody: property('responsebody', 'Blob'),
    statuscode: property('statuscode', 'Integer'),
  });
}

// ---- dispatch ----

const errorAnswer = (status: number, errorCode: string, message: string): RestAnswer => ({
  status,
  body: JSON.stringify([{ errorCode, message }]),
  headers: { ...JSON_HEADERS },
});

/**
 * The class and method a request reaches ("RestResource Annotation"): the mapping is relative to
 * /services/apexrest and case-sensitive; an exact match wins, else the longest (by length) matching
 * mapping with a wildcard; none is 404. A '*' matches any run of characters, '/' included (the
 * guide's `/Account/*` serves `/Account/<id>`; how far a '*' reaches is not spelled out further).
 * HEAD runs the @HttpGet method ("HttpGet Annotation"); a class without a method for the request's
 * HTTP method answers 405 in the words orgs use for it (not documented: the allowed methods are
 * listed in alphabetical order, HEAD with GET).
 */
export function routeRest(rt: PlatformContext, call: RestCall): RestRoute {
  const verb = call.method.toUpperCase();
  const annotation =
    verb === 'HEAD' ? 'httpget' : Object.keys(HTTP_ANNOTATIONS).find((a) => HTTP_ANNOTATIONS[a]?.verb === verb);
  if (!annotation) return refuse(`Apex REST with the HTTP method ${call.method}`);
  if (!call.path.startsWith('/') || call.path.includes('?'))
    throw new Error(`callRest: path must start with '/' and carry no query (use \`query\`): ${call.path}`);
  const resources: { cls: ClassInfo; mapping: string }[] = [];
  for (const cls of new Set(rt.classes.values())) {
    const resource = cls.decl?.annotations.find((a) => a.name === 'restresource');
    if (!resource) continue;
    const mapping = resource.params.urlmapping;
    if (typeof mapping !== 'string') return refuse(`@RestResource without a urlMapping on ${cls.displayName}`);
    resources.push({ cls, mapping });
  }
  const exact = resources.filter((r) => !r.mapping.includes('*') && r.mapping === call.path);
  const wild = resources
    .filter((r) => r.mapping.includes('*') && wildcard(r.mapping).test(call.path))
    .sort((a, b) => b.mapping.length - a.mapping.length);
  const candidates = exact.length > 0 ? exact : wild;
  const chosen = candidates[0];
  if (!chosen) return { answer: errorAnswer(404, 'NOT_FOUND', 'Could not find a match for URL') };
  const rival = candidates[1];
  if (rival && rival.mapping.length === chosen.mapping.length)
    return refuse(
      `two @RestResource classes (${chosen.cls.displayName}, ${rival.cls.displayName}) equally matching ${call.path}`,
    );
  const methods = (chosen.cls.decl?.members ?? []).filter((m): m is MethodDecl => m.kind === 'method');
  const method = methods.find((m) => httpAnnotations(m).includes(annotation));
  if (!method) {
    const allowed = new Set(methods.flatMap((m) => httpAnnotations(m).map((a) => HTTP_ANNOTATIONS[a]?.verb ?? '')));
    if (allowed.has('GET')) allowed.add('HEAD');
    return {
      answer: errorAnswer(
        405,
        'METHOD_NOT_ALLOWED',
        `HTTP Method '${verb}' not allowed. Allowed are ${[...allowed].sort().join(',')}`,
      ),
    };
  }
  return { cls: chosen.cls, mapping: chosen.mapping, method, verb };
}

function wildcard(mapping: string): RegExp {
  return new RegExp(
    `^${mapping
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  return Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];
}

/**
 * Runs the routed method inside the caller's transaction ("Apex REST Methods"): RestContext holds
 * the request and a response with status 200; a method without parameters finds the body in
 * requestBody, one with parameters gets the JSON body's members by name instead; a void method's
 * answer is the response's responseBody, any other's its return value serialised as JSON without
 * null fields ("RestResponse Class"). Status code and headers are the response's.
 */
export function runRestMethod(
  rt: PlatformContext,
  call: RestCall,
  route: Extract<RestRoute, { cls: ClassInfo }>,
): RestAnswer {
  const i = rt.interp;
  const contentType = `${header(call.headers, 'content-type') ?? ''} ${header(call.headers, 'accept') ?? ''}`;
  if (/xml|multipart\/form-data/i.test(contentType))
    return refuse(`an Apex REST request in ${contentType.trim()} (only JSON is modelled)`);
  if (Buffer.byteLength(call.body ?? '', 'utf8') > MAX_MESSAGE_BYTES)
    return refuse('an Apex REST request over 6 MB (the platform refuses it with an undocumented answer)');
  const request = newRestRequest();
  const fields = fieldsOf(request);
  fields.set('httpmethod', route.verb);
  fields.set('requesturi', call.path);
  fields.set('resourcepath', `/services/apexrest${route.mapping}`);
  fields.set('remoteaddress', call.remoteAddress ?? '127.0.0.1');
  const headers = fields.get('headers') as ApexMap;
  for (const [k, v] of Object.entries(call.headers ?? {})) headers.entries.set(keyOf(k), [k, v]);
  const params = fields.get('params') as ApexMap;
  for (const [k, v] of Object.entries(call.query ?? {})) params.entries.set(keyOf(k), [k, v]);
  const response = newRestResponse(200);
  const context = contextOf(i);
  context.set('request', request);
  context.set('response', response);

  const { method } = route;
  let args: Value[] = [];
  if (method.params.length > 0) {
    // "Methods annotated with @HttpGet or @HttpDelete should have no parameters": what the platform
    // binds to them is not documented.
    if (route.verb === 'GET' || route.verb === 'HEAD' || route.verb === 'DELETE')
      return refuse(`parameters on the ${route.verb} method ${route.cls.displayName}.${method.name}`);
    if (call.body === undefined || call.body.trim() === '')
      return refuse(`a ${route.verb} without a body to ${route.cls.displayName}.${method.name}, which has parameters`);
    request.state.withheld =
      'RestRequest.requestBody in a method with parameters (the body went to the parameters; what requestBody holds is not documented)';
    try {
      args = bindNamedParameters(i, call.body, method.params);
    } catch (error) {
      if (!(error instanceof ApexThrow)) throw error;
      return refuse(
        `a request body the parameters of ${route.cls.displayName}.${method.name} cannot take (${String(error.exception.fields.get('message'))}): the platform's 400 answer is not modelled`,
      );
    }
  } else if (call.body === undefined) {
    request.state.withheld = 'RestRequest.requestBody of a request without a body (not documented)';
  } else {
    fields.set('requestbody', new ApexBlob(Buffer.from(call.body, 'utf8')));
  }

  const result = i.invokeMethod(route.cls, undefined, method.name, args, method.line, false);

  if (context.get('response') !== response)
    return refuse(`a REST method that replaced RestContext.response (${route.cls.displayName}.${method.name})`);
  const out = fieldsOf(response);
  const status = out.get('statuscode');
  if (typeof status !== 'number' || !STATUS_CODES.has(status))
    return refuse(`the response status ${String(status)}, not one the RestResponse Class lists`);
  const answerHeaders: Record<string, string> = {};
  for (const [name, value] of (out.get('headers') as ApexMap).entries.values()) {
    if (typeof value !== 'string') return refuse(`a ${typeLabel(value)} value of the response header ${String(name)}`);
    answerHeaders[String(name)] = value;
  }
  let body: string;
  if (method.returnType === 'void') {
    const blob = out.get('responsebody');
    body = blob instanceof ApexBlob ? blob.bytes.toString('utf8') : '';
  } else {
    if (result === null) return refuse(`a REST method returning null (${route.cls.displayName}.${method.name})`);
    body = serializeRestValue(i, result);
    if (header(answerHeaders, 'content-type') === undefined) Object.assign(answerHeaders, JSON_HEADERS);
  }
  if (Buffer.byteLength(body, 'utf8') > MAX_MESSAGE_BYTES)
    return refuse('an Apex REST response over 6 MB (the platform refuses it with an undocumented answer)');
  // RFC 9110 §9.3.2: a response to HEAD has no content.
  return { status, body: route.verb === 'HEAD' ? '' : body, headers: answerHeaders };
}

/**
 * An uncaught exception: 500 with APEX_ERROR, `Type: message`, a blank line and where it was thrown
 * (the runtime keeps no columns, so each frame says column 1).
 */
export function apexErrorAnswer(rt: PlatformContext, error: ApexThrow): RestAnswer {
  const ex = error.exception;
  const message = ex.fields.get('message');
  if (typeof message !== 'string') return refuse(`the APEX_ERROR text of a ${ex.cls.displayName} without a message`);
  return errorAnswer(500, 'APEX_ERROR', `${ex.cls.displayName}: ${message}\n\n${rt.interp.apexTrace(ex)}`);
}
