/**
 * The subset of the Salesforce REST API the project's scripts use, so jsforce connects to the local
 * org as to a real one: versions, resources, query / queryAll with paging, describeGlobal and
 * describe, sObject rows and collections, Tooling `executeAnonymous`, and the OAuth 2.0
 * username-password flow. Every `/services/data/vNN.N/…` request carries `Authorization: Bearer
 * <token>` and runs as that session's user, and so does Apex REST (`/services/apexrest/…`, the
 * project's @RestResource classes run by the runtime).
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { LocalOrg } from '../../apex-runtime/src/org/api.ts';
import { ApexCompileError, UnsupportedApexFeature } from '../../apex-runtime/src/language/errors.ts';
import { ApexThrow } from '../../apex-runtime/src/interpreter/interpreter.ts';
import { SoqlCompileError } from '../../apex-runtime/src/language/soql/query.ts';
import { ApexId } from '../../apex-runtime/src/language/values.ts';
import { LOCAL_OAUTH_CLIENT, LOCAL_PASSWORD } from '../session.ts';
import { describeBasic, describeGlobal, describeObject, visibleObject } from './rest-describe.ts';
import { json, notFound, RequestError, restError, unsupportedLocally, type RestAnswer } from './rest-json.ts';
import { batchSizeOf, DEFAULT_BATCH, QueryCursors, runApiQuery } from './rest-query.ts';
import {
  createRecord,
  deleteCollection,
  deleteRecord,
  retrieveCollection,
  retrieveRecord,
  saveCollection,
  updateRecord,
  type SessionContext,
} from './rest-sobjects.ts';
import { listUsers } from './users.ts';

export interface RestRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** API versions served: Summer '14 (31.0) to Spring '26 (66.0). */
const OLDEST = 31;
const NEWEST = 66;

export class RestApi {
  private readonly org: LocalOrg;
  private readonly instanceUrl: () => string;
  /** Access token → user Id. Sessions last as long as the server. */
  private readonly sessions = new Map<string, string>();
  private readonly cursors = new QueryCursors();

  constructor(org: LocalOrg, instanceUrl: () => string) {
    this.org = org;
    this.instanceUrl = instanceUrl;
  }

  /** A new session for the user; its token goes in `Authorization: Bearer`. */
  createSession(userId: ApexId): string {
    const token = `${this.org.rt.dml.orgId().value.slice(0, 15)}!${randomBytes(40).toString('base64url')}`;
    this.sessions.set(token, userId.value);
    return token;
  }

  handle(request: RestRequest): RestAnswer {
    try {
      return this.route(request);
    } catch (error) {
      if (error instanceof RequestError) return restError(error.status, error.errorCode, error.message);
      throw error;
    }
  }

  private route(request: RestRequest): RestAnswer {
    const { method, url } = request;
    const path = url.pathname.replace(/\/+$/, '');
    if (path === '/services/oauth2/token')
      return method === 'POST' ? this.token(request) : notAllowed(method, ['POST']);
    if (path === '/services/data') return method === 'GET' ? json(versions()) : notAllowed(method, ['GET']);
    if (path.startsWith('/services/apexrest/')) return this.apexRest(request, path.slice('/services/apexrest'.length));
    const match = /^\/services\/data\/v(\d+\.\d)(?:\/(.*))?$/.exec(path);
    const major = Number(match?.[1]?.split('.')[0]);
    if (!match || !(major >= OLDEST && major <= NEWEST) || !match[1]?.endsWith('.0')) return notFound();
    const userId = this.userOf(request.headers.authorization);
    if (!userId) return restError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    const version = match[1];
    const parts = (match[2] ?? '').split('/').filter(Boolean).map(decodeURIComponent);
    return this.resource({ org: this.org, userId, version }, request, parts);
  }

  private resource(ctx: SessionContext, request: RestRequest, parts: string[]): RestAnswer {
    const { method, url } = request;
    const [first, second, third, fourth] = parts;
    const only = (allowed: string[], answer: () => RestAnswer): RestAnswer =>
      allowed.includes(method) ? answer() : notAllowed(method, allowed);
    if (first === undefined) return only(['GET'], () => json(resources(ctx.version)));
    if ((first === 'query' || first === 'queryAll') && fourth === undefined && third === undefined)
      return only(['GET'], () => this.query(ctx, request, first === 'queryAll', second));
    if (first === 'sobjects' && fourth === undefined) {
      if (second === undefined) return only(['GET'], () => json(describeGlobal(ctx.org, ctx.userId, ctx.version)));
      if (third === undefined)
        return only(['GET', 'POST'], () => {
          if (method === 'POST') return createRecord(ctx, second, jsonBody(request));
          const object = visibleObject(ctx.org, ctx.userId, second);
          return object ? json(describeBasic(ctx.org, ctx.userId, object, ctx.version)) : notFound();
        });
      if (third === 'describe')
        return only(['GET'], () => {
          const object = visibleObject(ctx.org, ctx.userId, second);
          return object ? json(describeObject(ctx.org, ctx.userId, object, ctx.version)) : notFound();
        });
      return only(['GET', 'PATCH', 'DELETE'], () => {
        if (method === 'GET') return retrieveRecord(ctx, second, third, url.searchParams.get('fields'));
        if (method === 'PATCH') return updateRecord(ctx, second, third, jsonBody(request));
        return deleteRecord(ctx, second, third);
      });
    }
    if (first === 'composite' && second === 'sobjects' && fourth === undefined) {
      if (third !== undefined)
        return only(['GET', 'POST'], () => {
          if (method === 'GET')
            return retrieveCollection(ctx, third, listParam(url, 'ids'), url.searchParams.get('fields'));
          const body = jsonBody(request) as { ids?: unknown; fields?: unknown } | null;
          const ids = Array.isArray(body?.ids) ? body.ids.map(String) : [];
          const fields = Array.isArray(body?.fields) ? body.fields.map(String).join(',') : null;
          return retrieveCollection(ctx, third, ids, fields);
        });
      return only(['POST', 'PATCH', 'DELETE'], () => {
        if (method === 'DELETE')
          return deleteCollection(ctx, listParam(url, 'ids'), url.searchParams.get('allOrNone') === 'true');
        return saveCollection(ctx, method === 'POST' ? 'insert' : 'update', jsonBody(request));
      });
    }
    if (first === 'tooling' && second === 'executeAnonymous' && third === undefined)
      return only(['GET'], () => this.executeAnonymous(ctx, url.searchParams.get('anonymousBody')));
    return notFound();
  }

  /** `GET /query?q=` (or queryAll), or `GET /query/<locator>-<offset>` for the next batch. */
  private query(ctx: SessionContext, request: RestRequest, allRows: boolean, locator: string | undefined): RestAnswer {
    const batch = batchSizeOf(request.headers['sforce-query-options']);
    if (locator !== undefined) return this.cursors.next(locator, ctx.userId, ctx.version, batch);
    const soql = request.url.searchParams.get('q');
    if (soql === null || soql.trim() === '')
      return restError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    const outcome = runApiQuery(ctx.org, soql, { userId: ctx.userId, version: ctx.version, allRows });
    if ('error' in outcome) return outcome.error;
    return json(this.cursors.first(outcome, ctx.userId, ctx.version, batch ?? DEFAULT_BATCH));
  }

  /**
   * Tooling `executeAnonymous`, answered as the Tooling API does: a compile problem with its line and
   * column, or an unhandled exception as `Type: message` (its transaction rolled back). Only a user
   * who may author Apex (System Administrator) may run it here.
   */
  private executeAnonymous(ctx: SessionContext, source: string | null): RestAnswer {
    if (!mayAuthorApex(ctx.org, ctx.userId))
      return restError(403, 'INSUFFICIENT_ACCESS', 'Executing anonymous Apex requires the Author Apex permission');
    if (source === null) return restError(400, 'MISSING_ARGUMENT', 'anonymousBody is required');
    const result = {
      line: -1,
      column: -1,
      compiled: true,
      success: true,
      compileProblem: null as string | null,
      exceptionStackTrace: null as string | null,
      exceptionMessage: null as string | null,
    };
    try {
      this.org.runAnonymous(source, { userId: ctx.userId });
    } catch (error) {
      if (error instanceof ApexThrow) {
        const stack = String(error.exception.fields.get('$stack') ?? '');
        result.success = false;
        result.exceptionMessage = `${error.exception.cls.displayName}: ${error.message}`;
        result.exceptionStackTrace = stack.replace(/^anonymous: /gm, 'AnonymousBlock: ') || null;
      } else if (
        error instanceof SyntaxError ||
        error instanceof SoqlCompileError ||
        error instanceof ApexCompileError
      ) {
        Object.assign(result, compileProblem(error), { compiled: false, success: false });
      } else if (error instanceof UnsupportedApexFeature) {
        return { ...unsupportedLocally(error.message), wrote: true };
      } else throw error;
    }
    return { status: 200, body: result, wrote: true };
  }

  /** `/services/apexrest/<urlMapping>`: the matching @RestResource method, one transaction as the session's user. */
  private apexRest(request: RestRequest, path: string): RestAnswer {
    const userId = this.userOf(request.headers.authorization);
    if (!userId) return restError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers[name] = value;
    let answer;
    try {
      answer = this.org.callRest(
        {
          method: request.method,
          path,
          query: Object.fromEntries(request.url.searchParams),
          headers,
          body: request.body.length > 0 ? request.body.toString('utf8') : undefined,
        },
        { userId },
      );
    } catch (error) {
      if (error instanceof UnsupportedApexFeature) return { ...unsupportedLocally(error.message), wrote: true };
      throw error;
    }
    const contentType =
      Object.entries(answer.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? 'application/json';
    return { status: answer.status, raw: { text: answer.body, contentType }, wrote: true };
  }

  /** `POST /services/oauth2/token` with `grant_type=password` (OAuth 2.0 username-password flow). */
  private token(request: RestRequest): RestAnswer {
    const form = new URLSearchParams(request.body.toString('utf8'));
    const refuse = (error: string, description: string): RestAnswer =>
      json({ error, error_description: description }, 400);
    if (form.get('grant_type') !== 'password') return refuse('unsupported_grant_type', 'grant type not supported');
    if (form.get('client_id') !== LOCAL_OAUTH_CLIENT.clientId)
      return refuse('invalid_client_id', 'client identifier invalid');
    if (form.get('client_secret') !== LOCAL_OAUTH_CLIENT.clientSecret)
      return refuse('invalid_client', 'invalid client credentials');
    const username = (form.get('username') ?? '').toLowerCase();
    const user = listUsers(this.org).find((u) => u.username.toLowerCase() === username);
    if (!user || form.get('password') !== LOCAL_PASSWORD) return refuse('invalid_grant', 'authentication failure');
    const id = `${this.instanceUrl()}/id/${this.org.rt.dml.orgId().value}/${user.id}`;
    const issuedAt = String(Date.now());
    return json({
      access_token: this.createSession(new ApexId(user.id)),
      instance_url: this.instanceUrl(),
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
      signature: createHmac('sha256', LOCAL_OAUTH_CLIENT.clientSecret)
        .update(id + issuedAt)
        .digest('base64'),
    });
  }

  /** The session's user, while it stays active. */
  private userOf(authorization: string | undefined): ApexId | undefined {
    const token = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    const userId = token === undefined ? undefined : this.sessions.get(token);
    return userId !== undefined && listUsers(this.org).some((u) => u.id === userId) ? new ApexId(userId) : undefined;
  }
}

function notAllowed(method: string, allowed: string[]): RestAnswer {
  return restError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are ${allowed.join(',')}`);
}

function jsonBody(request: RestRequest): unknown {
  const text = request.body.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new RequestError('JSON_PARSER_ERROR', error instanceof Error ? error.message : 'The body is not JSON');
  }
}

function listParam(url: URL, name: string): string[] {
  return (url.searchParams.get(name) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `GET /services/data`: one entry per version, named after its release (v20.0 was Winter '11, three a year). */
function versions(): unknown[] {
  const seasons = ['Winter', 'Spring', 'Summer'];
  return Array.from({ length: NEWEST - OLDEST + 1 }, (_, i) => {
    const major = OLDEST + i;
    const release = major - 20;
    return {
      label: `${seasons[release % 3] ?? ''} '${11 + Math.floor(release / 3)}`,
      url: `/services/data/v${major}.0`,
      version: `${major}.0`,
    };
  });
}

/** `GET /services/data/vNN.N`: the resources this org serves. */
function resources(version: string): Record<string, string> {
  const base = `/services/data/v${version}`;
  return {
    sobjects: `${base}/sobjects`,
    query: `${base}/query`,
    queryAll: `${base}/queryAll`,
    composite: `${base}/composite`,
    tooling: `${base}/tooling`,
  };
}

/** System Administrator holds Author Apex; the standard profiles the local org seeds do not. */
function mayAuthorApex(org: LocalOrg, userId: ApexId): boolean {
  const store = org.rt.org.store;
  const profileId = store.byId(userId)?.fields.get('profileid');
  const profile = profileId instanceof ApexId ? store.byId(profileId) : undefined;
  return String(profile?.fields.get('name') ?? '') === 'System Administrator';
}

/** Line, column and text of the first compile problem the runtime reports. */
function compileProblem(error: SyntaxError | SoqlCompileError | ApexCompileError): {
  line: number;
  column: number;
  compileProblem: string;
} {
  // The Tooling API answers the first problem; the checker keeps no columns.
  if (error instanceof ApexCompileError) {
    const [first] = error.diagnostics;
    return { line: first?.line ?? -1, column: -1, compileProblem: first?.message ?? error.message };
  }
  if (error instanceof SoqlCompileError) return { line: error.line, column: -1, compileProblem: error.problem };
  const first = /(\d+):(\d+) (.*?)(?:; \d+:\d+ |$)/.exec(error.message);
  return {
    line: Number(first?.[1] ?? -1),
    column: Number(first?.[2] ?? -1),
    compileProblem: first?.[3] ?? error.message,
  };
}
