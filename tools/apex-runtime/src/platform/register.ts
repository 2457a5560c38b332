// The platform's classes (Database, Schema, Test, Limits, UserInfo, Trigger, HttpRequest, JSON,
// Savepoint, Security, Messaging, RestContext …) join the interpreter's native table here, after the
// standard library: the runtime calls this once at construction. Several services add methods to
// one class (Database, Test), so the order is kept stable.
import type { PlatformContext } from './context.ts';
import { registerSavepoints } from './events.ts';
import { registerHttp } from './http.ts';
import { registerJson } from './json.ts';
import { registerMessaging } from './messaging.ts';
import { registerRest } from './rest.ts';
import { registerSecurity } from './security.ts';
import { registerSoql } from './soql/bridge.ts';
import { registerSystemClasses } from './system-classes.ts';
import { registerAccess } from './users.ts';

export function registerPlatformClasses(rt: PlatformContext): void {
  registerSystemClasses(rt);
  registerHttp(rt);
  registerJson(rt);
  registerSavepoints(rt);
  registerSoql(rt);
  registerAccess(rt);
  registerSecurity(rt);
  registerMessaging(rt);
  registerRest(rt);
}
