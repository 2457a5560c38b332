// The project's four packages as the org commands name them (`--packages core,quotes`), tied to
// sfdx-project.json, and the org feature each extension needs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { OrgCommandError } from './command.ts';

/** Short name → package directory, in sfdx-project.json's order (core first: the extensions depend on it). */
export const PACKAGE_DIRS = {
  core: 'force-app/core',
  quotes: 'force-app/quotes',
  'field-service': 'force-app/field-service',
  orders: 'force-app/orders',
} as const;

export type PackageName = keyof typeof PACKAGE_DIRS;
export type ExtensionName = Exclude<PackageName, 'core'>;

export const PACKAGE_NAMES = Object.keys(PACKAGE_DIRS) as PackageName[];

export interface OrgFeature {
  /** The standard object the extension's trigger and fields are on; it exists only once the feature is on. */
  object: string;
  feature: string;
  /** Where an admin turns the feature on. */
  setup: string;
}

export const EXTENSION_FEATURES: Record<ExtensionName, OrgFeature> = {
  quotes: { object: 'Quote', feature: 'Quotes', setup: 'Setup → Quote Settings → Enable Quotes' },
  'field-service': {
    object: 'ServiceAppointment',
    feature: 'Field Service',
    setup: 'Setup → Field Service Settings → Enable Field Service',
  },
  orders: { object: 'Order', feature: 'Orders', setup: 'Setup → Order Settings → Enable Orders' },
};

export const isExtension = (name: PackageName): name is ExtensionName => name !== 'core';

/**
 * `core,quotes` → the named packages in sfdx-project.json's order, each once. Unknown names are
 * refused with the list of valid ones, so a typo never deploys less than was asked for.
 */
export function parsePackageList(value: string | undefined, fallback: readonly PackageName[]): PackageName[] {
  if (value === undefined) return [...fallback];
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(name in PACKAGE_DIRS));
  if (unknown.length > 0 || names.length === 0) {
    const what = unknown.length > 0 ? `Unknown package "${unknown.join('", "')}"` : 'No package named';
    throw new OrgCommandError(`${what} in --packages. Use: ${PACKAGE_NAMES.join(', ')}`);
  }
  return PACKAGE_NAMES.filter((name) => names.includes(name));
}

/** One package directory of sfdx-project.json, under its short name. */
export interface ProjectPackage {
  name: PackageName;
  /** The package's name in the Dev Hub (`"package"` in sfdx-project.json). */
  packageName: string;
  path: string;
  definitionFile?: string;
}

/** The parts of sfdx-project.json that scratch orgs and package versions depend on. */
export interface PackagingProject {
  namespace: string;
  packages: ProjectPackage[];
  /** `packageAliases`: package name (or name@version) → 0Ho / 04t Id. */
  aliases: Record<string, string>;
}

interface SfdxProjectJson {
  namespace?: string;
  packageDirectories: { path: string; package?: string; definitionFile?: string }[];
  packageAliases?: Record<string, string>;
}

export function readPackagingProject(root: string): PackagingProject {
  const raw = JSON.parse(readFileSync(path.join(root, 'sfdx-project.json'), 'utf8')) as SfdxProjectJson;
  const packages = PACKAGE_NAMES.map((name): ProjectPackage => {
    const dir = raw.packageDirectories.find((entry) => path.normalize(entry.path) === PACKAGE_DIRS[name]);
    if (!dir?.package) throw new Error(`sfdx-project.json has no package directory ${PACKAGE_DIRS[name]}`);
    return { name, packageName: dir.package, path: dir.path, definitionFile: dir.definitionFile };
  });
  return { namespace: raw.namespace ?? '', packages, aliases: raw.packageAliases ?? {} };
}

/** The definition with every feature: for a scratch org with more than one extension. */
export const ALL_FEATURES_DEFINITION = 'config/project-scratch-def.json';

/**
 * The scratch definition for these packages: core's (no optional feature) for core alone, the
 * extension's own for one extension, and the all-features definition for several.
 */
export function scratchDefinitionFile(project: PackagingProject, packages: readonly PackageName[]): string {
  const extensions = packages.filter(isExtension);
  if (extensions.length > 1) return ALL_FEATURES_DEFINITION;
  const name: PackageName = extensions[0] ?? 'core';
  const definition = project.packages.find((entry) => entry.name === name)?.definitionFile;
  if (!definition) throw new Error(`sfdx-project.json names no definitionFile for ${PACKAGE_DIRS[name]}`);
  return definition;
}
