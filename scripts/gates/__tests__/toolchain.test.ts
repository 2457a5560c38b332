// Proves the type-check, lint and format gates fail on a planted fault, with the project's own configuration.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import ts from 'typescript';
import { fixture } from './fixture.ts';

const REPO = path.resolve(import.meta.dirname, '..', '..', '..');
const FAULTY = path.join(fixture('toolchain-faults'), 'src', 'lwc', 'faulty', 'faulty.ts');

describe('toolchain gates', () => {
  it('typecheck reports a type error with its line', () => {
    const configFile = path.join(REPO, 'tsconfig.json');
    const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, REPO, undefined, configFile);
    const program = ts.createProgram([FAULTY], { ...options, types: [] });
    const errors = ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === FAULTY);
    const lines = errors.map((d) => d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line + 1);
    assert.deepEqual(lines, [4]);
  });

  it('lint reports innerHTML in a component with its line', async () => {
    const eslint = new ESLint({ cwd: REPO, ignore: false });
    const [result] = await eslint.lintFiles([FAULTY]);
    const found = result?.messages.map((m) => `${m.line} ${m.ruleId}`) ?? [];
    assert.ok(found.includes('8 @lwc/lwc/no-inner-html'), found.join(', '));
  });

  it('format reports a file Prettier would change', async () => {
    const source = readFileSync(FAULTY, 'utf8').replace('count: number', 'count   :number');
    const options = await prettier.resolveConfig(path.join(REPO, 'force-app', 'x.ts'));
    assert.equal(await prettier.check(source, { ...options, filepath: FAULTY }), false);
    assert.equal(await prettier.check(readFileSync(FAULTY, 'utf8'), { ...options, filepath: FAULTY }), true);
  });
});

describe('Java requirement', () => {
  it('fails with the install command when java is not on PATH, never skipping the gate', async () => {
    const { spawnSync } = await import('node:child_process');
    const { mkdtempSync, symlinkSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    // A PATH holding node alone: on these machines java sits beside node in /usr/bin.
    const bin = mkdtempSync(path.join(tmpdir(), 'no-java-'));
    symlinkSync(process.execPath, path.join(bin, 'node'));
    const probe =
      "import('./scripts/lib/java.ts').then((m) => m.requireJava()).catch((e) => { console.error(e.message); process.exit(3); })";
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', probe], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, PATH: bin },
    });
    assert.equal(run.status, 3);
    assert.match(run.stderr, /Java 17 is required .*apt-get install -y openjdk-17-jre-headless/);
  });
});
