// Metadata gate. `sf project convert source` silently drops a class without its -meta.xml and
// accepts malformed XML, so those are checked here first; then the source is converted and the
// generated manifest compared with what the source files say it must contain.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildLwc } from '../build-lwc.ts';
import { listFiles } from '../lib/files.ts';
import type { Finding } from '../lib/findings.ts';
import { reportFindings } from '../lib/findings.ts';
import { readProject } from '../lib/project.ts';

/** Source file suffix → metadata type and how to name the member from the path. */
const TYPES: { suffix: string; type: string; member: (file: string, base: string) => string }[] = [
  { suffix: '.cls-meta.xml', type: 'ApexClass', member: (_f, base) => base },
  { suffix: '.trigger-meta.xml', type: 'ApexTrigger', member: (_f, base) => base },
  { suffix: '.object-meta.xml', type: 'CustomObject', member: (_f, base) => base },
  { suffix: '.field-meta.xml', type: 'CustomField', member: (f, base) => `${objectOf(f)}.${base}` },
  { suffix: '.validationRule-meta.xml', type: 'ValidationRule', member: (f, base) => `${objectOf(f)}.${base}` },
  { suffix: '.listView-meta.xml', type: 'ListView', member: (f, base) => `${objectOf(f)}.${base}` },
  { suffix: '.layout-meta.xml', type: 'Layout', member: (_f, base) => base },
  { suffix: '.md-meta.xml', type: 'CustomMetadata', member: (_f, base) => base },
  { suffix: '.remoteSite-meta.xml', type: 'RemoteSiteSetting', member: (_f, base) => base },
  { suffix: '.app-meta.xml', type: 'CustomApplication', member: (_f, base) => base },
  { suffix: '.tab-meta.xml', type: 'CustomTab', member: (_f, base) => base },
  { suffix: '.permissionset-meta.xml', type: 'PermissionSet', member: (_f, base) => base },
  { suffix: '.customPermission-meta.xml', type: 'CustomPermission', member: (_f, base) => base },
  { suffix: '.labels-meta.xml', type: 'CustomLabels', member: (_f, base) => base },
  { suffix: '.js-meta.xml', type: 'LightningComponentBundle', member: (_f, base) => base },
  { suffix: '.flexipage-meta.xml', type: 'FlexiPage', member: (_f, base) => base },
];

const objectOf = (file: string): string => path.basename(path.dirname(path.dirname(file)));
const xmlParser = new XMLParser();

export function checkMetadata(root: string): Finding[] {
  const project = readProject(root);
  const files = project.packageDirs.flatMap((dir) => listFiles(dir, () => true));
  const findings = [
    ...checkWellFormed(files),
    ...checkApexPairs(files),
    ...checkApiVersions(files, project.sourceApiVersion),
    ...checkKnownTypes(files),
  ];
  // Converting malformed or unpaired source would only repeat the findings above.
  if (findings.length === 0) findings.push(...checkConversion(root, project.packageDirs, files));
  return findings;
}

function checkWellFormed(files: string[]): Finding[] {
  return files
    .filter((file) => file.endsWith('.xml'))
    .flatMap((file) => {
      const result = XMLValidator.validate(readFileSync(file, 'utf8'));
      if (result === true) return [];
      return [
        { file, line: result.err.line, column: result.err.col, rule: 'xml-well-formed', message: result.err.msg },
      ];
    });
}

/** A .cls/.trigger without its -meta.xml is dropped by convert; a -meta.xml without source deploys nothing. */
function checkApexPairs(files: string[]): Finding[] {
  const present = new Set(files);
  const findings: Finding[] = [];
  for (const file of files) {
    if ((file.endsWith('.cls') || file.endsWith('.trigger')) && !present.has(`${file}-meta.xml`)) {
      findings.push({
        file,
        line: 1,
        rule: 'orphan-source',
        message: `${path.basename(file)} has no ${path.basename(file)}-meta.xml`,
      });
    }
    const source = file.replace(/-meta\.xml$/, '');
    if ((source.endsWith('.cls') || source.endsWith('.trigger')) && file !== source && !present.has(source)) {
      findings.push({
        file,
        line: 1,
        rule: 'orphan-meta',
        message: `${path.basename(file)} has no ${path.basename(source)}`,
      });
    }
  }
  return findings;
}

function checkApiVersions(files: string[], expected: string): Finding[] {
  const findings: Finding[] = [];
  for (const file of files.filter((f) => f.endsWith('-meta.xml'))) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((text, index) => {
      const match = /<apiVersion>([^<]*)<\/apiVersion>/.exec(text);
      if (match && match[1] !== expected) {
        findings.push({
          file,
          line: index + 1,
          rule: 'api-version',
          message: `apiVersion ${match[1]} differs from sourceApiVersion ${expected}`,
        });
      }
    });
  }
  return findings;
}

/** A misspelt suffix (e.g. .feild-meta.xml) would silently never deploy. */
function checkKnownTypes(files: string[]): Finding[] {
  return files
    .filter((file) => file.endsWith('-meta.xml') && !TYPES.some((t) => file.endsWith(t.suffix)))
    .map((file) => ({
      file,
      line: 1,
      rule: 'unknown-metadata',
      message: `No known metadata type for ${path.basename(file)}`,
    }));
}

function expectedMembers(files: string[]): Map<string, Set<string>> {
  const expected = new Map<string, Set<string>>();
  for (const file of files) {
    const type = TYPES.find((t) => file.endsWith(t.suffix));
    if (!type) continue;
    const member = type.member(file, path.basename(file).slice(0, -type.suffix.length));
    expected.set(type.type, (expected.get(type.type) ?? new Set()).add(member));
  }
  return expected;
}

interface PackageXml {
  Package: { types: { members: string | string[]; name: string } | { members: string | string[]; name: string }[] };
}

function manifestMembers(packageXml: string): Map<string, Set<string>> {
  const parsed = xmlParser.parse(packageXml) as PackageXml;
  const types = ([] as { members: string | string[]; name: string }[]).concat(parsed.Package.types ?? []);
  return new Map(types.map((t) => [t.name, new Set(([] as string[]).concat(t.members))]));
}

function checkConversion(root: string, packageDirs: string[], files: string[]): Finding[] {
  buildLwc(root);
  const outputDir = mkdtempSync(path.join(os.tmpdir(), 'ct-convert-'));
  try {
    const args = ['project', 'convert', 'source', '--output-dir', outputDir, '--json'];
    for (const dir of packageDirs) args.push('--source-dir', path.relative(root, dir));
    const run = spawnSync(sfBinary(), args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...SF_ENV } });
    if (run.status !== 0) {
      return [
        {
          file: path.join(root, 'sfdx-project.json'),
          line: 0,
          rule: 'convert',
          message: `sf project convert source failed: ${run.stdout || run.stderr}`,
        },
      ];
    }
    const expected = expectedMembers(files);
    return [
      ...compareManifest(expected, manifestMembers(readFileSync(path.join(outputDir, 'package.xml'), 'utf8')), root),
      ...[...(expected.get('LightningComponentBundle') ?? [])]
        .filter((bundle) => !existsSync(path.join(outputDir, 'lwc', bundle, `${bundle}.js`)))
        .map((bundle) => ({
          file: path.join(root, 'sfdx-project.json'),
          line: 0,
          rule: 'lwc-javascript',
          message: `Converted bundle ${bundle} has no ${bundle}.js: the TypeScript was not built`,
        })),
    ];
  } finally {
    rmSync(outputDir, { recursive: true, force: true });
  }
}

function compareManifest(
  expected: Map<string, Set<string>>,
  actual: Map<string, Set<string>>,
  root: string,
): Finding[] {
  const findings: Finding[] = [];
  const manifest = path.join(root, 'sfdx-project.json');
  for (const [type, members] of expected) {
    for (const member of members) {
      if (!actual.get(type)?.has(member)) {
        findings.push({
          file: manifest,
          line: 0,
          rule: 'manifest',
          message: `${type} ${member} is in the source but not in the converted manifest`,
        });
      }
    }
  }
  return findings;
}

const SF_ENV = { SF_DISABLE_TELEMETRY: 'true', SF_AUTOUPDATE_DISABLE: 'true', SF_SKIP_NEW_VERSION_CHECK: 'true' };

function sfBinary(): string {
  return path.resolve(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'sf');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(process.argv[2] ?? '.');
  reportFindings('metadata', checkMetadata(root), root);
}
