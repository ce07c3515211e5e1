import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { appInputHash, INPUT_HASH_FILE, listAppInputs, synthesizeAppCached } from '../../../lib/local/assembly';
import { compileGlob } from '../../../lib/local/assembly/glob-pattern';

function projectWith(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'app-input-hash-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const WATCHED_APP = {
  'cdk.json': JSON.stringify({
    app: 'npx tsx bin/app.ts',
    watch: { include: ['bin/**', 'src/**'], exclude: ['**/*.d.ts'] },
  }),
  'package-lock.json': '{"lockfileVersion":3}',
  'bin/app.ts': 'new App();',
  'src/handler.ts': 'export const handler = () => 1;',
  'src/types.d.ts': 'declare const x: number;',
  'docs/notes.md': 'not an input',
  'node_modules/dep/index.js': 'dependency',
};

describe('app input hash', () => {
  const roots: string[] = [];
  const project = (files: Record<string, string>) => {
    const root = projectWith(files);
    roots.push(root);
    return root;
  };
  afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  it("selects the sources cdk.json's watch settings name, plus cdk.json and the lockfile", () => {
    const root = project(WATCHED_APP);

    expect(listAppInputs({ projectDirectory: root }).files).toEqual([
      'bin/app.ts',
      'cdk.json',
      'package-lock.json',
      'src/handler.ts',
    ]);
  });

  it('takes every project file outside dependencies and outputs when cdk.json has no watch settings', () => {
    const root = project({ 'cdk.json': '{"app":"node app.js"}', 'app.js': '', 'cdk.out/manifest.json': '{}' });

    expect(listAppInputs({ projectDirectory: root }).files).toEqual(['app.js', 'cdk.json']);
  });

  it('changes when a source, the lockfile or the context changes, and only then', () => {
    const root = project(WATCHED_APP);
    const before = appInputHash({ projectDirectory: root, context: { stage: 'dev' } });

    writeFileSync(join(root, 'docs/notes.md'), 'edited');
    expect(appInputHash({ projectDirectory: root, context: { stage: 'dev' } })).toBe(before);
    expect(appInputHash({ projectDirectory: root, context: { stage: 'prod' } })).not.toBe(before);
    writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion":3,"x":1}');
    const afterLock = appInputHash({ projectDirectory: root, context: { stage: 'dev' } });
    expect(afterLock).not.toBe(before);
    writeFileSync(join(root, 'src/handler.ts'), 'export const handler = () => 2;');
    expect(appInputHash({ projectDirectory: root, context: { stage: 'dev' } })).not.toBe(afterLock);
  });

  it('reuses a stored assembly whose hash matches, without running cdk synth', async () => {
    // cdk.json names an app that would fail: reaching synthesis would reject.
    const root = project({ ...WATCHED_APP, 'cdk.json': JSON.stringify({ app: 'exit 1' }) });
    const outputDirectory = join(root, 'cdk.out');
    mkdirSync(outputDirectory);
    writeFileSync(join(outputDirectory, 'manifest.json'), '{}');
    const hash = appInputHash({
      projectDirectory: root,
      excludeDirectories: [outputDirectory],
      salt: 'validation=false app=',
    });
    writeFileSync(join(outputDirectory, INPUT_HASH_FILE), `${hash}\n`);

    const cached = await synthesizeAppCached({ projectDirectory: root });

    expect(cached).toEqual({ assemblyDirectory: outputDirectory, reused: true, inputHash: hash });
  });
});

describe('watch globs', () => {
  it.each([
    ['bin/**', 'bin/app.ts', true],
    ['bin/**', 'lib/bin/app.ts', false],
    ['**/*.d.ts', 'src/deep/types.d.ts', true],
    ['**/*.d.ts', 'types.d.ts', true],
    ['node_modules', 'packages/a/node_modules', true],
    ['src/*.ts', 'src/deep/a.ts', false],
    ['cdk.out.*', 'cdk.out.local', true],
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(compileGlob(pattern)(path)).toBe(expected);
  });
});
