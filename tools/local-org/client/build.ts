/**
 * Builds the local org's page with LWC OSS (TOOLCHAIN.md, "Rendering the package's LWC outside
 * Salesforce"): the package's TypeScript components from their SFDX folders, the shell's own `lo/*`
 * components, lightning-base-components and synthetic shadow, into `outDir` (index.html, the bundle,
 * SLDS under /assets is served from node_modules). `watch` rebuilds when a source changes.
 * `npm run build:client` builds once.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import lwc from '@lwc/rollup-plugin';
import replace from '@rollup/plugin-replace';
import { rollup, watch as rollupWatch, type Plugin, type RollupOptions } from 'rollup';
import ts from 'typescript';
import { packageComponentModules, platformModules, refuseUnresolved } from './platform-modules.ts';

const here = import.meta.dirname;
const root = path.resolve(here, '..', '..', '..');

/** Strips TypeScript before the LWC compiler sees the file (decorators stay as written, as on the platform). */
export function stripTypes(): Plugin {
  return {
    name: 'local-org-strip-types',
    transform(code, id) {
      const file = id.split('?')[0] ?? id;
      if (!file.endsWith('.ts') || id.includes('\0')) return null;
      const out = ts.transpileModule(code, {
        fileName: file,
        compilerOptions: {
          target: ts.ScriptTarget.ESNext,
          module: ts.ModuleKind.ESNext,
          experimentalDecorators: false,
          useDefineForClassFields: true,
          verbatimModuleSyntax: false,
          sourceMap: false,
        },
      });
      return { code: out.outputText, map: null };
    },
  };
}

/** What a test may add to the page: another entry, and folders of its own LWC modules (`<ns>/<name>/`). */
export interface BuildExtras {
  input?: string;
  moduleDirs?: string[];
}

function options(outDir: string, extras: BuildExtras = {}): RollupOptions {
  return {
    input: extras.input ?? path.join(here, 'src', 'main.ts'),
    plugins: [
      platformModules(root),
      stripTypes(),
      replace({
        preventAssignment: true,
        values: { 'process.env.NODE_ENV': JSON.stringify('development'), 'import.meta.env.SSR': 'false' },
      }),
      lwc({
        rootDir: path.join(here, 'src', 'modules'),
        modules: [
          ...packageComponentModules(root),
          { dir: path.join(here, 'src', 'modules') },
          ...(extras.moduleDirs ?? []).map((dir) => ({ dir })),
          { npm: 'lightning-base-components' },
        ],
        enableDynamicComponents: true,
        enableSyntheticElementInternals: true,
      }),
      refuseUnresolved(),
    ],
    onwarn(warning, warn) {
      if (warning.code === 'UNRESOLVED_IMPORT') throw new Error(`Unresolved import: ${warning.message}`);
      if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
      // The base components' own template warnings are theirs to fix; ours are shown.
      if (warning.id?.includes(`${path.sep}node_modules${path.sep}`)) return;
      warn(warning);
    },
    // One file: a shared chunk would load the LWC engine before synthetic shadow patches the DOM.
    output: { dir: outDir, format: 'es', entryFileNames: 'app.js', inlineDynamicImports: true },
  };
}

function copyPage(outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  copyFileSync(path.join(here, 'index.html'), path.join(outDir, 'index.html'));
}

export async function buildClient(
  opts: {
    outDir: string;
    watch?: boolean;
    onRebuild?: () => void;
  } & BuildExtras,
): Promise<{ close(): Promise<void> }> {
  const config = options(opts.outDir, opts);
  copyPage(opts.outDir);
  if (!opts.watch) {
    const bundle = await rollup(config);
    await bundle.write(config.output as never);
    await bundle.close();
    return { close: async () => undefined };
  }
  const watcher = rollupWatch({ ...config, watch: { clearScreen: false } });
  let first = true;
  let failed = false;
  await new Promise<void>((resolve, reject) => {
    watcher.on('event', (event) => {
      if (event.code === 'START') failed = false;
      if (event.code === 'BUNDLE_END') void event.result.close();
      if (event.code === 'END') {
        if (first) {
          first = false;
          resolve();
        } else if (!failed) opts.onRebuild?.();
      }
      if (event.code === 'ERROR') {
        failed = true;
        if (first) reject(event.error);
        else console.error(`Page build failed (the page keeps the last good build): ${event.error.message}`);
      }
    });
  });
  return { close: () => watcher.close() };
}

if (process.argv[1] === import.meta.filename) {
  const started = Date.now();
  const outDir = path.join(here, 'dist');
  await buildClient({ outDir });
  console.log(
    `Built the local org page into ${path.relative(process.cwd(), outDir)} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}
