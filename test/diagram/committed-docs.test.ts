import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  DOC_FILES,
  generateDocs,
  staleDocs,
  synthesizeWithoutBundling,
  type GeneratedDocument,
} from '../../lib/diagram';
import { PROJECT_ROOT } from '../../lib/infra/project-paths';
import { readCloudAssembly } from '../../lib/local/assembly';

const DOCS = path.join(PROJECT_ROOT, 'docs');

/**
 * The committed documents are generated: when the app or the contracts change, run
 * `npx tsx bin/choreo.ts diagram` and commit docs/ with the change.
 */
describe('the committed docs/', () => {
  let assembly: string;
  let documents: GeneratedDocument[];

  beforeAll(async () => {
    // Synthesizes bin/app.ts exactly as `choreo diagram` does, so a new stack there shows here too.
    assembly = fs.mkdtempSync(path.join(os.tmpdir(), 'diagram-committed-'));
    await synthesizeWithoutBundling({ projectDirectory: PROJECT_ROOT, outputDirectory: assembly });
    documents = generateDocs(readCloudAssembly(assembly));
  }, 240_000);

  afterAll(() => fs.rmSync(assembly, { recursive: true, force: true }));

  it('holds the event catalogue generated from the current contracts and app (else run choreo diagram)', () => {
    // Act
    const committed = fs.readFileSync(path.join(DOCS, DOC_FILES.catalogue), 'utf8');

    // Assess
    expect(committed).toBe(documents.find((document) => document.file === DOC_FILES.catalogue)!.text);
  });

  it('holds the architecture diagram generated from the current app (else run choreo diagram)', () => {
    // Act
    const stale = staleDocs(documents, DOCS).map((document) => document.file);

    // Assess
    expect(stale).toEqual([]);
  });
});
