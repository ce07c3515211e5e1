/**
 * `choreo diagram`: the architecture diagram (Mermaid, and an HTML page with inline SVG) and the
 * event catalogue, generated from the synthesized CDK app and the contracts.
 */
export * from './saga-graph';
export { buildSagaGraph, SAGA_CONTRACTS } from './build-saga-graph';
export { stateMachineGraphOf } from './state-machine-graph';
export { renderMermaid, MERMAID_HEADER } from './render-mermaid';
export { renderBusSvg, renderStateMachineSvg } from './render-svg';
export { layOutBus, LAYOUT_SPACING, type Box, type Layout } from './layered-layout';
export { layOutStateMachine } from './state-machine-layout';
export { renderHtml } from './render-html';
export { renderEventCatalogue, CATALOGUE_HEADER } from './render-event-catalogue';
export { exampleDetailOf, exampleEnvelopeOf, type ExampleDetail } from './example-event';
export { generateDocs, writeDocs, staleDocs, DOC_FILES, type GeneratedDocument } from './generate-docs';
export { loadAppModel, type LoadAppModelOptions } from './load-app-model';
export { synthesizeWithoutBundling, type SynthesizeWithoutBundlingOptions } from './synthesize-without-bundling';
export { InvalidExampleError, CdkAppNotFoundError } from './diagram-errors';
