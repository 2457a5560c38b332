// Regenerates scripts/schema/standard-types.json: the name of every class, interface and enum of the
// Apex standard library (System, Schema, Database, Messaging, ConnectApi …), read from the classes
// apex-ls ships (standard-types-65.0.0.jar, one Java class per Apex type, inner types as `Outer$Inner`).
// The local runtime's compile check reports `Invalid type` only for a name that is none of these, no
// class of the project and no object of the schema, so the list has to be complete, not curated.
// Usage: npx tsx scripts/generate-standard-types.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JAVA_LIB_DIR } from './lib/java.ts';
import { listJarEntries } from './generate-standard-objects.ts';
import { STANDARD_TYPES_JSON, type StandardTypesFile } from './lib/standard-types.ts';

const JAR_NAME = 'standard-types-65.0.0.jar';

/** Namespace → type names (`Outer.Inner` for inner types), sorted. */
export function standardTypes(entries: string[]): Record<string, string[]> {
  const namespaces: Record<string, string[]> = {};
  for (const entry of entries) {
    const match = /^com\/nawforce\/runforce\/(\w+)\/([\w$]+)\.class$/.exec(entry);
    if (!match) continue;
    const [, namespace, type] = match as unknown as [string, string, string];
    (namespaces[namespace] ??= []).push(type.replace(/\$/g, '.'));
  }
  for (const names of Object.values(namespaces)) names.sort();
  return Object.fromEntries(Object.entries(namespaces).sort(([a], [b]) => a.localeCompare(b)));
}

function main(): void {
  const namespaces = standardTypes(listJarEntries(path.join(JAVA_LIB_DIR, JAR_NAME)));
  const file: StandardTypesFile = { apiVersion: '65.0', source: JAR_NAME, namespaces };
  mkdirSync(path.dirname(STANDARD_TYPES_JSON), { recursive: true });
  writeFileSync(STANDARD_TYPES_JSON, `${JSON.stringify(file, null, 2)}\n`);
  const count = Object.values(namespaces).reduce((n, names) => n + names.length, 0);
  console.log(
    `${path.relative(process.cwd(), STANDARD_TYPES_JSON)}: ${count} types in ${Object.keys(namespaces).length} namespaces`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
