import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DocumentedEventContract } from '../contracts/event-documentation';
import type { AppModel } from '../local/assembly';
import { buildSagaGraph, SAGA_CONTRACTS } from './build-saga-graph';
import { renderEventCatalogue } from './render-event-catalogue';
import { renderHtml } from './render-html';
import { renderMermaid } from './render-mermaid';

/** The files `choreo diagram` writes, relative to its output directory. */
export const DOC_FILES = {
  mermaid: 'architecture.mmd',
  html: 'architecture.html',
  catalogue: 'events.md',
} as const;

/** One generated file: its name in the output directory and its whole text. */
export interface GeneratedDocument {
  readonly file: string;
  readonly text: string;
}

/**
 * The three documents of an app: the Mermaid flowchart, the HTML page that draws it as SVG, and
 * the event catalogue. Pure: the same model and contracts always give the same text.
 */
export function generateDocs(
  model: AppModel,
  contracts: readonly DocumentedEventContract[] = SAGA_CONTRACTS,
): GeneratedDocument[] {
  const graph = buildSagaGraph(model, contracts);
  const mermaid = renderMermaid(graph);
  return [
    { file: DOC_FILES.mermaid, text: mermaid },
    { file: DOC_FILES.html, text: renderHtml(graph, mermaid) },
    { file: DOC_FILES.catalogue, text: renderEventCatalogue(graph, contracts) },
  ];
}

/** Writes the documents into `outDir` (created if missing); returns the paths written. */
export function writeDocs(documents: readonly GeneratedDocument[], outDir: string): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  return documents.map((document) => {
    const file = path.join(outDir, document.file);
    fs.writeFileSync(file, document.text);
    return file;
  });
}

/** The documents whose file in `outDir` is missing or differs from the generated text. */
export function staleDocs(documents: readonly GeneratedDocument[], outDir: string): GeneratedDocument[] {
  return documents.filter((document) => {
    const file = path.join(outDir, document.file);
    return !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== document.text;
  });
}
