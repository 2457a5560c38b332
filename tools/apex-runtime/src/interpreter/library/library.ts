// The standard library of Apex classes that need no org: one module per family, each a set of
// tables with one row per method (adding a method is one line). The platform's classes (Database,
// Test, HttpRequest …) are registered by the platform layer, after these.
import type { Host } from '../host.ts';
import type { Natives } from '../natives.ts';
import { registerBinary } from './binary.ts';
import { registerCollections } from './collections.ts';
import { registerDates } from './dates.ts';
import { registerNumbers } from './numbers.ts';
import { registerSObjects } from './sobjects.ts';
import { registerStrings } from './strings.ts';
import { registerSystem } from './system.ts';
import { registerTypes } from './types.ts';

export function registerStandardLibrary(natives: Natives, rt: Host): void {
  registerSystem(natives);
  registerStrings(natives);
  registerNumbers(natives);
  registerCollections(natives);
  registerDates(natives, rt);
  registerSObjects(natives);
  registerTypes(natives, rt);
  registerBinary(natives);
}
