import * as fs from 'node:fs';
import * as path from 'node:path';
import { DOC_FILES, generateDocs, staleDocs, type GeneratedDocument } from '../../lib/diagram';
import { PROJECT_ROOT } from '../../lib/infra/project-paths';
import { readCloudAssembly } from '../../lib/local/assembly';
import { TEST_ASSEMBLY_DIRECTORY } from '../support/test-assembly';

const DOCS = path.join(PROJECT_ROOT, 'docs');

/**
 * The committed documents are generated: when the app or the contracts change, run
 * `npx tsx bin/choreo.ts diagram` and commit docs/ with the change.
 */
describe('the committed docs/', () => {
  let documents: GeneratedDocument[];

  beforeAll(() => {
    // The assembly of bin/app.ts that test/global-setup.ts synthesized for this run, so a new stack
    // there shows here too. `choreo diagram` synthesizes the same app without bundling, which
    // changes only the assets' code, and the documents show none of it.
    documents = generateDocs(readCloudAssembly(TEST_ASSEMBLY_DIRECTORY));
  });

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
