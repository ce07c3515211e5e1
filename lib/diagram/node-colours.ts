import type { SagaNodeKind } from './saga-graph';

/** Fill and stroke of each node kind, shared with the SVG so both read the same. */
export const NODE_COLOURS: Readonly<
  Record<SagaNodeKind | 'state', { readonly fill: string; readonly stroke: string }>
> = {
  'service-producer': { fill: '#e8f1fb', stroke: '#2f6db5' },
  'external-producer': { fill: '#f4f4f4', stroke: '#777777' },
  event: { fill: '#fff4de', stroke: '#b7791f' },
  rule: { fill: '#f3e8fb', stroke: '#7a3fb0' },
  queue: { fill: '#e6f6ee', stroke: '#2e8b57' },
  'log-group': { fill: '#f4f4f4', stroke: '#777777' },
  'state-machine': { fill: '#fdeaea', stroke: '#b83232' },
  function: { fill: '#e8f1fb', stroke: '#2f6db5' },
  'other-target': { fill: '#f4f4f4', stroke: '#777777' },
  state: { fill: '#fdeaea', stroke: '#b83232' },
};
