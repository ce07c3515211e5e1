import { escapeMarkup } from './escape-markup';
import { layOutBus, type Box, type Layout } from './layered-layout';
import { NODE_COLOURS } from './node-colours';
import { layOutStateMachine } from './state-machine-layout';
import type { BusGraph, SagaEdgeKind, SagaNodeKind, StateMachineGraph, StateNode, TransitionKind } from './saga-graph';
import { TEXT_METRICS } from './text-metrics';

type EdgeStyle = { readonly colour: string; readonly dashed: boolean };

const EDGE_STYLES: Readonly<Record<SagaEdgeKind | TransitionKind, EdgeStyle>> = {
  publishes: { colour: '#4a6fa5', dashed: false },
  selects: { colour: '#7a3fb0', dashed: false },
  'selects-all': { colour: '#b9b9b9', dashed: true },
  targets: { colour: '#2e8b57', dashed: false },
  polls: { colour: '#2f6db5', dashed: false },
  next: { colour: '#555555', dashed: false },
  choice: { colour: '#555555', dashed: false },
  default: { colour: '#555555', dashed: true },
  catch: { colour: '#b83232', dashed: true },
};

/**
 * A bus graph as SVG for inlining in HTML (no `xmlns`, no external reference): five columns of
 * boxes joined by arrows. Fonts and text colours come from the page's stylesheet.
 */
export function renderBusSvg(bus: BusGraph): string {
  const layout = layOutBus(bus);
  const kinds = new Map<string, SagaNodeKind>(bus.nodes.map((node) => [node.id, node.kind]));
  const parts: string[] = [];
  for (const heading of layout.headings) {
    parts.push(
      `<text class="heading" x="${heading.x + heading.width / 2}" y="${LAYOUT_TOP_TEXT}" text-anchor="middle">${escapeMarkup(heading.title)}</text>`,
    );
  }
  for (const edge of bus.edges) {
    const from = layout.boxes.get(edge.from);
    const to = layout.boxes.get(edge.to);
    if (from && to) parts.push(forwardPath(from, to, EDGE_STYLES[edge.kind], edge.kind));
  }
  for (const node of bus.nodes) {
    const box = layout.boxes.get(node.id);
    if (box)
      parts.push(
        boxElement(box, kinds.get(node.id) ?? 'other-target', node.kind === 'external-producer' ? '5 3' : undefined),
      );
  }
  return svgDocument(layout, `architecture of ${bus.title}`, parts);
}

/**
 * A state machine as inline SVG: states top to bottom, each arrow from the bottom of a state to
 * the top of the next; arrows that skip rows or go back run around the right side. Catch
 * transitions are written in the boxes instead (see `layOutStateMachine`).
 */
export function renderStateMachineSvg(machine: StateMachineGraph): string {
  const layout = layOutStateMachine(machine);
  const parts: string[] = [];
  for (const transition of machine.transitions) {
    if (transition.kind === 'catch') continue;
    const from = layout.boxes.get(transition.from);
    const to = layout.boxes.get(transition.to);
    if (!from || !to) continue;
    const style = EDGE_STYLES[transition.kind];
    const nextRow =
      to.y > from.y + from.height && !machine.states.some((state) => isBetween(layout.boxes.get(state.id), from, to));
    parts.push(
      nextRow
        ? downwardPath(from, to, style, transition.kind)
        : aroundPath(from, to, [...layout.boxes.values()], style, transition.kind),
    );
  }
  for (const state of machine.states) {
    const box = layout.boxes.get(state.id);
    if (box) parts.push(boxElement(box, 'state', undefined, roundingOf(state, box)));
  }
  return svgDocument(layout, `state machine ${machine.name}`, parts);
}

/** Whether a box lies in a row strictly between the rows of two others. */
function isBetween(box: Box | undefined, from: Box, to: Box): boolean {
  return box !== undefined && box.y > from.y + from.height && box.y + box.height < to.y;
}

/** Where column headings sit (their baseline). */
const LAYOUT_TOP_TEXT = 38;

function svgDocument(layout: Layout, title: string, parts: readonly string[]): string {
  const markers = Object.entries(EDGE_STYLES)
    .map(
      ([kind, style]) =>
        `<marker id="arrow-${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${style.colour}"/></marker>`,
    )
    .join('');
  return [
    `<svg width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-label="${escapeMarkup(title)}">`,
    `<title>${escapeMarkup(title)}</title>`,
    `<defs>${markers}</defs>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

function forwardPath(from: Box, to: Box, style: EdgeStyle, kind: string): string {
  const x1 = from.x + from.width;
  const y1 = from.y + from.height / 2;
  const x2 = to.x - 2;
  const y2 = to.y + to.height / 2;
  const bend = Math.max(30, (x2 - x1) / 2);
  return pathElement(`M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`, style, kind);
}

function downwardPath(from: Box, to: Box, style: EdgeStyle, kind: string): string {
  const x1 = from.x + from.width / 2;
  const y1 = from.y + from.height;
  const x2 = to.x + to.width / 2;
  const y2 = to.y - 2;
  const bend = Math.max(12, (y2 - y1) / 2);
  return pathElement(`M${x1},${y1} C${x1},${y1 + bend} ${x2},${y2 - bend} ${x2},${y2}`, style, kind);
}

/**
 * Around the boxes, for a transition that skips rows or goes back: out of the side of the state
 * on which it is the outermost of its row (so the arrow crosses no neighbour), past every box in
 * the rows it spans, and into the same side of the other state. Square corners, rounded. Falls
 * back to a plain curve (under the boxes) when neither side is free at both ends.
 */
function aroundPath(from: Box, to: Box, boxes: readonly Box[], style: EdgeStyle, kind: string): string {
  const sameRow = (a: Box, b: Box) => a !== b && a.y === b.y;
  const outermost = (box: Box, side: 1 | -1) =>
    !boxes.some((other) => sameRow(box, other) && (side === 1 ? other.x > box.x : other.x < box.x));
  const side = outermost(from, 1) && outermost(to, 1) ? 1 : outermost(from, -1) && outermost(to, -1) ? -1 : undefined;
  if (side === undefined) return downwardPath(from, to, style, kind);
  const edgeX = (box: Box) => (side === 1 ? box.x + box.width : box.x);
  const x1 = edgeX(from);
  const y1 = from.y + from.height / 2;
  const x2 = edgeX(to) + side * 2;
  const y2 = to.y + to.height / 2;
  const [top, bottom] = [Math.min(y1, y2), Math.max(y1, y2)];
  const spanned = boxes.filter((box) => box.y <= bottom && box.y + box.height >= top).map(edgeX);
  const lane = side === 1 ? Math.max(x1, x2, ...spanned) + 24 : Math.min(x1, x2, ...spanned) - 24;
  const r = Math.min(10, Math.abs(y2 - y1) / 2);
  const down = y2 >= y1 ? 1 : -1;
  const d = `M${x1},${y1} L${lane - side * r},${y1} Q${lane},${y1} ${lane},${y1 + down * r} L${lane},${y2 - down * r} Q${lane},${y2} ${lane - side * r},${y2} L${x2},${y2}`;
  return pathElement(d, style, kind);
}

function pathElement(d: string, style: EdgeStyle, kind: string): string {
  const dash = style.dashed ? ' stroke-dasharray="6 4"' : '';
  return `<path class="edge edge-${kind}" d="${d}" fill="none" stroke="${style.colour}" stroke-width="1.4"${dash} marker-end="url(#arrow-${kind})"/>`;
}

function boxElement(box: Box, kind: SagaNodeKind | 'state', dash?: string, rounding = 6): string {
  const { fill, stroke } = NODE_COLOURS[kind];
  const dashAttribute = dash ? ` stroke-dasharray="${dash}"` : '';
  const textX = box.x + box.width / 2;
  const tspans = box.lines
    .map((line, index) => {
      const y = box.y + TEXT_METRICS.paddingY + TEXT_METRICS.lineHeight * index + TEXT_METRICS.fontSize;
      return `<tspan x="${textX}" y="${y}"${index === 0 ? ' class="title"' : ''}>${escapeMarkup(line)}</tspan>`;
    })
    .join('');
  return [
    `<g class="node node-${kind}">`,
    `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="${rounding}" fill="${fill}" stroke="${stroke}" stroke-width="1.3"${dashAttribute}/>`,
    `<text text-anchor="middle">${tspans}</text>`,
    '</g>',
  ].join('');
}

/** Choices get round corners, final states a pill, the others the usual box. */
function roundingOf(state: StateNode, box: Box): number {
  if (state.type === 'Succeed' || state.type === 'Fail') return box.height / 2;
  return state.type === 'Choice' ? 14 : 6;
}
