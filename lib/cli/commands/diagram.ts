import * as path from 'node:path';
import type { Command } from 'commander';
import { generateDocs, loadAppModel, staleDocs, writeDocs } from '../../diagram';
import { PROJECT_ROOT } from '../../infra/project-paths';
import type { CliContext } from '../cli-context';
import { CommandFailedError } from '../cli-errors';

interface DiagramOptions {
  readonly cdkOut?: string;
  readonly outDir?: string;
  readonly check?: boolean;
}

/**
 * `choreo diagram [--cdk-out DIR] [--out-dir docs] [--check]`: draws the architecture of the
 * synthesized app (docs/architecture.mmd, docs/architecture.html) and writes the event catalogue
 * (docs/events.md). With `--check` it writes nothing and exits 1 when a file is stale.
 */
export function registerDiagramCommand(program: Command, context: CliContext): void {
  program
    .command('diagram')
    .description(
      'generate the architecture diagram (Mermaid and HTML) and the event catalogue from the synthesized app',
    )
    .option(
      '--cdk-out <dir>',
      'cloud assembly to read; synthesized there (without bundling) when it has no manifest.json (default: synthesize into a temporary directory)',
    )
    .option('--out-dir <dir>', "where the documents go (default: the project's docs/)")
    .option('--check', 'write nothing; exit 1 when a document differs from what would be generated')
    .action(async (options: DiagramOptions) => {
      const outDir = options.outDir !== undefined ? path.resolve(options.outDir) : path.join(PROJECT_ROOT, 'docs');
      if (options.cdkOut === undefined) context.note('synthesizing the app without bundling...');
      const model = await loadAppModel(options.cdkOut !== undefined ? { cdkOut: path.resolve(options.cdkOut) } : {});
      const documents = generateDocs(model);
      const shown = (file: string) => path.relative(process.cwd(), path.join(outDir, file)) || file;
      if (options.check) {
        const stale = staleDocs(documents, outDir);
        if (stale.length > 0) {
          const names = stale.map((document) => `'${shown(document.file)}'`).join(', ');
          throw new CommandFailedError(`stale: ${names} differ from the app; run 'choreo diagram' to regenerate`);
        }
        context.print(`up to date: ${documents.map((document) => shown(document.file)).join(', ')}`);
        return;
      }
      for (const file of writeDocs(documents, outDir))
        context.print(`wrote ${path.relative(process.cwd(), file) || file}`);
    });
}
