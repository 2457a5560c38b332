// Apex REST (src/platform/rest.ts, src/language/check/rest-resource.ts, LocalOrg.callRest), as the Apex Developer
// Guide's "Exposing Apex Classes as REST Web Services" pages ("Introduction to Apex REST", "Apex REST
// Annotations" with "RestResource Annotation" and "HttpGet Annotation", "Apex REST Methods",
// "Exposing Data with Apex REST Web Service Methods") and the Apex Reference's "RestContext Class",
// "RestRequest Class" and "RestResponse Class" document it. The fixture (rest-fixture/) has a
// resource shaped like the package's passcode resource, and its @IsTest class.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, it } from 'node:test';
import { LocalOrg } from '../src/org/api.ts';
import { ApexThrow } from '../src/interpreter/interpreter.ts';
import { runTests } from '../src/org/runner.ts';
import { Runtime } from '../src/org/runtime.ts';
import { ApexId } from '../src/language/values.ts';

const ROOT = path.join(import.meta.dirname, 'rest-fixture');
const org = new LocalOrg(ROOT);
const base = org.rt.org.store.snapshot();

beforeEach(() => {
  org.rt.org.store.restore(base);
  org.rt.isolate();
});

function accountNames(): string[] {
  return [...org.rt.org.store.records('Account')]
    .filter((r) => !r.deleted)
    .map((r) => String(r.fields.get('name')))
    .sort();
}

function queuedJobs(): string[] {
  return org.rt.async.queue.map((job) => job.target?.cls.displayName ?? '');
}

function debug(apex: string): string[] {
  return org.runAnonymous(apex);
}

function apexError(apex: string): string {
  try {
    debug(apex);
  } catch (error) {
    if (error instanceof ApexThrow)
      return `${error.exception.cls.displayName}: ${String(error.exception.fields.get('message'))}`;
    if (error instanceof Error) return error.message;
  }
  throw new Error('expected the snippet to fail');
}

const errors = (body: string): unknown => JSON.parse(body);

describe('RestContext, RestRequest and RestResponse in Apex', () => {
  it("the package's way of testing: RestContext set by hand, the method called directly, all PASS (RestContext / RestRequest / RestResponse Class)", () => {
    const run = runTests(ROOT, { classFilter: (name) => name === 'PasscodeResourceTest' });
    assert.deepEqual(
      run.results.map((r) => `${r.method}: ${r.outcome}${r.message ? ` ${r.message}` : ''}`),
      [
        'contextIsNullUntilSet: PASS',
        'aShortPasscodeIsRefused: PASS',
        'aGoodPasscodeIsSaved: PASS',
        'aTestBuiltRequestAndResponseStartEmpty: PASS',
        'headersAndParametersAreAddedAndTheMapsStayWritable: PASS',
        'theGetEchoesTheRequest: PASS',
      ],
    );
  });

  it('RestContext.request and .response are statics: read and write, none in the next transaction (RestContext Class)', () => {
    assert.deepEqual(
      debug(
        "System.debug(RestContext.request == null); RestContext.request = new RestRequest(); RestContext.request.requestURI = '/x'; RestContext.response = new System.RestResponse(); RestContext.response.statusCode = 201; System.debug(RestContext.request.requestURI + ' ' + RestContext.response.statusCode);",
      ),
      ['true', '/x 201'],
    );
    assert.deepEqual(debug('System.debug(RestContext.request); System.debug(RestContext.response);'), ['null', 'null']);
  });

  it('a RestRequest is an instance of RestRequest and System.RestRequest, and casts from Object (RestRequest Class)', () => {
    assert.deepEqual(
      debug(
        'Object o = new RestRequest(); System.debug(o instanceof RestRequest); System.debug(o instanceof System.RestRequest); System.debug(o instanceof RestResponse); RestRequest r = (RestRequest) o; System.debug(r.params.size());',
      ),
      ['true', 'true', 'false', '0'],
    );
  });

  it('only the documented members exist: any other is refused (RestRequest / RestResponse Class)', () => {
    assert.match(
      apexError('RestRequest r = new RestRequest(); Blob b = r.body;'),
      /UnsupportedApexFeature: property body of RestRequest/,
    );
    assert.match(
      apexError('RestRequest r = new RestRequest(); r.getBody();'),
      /UnsupportedApexFeature: RestRequest\.getBody\(\)/,
    );
    assert.match(
      apexError('RestResponse r = new RestResponse(); r.status = 200;'),
      /UnsupportedApexFeature: assignment to RestResponse\.status/,
    );
    assert.match(
      apexError('RestResponse r = new RestResponse(); r.setStatusCode(200);'),
      /UnsupportedApexFeature: RestResponse\.setStatusCode\(\)/,
    );
    assert.match(
      apexError('RestRequest r = new RestRequest(); r.addParameter(null, null);'),
      /UnsupportedApexFeature: RestRequest\.addParameter with a null/,
    );
  });

  // Apex Developer Guide, "Understanding Rules of Conversion": an Id is assignable where a String is declared.
  it('addParameter takes an Id value as its String (the implicit Id → String conversion)', () => {
    assert.deepEqual(
      debug(
        "Account a = new Account(Name = 'p'); insert a; RestRequest r = new RestRequest(); r.addParameter('id', a.Id); System.debug(r.params.get('id') == String.valueOf(a.Id));",
      ),
      ['true'],
    );
  });

  // "Although the RestRequest Map properties are read-only, their contents are read-write."
  it('the Map properties are read-only: assigning one is refused, their contents change (RestRequest / RestResponse Class)', () => {
    assert.match(
      apexError('RestRequest r = new RestRequest(); r.headers = new Map<String, String>();'),
      /UnsupportedApexFeature: assignment to the read-only RestRequest\.headers/,
    );
    assert.match(
      apexError('RestRequest r = new RestRequest(); r.params = new Map<String, String>();'),
      /read-only RestRequest\.params/,
    );
    assert.match(
      apexError('RestResponse r = new RestResponse(); r.headers = new Map<String, String>();'),
      /read-only RestResponse\.headers/,
    );
    assert.deepEqual(
      debug(
        "RestResponse r = new RestResponse(); r.headers.put('X-A', '1'); r.addHeader('X-B', '2'); System.debug(r.headers);",
      ),
      ['{X-A=1, X-B=2}'],
    );
  });

  it('a property takes only its documented type (a compile error in Apex, refused here)', () => {
    assert.match(
      apexError("RestRequest r = new RestRequest(); r.requestBody = 'text';"),
      /UnsupportedApexFeature: assigning a String to RestRequest\.requestbody \(a Blob\)/,
    );
    assert.match(
      apexError("RestResponse r = new RestResponse(); r.statusCode = '200';"),
      /UnsupportedApexFeature: assigning a String to RestResponse\.statuscode \(a Integer\)/,
    );
    assert.match(
      apexError('RestContext.request = new RestResponse();'),
      /assigning a RestResponse to RestContext\.request/,
    );
  });

  // addHeader: cookie, set-cookie, set-cookie2, content-length, authorization and names that are not
  // RFC 7230 tokens throw; the exception is not named, so the runtime refuses them.
  it('addHeader refuses the header names the reference lists and names that are not RFC 7230 tokens (RestResponse Class)', () => {
    for (const name of [
      'Cookie',
      'set-cookie',
      'Set-Cookie2',
      'Content-Length',
      'Authorization',
      'X/Slash',
      'Two Words',
    ])
      for (const type of ['RestRequest', 'RestResponse'])
        assert.match(
          apexError(`${type} r = new ${type}(); r.addHeader('${name}', 'v');`),
          new RegExp(`UnsupportedApexFeature: ${type}\\.addHeader\\('${name}'\\)`),
        );
  });

  it('a request kept in RestContext counts towards the heap (Limits.getHeapSize)', () => {
    const [heap] = debug(
      "RestContext.request = new RestRequest(); RestContext.request.requestBody = Blob.valueOf('x'.repeat(500000)); System.debug(Limits.getHeapSize());",
    );
    assert.ok(Number(heap) >= 500_000, `heap ${heap}`);
  });
});

describe('Apex REST compile rules: the project does not load (Apex REST Annotations, Apex REST Methods)', () => {
  function loadError(source: string): string | undefined {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'apexrest-'));
    try {
      mkdirSync(path.join(dir, 'src', 'classes'), { recursive: true });
      writeFileSync(
        path.join(dir, 'sfdx-project.json'),
        '{ "packageDirectories": [{ "path": "src", "default": true }], "sourceApiVersion": "65.0" }',
      );
      writeFileSync(path.join(dir, 'src', 'classes', 'Res.cls'), source);
      new Runtime(dir);
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const resource = (mapping: string, members = '', modifiers = 'global'): string =>
    `@RestResource(urlMapping='${mapping}')\n${modifiers} class Res {\n${members}\n}\n`;

  it('a @RestResource class must be global (RestResource Annotation)', () => {
    assert.match(
      loadError(resource('/a', '', 'public')) ?? '',
      /Compile error at src\/classes\/Res\.cls:2: Res has @RestResource and must be global/,
    );
  });

  it("the urlMapping begins with '/'; a '*' is preceded by '/' and followed by '/' unless last (RestResource Annotation, URL Guidelines)", () => {
    assert.match(loadError(resource('a/b')) ?? '', /urlMapping 'a\/b' of Res must begin with '\/'/);
    assert.match(
      loadError(resource('/a*')) ?? '',
      /a '\*' must be preceded by '\/' and followed by '\/' unless it is last/,
    );
    assert.match(loadError(resource('/a/*b')) ?? '', /a '\*' must be preceded/);
    assert.equal(loadError(resource('/a/*')), undefined);
    assert.equal(loadError(resource('/a/*/b')), undefined);
  });

  it('an @Http… method must be global static (HttpGet, HttpPost, HttpPut, HttpPatch, HttpDelete Annotation)', () => {
    assert.match(
      loadError(resource('/a', '@HttpGet\npublic static String get() { return null; }')) ?? '',
      /Res\.cls:4: Res\.get has @HttpGet and must be global static/,
    );
    assert.match(
      loadError(resource('/a', '@HttpPut\nglobal void put() { }')) ?? '',
      /Res\.put has @HttpPut and must be global static/,
    );
  });

  it('one method per HTTP method in a class (Apex REST Methods)', () => {
    assert.match(
      loadError(resource('/a', '@HttpPost\nglobal static void one() { }\n@HttpPost\nglobal static void two() { }')) ??
        '',
      /Res\.cls:6: Res has two @HttpPost methods \(one and two\): one per HTTP method/,
    );
    assert.equal(
      loadError(
        resource(
          '/a',
          '@HttpGet\nglobal static void g() { }\n@HttpPost\nglobal static void p() { }\n@HttpPut\nglobal static void u() { }\n@HttpPatch\nglobal static void a() { }\n@HttpDelete\nglobal static void d() { }',
        ),
      ),
      undefined,
    );
  });
});

describe('LocalOrg.callRest', () => {
  it('runs the method for the HTTP method with RestContext set, and answers with the status, headers and body it set (Apex REST Methods)', () => {
    assert.deepEqual(org.callRest({ method: 'PUT', path: '/clevertap/v1/passcode', body: '{"passcode":"12"}' }), {
      status: 400,
      body: '{"error":"passcode too short"}',
      headers: { 'Content-Type': 'application/json' },
    });
    assert.deepEqual(org.callRest({ method: 'PUT', path: '/clevertap/v1/passcode', body: '{"passcode":"123456"}' }), {
      status: 204,
      body: '',
      headers: { 'Content-Type': 'application/json' },
    });
    assert.deepEqual(accountNames(), ['passcode 123456']);
  });

  // RestRequest Class: requestURI is the part after /services/apexrest (/Account/ for
  // .../services/apexrest/Account/); resourcePath is /services/apexrest plus the urlMapping.
  it('the request carries the method, URI, resource path, parameters, headers and address; the response starts at 200 (RestRequest Class)', () => {
    const answer = org.callRest({
      method: 'get',
      path: '/clevertap/v1/passcode',
      query: { region: 'eu1', page: '2' },
      headers: { 'X-Trace': 'abc' },
      remoteAddress: '10.0.0.7',
    });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.headers, { 'X-Seen': 'yes' });
    assert.deepEqual(JSON.parse(answer.body), {
      httpMethod: 'GET',
      requestURI: '/clevertap/v1/passcode',
      resourcePath: '/services/apexrest/clevertap/v1/passcode',
      remoteAddress: '10.0.0.7',
      params: { region: 'eu1', page: '2' },
      headers: { 'X-Trace': 'abc' },
      status: 200,
      user: org.rt.userId.value,
    });
  });

  it('runs as the given user, in a transaction of its own', () => {
    debug(
      "Profile p = [SELECT Id FROM Profile WHERE Name = 'Standard User']; insert new User(LastName = 'Rest', Username = 'rest@example.com', Email = 'rest@example.com', Alias = 'rest', TimeZoneSidKey = 'UTC', LocaleSidKey = 'en_US', EmailEncodingKey = 'UTF-8', LanguageLocaleKey = 'en_US', ProfileId = p.Id);",
    );
    const user = [...org.rt.org.store.records('User')].find((r) => r.fields.get('username') === 'rest@example.com');
    assert.ok(user);
    const answer = org.callRest({ method: 'GET', path: '/clevertap/v1/passcode' }, { userId: user.id });
    assert.equal((JSON.parse(answer.body) as { user: string }).user, user.id.value);
    assert.notEqual(org.rt.userId.value, user.id.value);
  });

  // Apex REST Methods: "If parameters are defined in the Apex method, an attempt is made to deserialize
  // the request body into those parameters"; RestResponse Class: a return value is serialised, "If the
  // return value contains fields with null value, those fields are not serialized".
  it('binds the JSON body to the parameters by name and serialises the return value without null fields', () => {
    const answer = org.callRest({ method: 'POST', path: '/widgets/new', body: '{"name":"w1","tags":["a","b"]}' });
    assert.deepEqual(answer, {
      status: 201,
      body: '{"name":"w1","tags":["a","b"]}',
      headers: { 'Content-Type': 'application/json' },
    });
    assert.deepEqual(accountNames(), ['created w1']);
    assert.equal(
      org.callRest({ method: 'POST', path: '/widgets/new', body: '{"name":"w2","count":3}' }).body,
      '{"name":"w2","count":3}',
    );
  });

  it('an sObject return value is serialised without its null fields', () => {
    debug("insert new Account(Name = 'Acme');");
    const acme = [...org.rt.org.store.records('Account')][0];
    assert.ok(acme);
    const id = (acme.fields.get('id') as ApexId).value;
    const answer = org.callRest({ method: 'GET', path: `/widgets/${id}` });
    assert.equal(answer.status, 200);
    assert.deepEqual(JSON.parse(answer.body), {
      attributes: { type: 'Account', url: `/services/data/v65.0/sobjects/Account/${id}` },
      Id: id,
      Name: 'Acme',
    });
  });

  // RestResource Annotation: "An exact match always wins. If no exact match is found, find all the
  // patterns with wildcards that match, and then select the longest (by string length) of those. If no
  // wildcard match is found, an HTTP response status code 404 is returned." The mapping is case-sensitive.
  it('routes by urlMapping: exact first, else the longest matching wildcard; case-sensitive; none is 404', () => {
    assert.equal(org.callRest({ method: 'GET', path: '/widgets/exact', query: { q: '1' } }).body, '"exact 1"');
    assert.equal(org.callRest({ method: 'GET', path: '/widgets/deep/a/b' }).body, '"deep"');
    assert.match(org.callRest({ method: 'GET', path: '/widgets/exact/more' }).body, /^\[\{"errorCode":"APEX_ERROR"/);
    for (const missing of ['/Widgets/exact', '/nothing', '/clevertap/v1/Passcode'])
      assert.deepEqual(org.callRest({ method: 'GET', path: missing }), {
        status: 404,
        body: '[{"errorCode":"NOT_FOUND","message":"Could not find a match for URL"}]',
        headers: { 'Content-Type': 'application/json' },
      });
  });

  it('an HTTP method the class has no method for is 405; HEAD runs the @HttpGet method (HttpGet Annotation)', () => {
    const refused = org.callRest({ method: 'POST', path: '/clevertap/v1/passcode', body: '{}' });
    assert.equal(refused.status, 405);
    assert.deepEqual(errors(refused.body), [
      { errorCode: 'METHOD_NOT_ALLOWED', message: "HTTP Method 'POST' not allowed. Allowed are GET,HEAD,PUT" },
    ]);
    assert.deepEqual(errors(org.callRest({ method: 'DELETE', path: '/widgets/deep/x' }).body), [
      { errorCode: 'METHOD_NOT_ALLOWED', message: "HTTP Method 'DELETE' not allowed. Allowed are GET,HEAD" },
    ]);
    assert.deepEqual(org.callRest({ method: 'HEAD', path: '/widgets/exact' }), {
      status: 200,
      body: '',
      headers: { 'Content-Type': 'application/json' },
    });
  });

  it('an uncaught exception is 500 APEX_ERROR with where it was thrown, and the transaction is rolled back', () => {
    const answer = org.callRest({ method: 'DELETE', path: '/widgets/1' });
    assert.equal(answer.status, 500);
    assert.deepEqual(errors(answer.body), [
      {
        errorCode: 'APEX_ERROR',
        message:
          'System.NullPointerException: Attempt to de-reference a null object\n\nClass.WidgetResource.remove: line 42, column 1',
      },
    ]);
    assert.deepEqual(accountNames(), []);
    assert.deepEqual(queuedJobs(), []);
    assert.deepEqual(errors(org.callRest({ method: 'PATCH', path: '/widgets/1' }).body), [
      {
        errorCode: 'APEX_ERROR',
        message:
          'WidgetResource.RestFailure: bad patch\n\nClass.WidgetResource.explode: line 51, column 1\nClass.WidgetResource.patch: line 47, column 1',
      },
    ]);
  });

  it('a trigger failing under the method is a DmlException at the DML statement, and is 500 too', () => {
    const [error] = errors(org.callRest({ method: 'POST', path: '/widgets/x', body: '{"name":"guarded"}' }).body) as {
      message: string;
    }[];
    assert.match(
      error?.message ?? '',
      /^System\.DmlException: Insert failed\. First exception on row 0; first error: CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY, AccountGuard: execution of BeforeInsert\n\ncaused by: System\.NullPointerException: .*\n\nClass\.WidgetResource\.create: line 15, column 1$/s,
    );
    assert.deepEqual(accountNames(), []);
  });

  it('what the guide leaves open is refused, after rolling the transaction back', () => {
    const refusals: [Parameters<LocalOrg['callRest']>[0], RegExp][] = [
      [{ method: 'POST', path: '/widgets/new', body: '{"name":"x","colour":"red"}' }, /No parameter is named colour/],
      [{ method: 'POST', path: '/widgets/new', body: '{"name":' }, /cannot take \(Malformed JSON/],
      [
        { method: 'POST', path: '/widgets/new', body: '{"name":"peek"}' },
        /RestRequest\.requestBody in a method with parameters/,
      ],
      [{ method: 'POST', path: '/widgets/new' }, /without a body/],
      [{ method: 'GET', path: '/widgets/none' }, /a REST method returning null/],
      [
        {
          method: 'PUT',
          path: '/clevertap/v1/passcode',
          body: '<passcode/>',
          headers: { 'content-type': 'application/xml' },
        },
        /only JSON is modelled/,
      ],
      [{ method: 'OPTIONS', path: '/widgets/1' }, /HTTP method OPTIONS/],
      // Introduction to Apex REST: "the maximum request or response size is 6 MB for synchronous Apex".
      [{ method: 'PUT', path: '/clevertap/v1/passcode', body: 'x'.repeat(6_000_001) }, /over 6 MB/],
    ];
    for (const [request, reason] of refusals) {
      assert.throws(
        () => org.callRest(request),
        (error: Error) => /^UnsupportedApexFeature: /.test(error.message) && reason.test(error.message),
      );
      assert.deepEqual(accountNames(), []);
    }
  });

  it('two classes whose mappings match equally are refused, not one picked', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'apexrest-'));
    try {
      mkdirSync(path.join(dir, 'src', 'classes'), { recursive: true });
      writeFileSync(
        path.join(dir, 'sfdx-project.json'),
        '{ "packageDirectories": [{ "path": "src", "default": true }], "sourceApiVersion": "65.0" }',
      );
      for (const name of ['One', 'Two'])
        writeFileSync(
          path.join(dir, 'src', 'classes', `${name}.cls`),
          `@RestResource(urlMapping='/dup/*')\nglobal class ${name} {\n@HttpGet\nglobal static void g() { }\n}\n`,
        );
      const twin = new LocalOrg(dir);
      assert.throws(() => twin.callRest({ method: 'GET', path: '/dup/1' }), /two @RestResource classes \(One, Two\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
