// Http callouts: HttpRequest/HttpResponse, Test.setMock with an HttpCalloutMock, the callout
// limit, and the rule that nothing may be pending before a callout (Apex Developer Guide,
// "Callout Limits and Limitations": uncommitted work pending).
import { PlatformError } from '../language/errors.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import type { NativeFn } from '../interpreter/natives.ts';
import type { PlatformContext } from './context.ts';
import { ApexList, ApexObject, NativeObject, type Value } from '../language/values.ts';

export interface HttpMessage {
  method?: string;
  endpoint?: string;
  body: string;
  headers: Map<string, string>;
  statusCode?: number;
  status?: string;
  timeout?: number;
}

/** Answers a callout outside tests (the local org routes regional hosts to its CleverTap emulator). */
export type CalloutRouter = (request: HttpMessage) => HttpMessage;

const message = (v: Value): HttpMessage => (v as NativeObject).state as unknown as HttpMessage;

/** A setter native: applies the argument to the message and returns void (null). */
function set(apply: (m: HttpMessage, v: Value) => unknown): NativeFn {
  return (_i, [v], self) => {
    apply(message(self), v ?? null);
    return null;
  };
}

function newMessage(typeName: string): NativeObject {
  return new NativeObject(typeName, { body: '', headers: new Map<string, string>() });
}

/** Body and header methods HttpRequest and HttpResponse share. */
const BODY_AND_HEADERS: Record<string, NativeFn> = {
  setbody: set((m, v) => (m.body = String(v ?? ''))),
  getbody: (_i, _a, self) => message(self).body,
  setheader: (_i, [k, v], self) => {
    message(self).headers.set(String(k).toLowerCase(), String(v));
    return null;
  },
  getheader: (_i, [k], self) => message(self).headers.get(String(k).toLowerCase()) ?? null,
};

export function registerHttp(rt: PlatformContext): void {
  const natives = rt.natives;
  natives.registerType(
    'HttpRequest',
    {
      setendpoint: set((m, v) => (m.endpoint = String(v))),
      getendpoint: (_i, _a, self) => message(self).endpoint ?? null,
      setmethod: set((m, v) => (m.method = String(v))),
      getmethod: (_i, _a, self) => message(self).method ?? null,
      ...BODY_AND_HEADERS,
      settimeout: set((m, v) => (m.timeout = v as number)),
    },
    () => newMessage('HttpRequest'),
  );
  natives.registerType(
    'HttpResponse',
    {
      setstatuscode: set((m, v) => (m.statusCode = v as number)),
      getstatuscode: (_i, _a, self) => message(self).statusCode ?? null,
      setstatus: set((m, v) => (m.status = String(v))),
      getstatus: (_i, _a, self) => message(self).status ?? null,
      ...BODY_AND_HEADERS,
      getheaderkeys: (_i, _a, self) => new ApexList({ name: 'String', args: [] }, [...message(self).headers.keys()]),
    },
    () => newMessage('HttpResponse'),
  );
  natives.registerType(
    'Http',
    { send: (i, [request]) => send(rt, i, request ?? null) },
    () => new NativeObject('Http', {}),
  );
}

/** A Remote Site Setting allows an endpoint with the same scheme and host (and port). */
function allowedByRemoteSite(rt: PlatformContext, endpoint: string): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  return rt.org.remoteSites.some((site) => site.protocol === url.protocol && site.host === url.host);
}

function send(rt: PlatformContext, interp: Interpreter, request: Value): Value {
  if (!(request instanceof NativeObject)) return interp.raise('System.NullPointerException', 'Argument cannot be null');
  if (rt.pendingWork) {
    return interp.raise(
      'System.CalloutException',
      'You have uncommitted work pending. Please commit or rollback before calling out',
    );
  }
  rt.limits.spend('callouts');
  rt.releaseLocks();
  if (rt.inTest) {
    const mock = rt.calloutMock;
    if (!(mock instanceof ApexObject)) {
      return interp.raise(
        'System.CalloutException',
        'Methods defined as TestMethod do not support Web service callouts',
      );
    }
    const response = interp.invokeMethod(mock.cls, mock, 'respond', [request], 0, true);
    if (response === null) throw new PlatformError('System.CalloutException', 'The mock returned a null response');
    return response;
  }
  if (!rt.calloutRouter) return interp.unsupported('callout outside a test without a callout router');
  const endpoint = message(request).endpoint ?? '';
  if (!allowedByRemoteSite(rt, endpoint)) {
    return interp.raise(
      'System.CalloutException',
      `Unauthorized endpoint, please check Setup->Security->Remote site settings. endpoint = ${endpoint}`,
    );
  }
  const answer = rt.calloutRouter(message(request));
  const response = newMessage('HttpResponse');
  Object.assign(response.state, answer);
  return response;
}
