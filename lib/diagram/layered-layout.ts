import { SAGA_COLUMNS, type BusGraph, type SagaColumn, type SagaNode } from './saga-graph';
import { boxSize } from './text-metrics';

/** A placed box: top-left corner and size, in SVG user units (pixels). */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly lines: readonly string[];
}

export interface ColumnHeading {
  readonly title: string;
  readonly x: number;
  readonly width: number;
}

export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly boxes: ReadonlyMap<string, Box>;
  readonly headings: readonly ColumnHeading[];
}

/** Spacing of the layouts, in pixels. */
export const LAYOUT_SPACING = {
  margin: 20,
  headingHeight: 30,
  columnGap: 84,
  rowGap: 14,
} as const;

const COLUMN_TITLES: Readonly<Record<SagaColumn, string>> = {
  producer: 'producers',
  event: 'events',
  rule: 'rules',
  target: 'targets',
  consumer: 'consumers',
};

/**
 * Places a bus graph in five columns, in the order the graph gives. Every node is put level with
 * the mean of its neighbours in the column it is wired from (events for producers, the rules for
 * events, the column on the left for the rest), or just below the node above it if that is
 * lower, so that boxes never overlap and most edges run straight.
 */
export function layOutBus(bus: BusGraph): Layout {
  const columns = SAGA_COLUMNS.filter((column) => bus.nodes.some((node) => node.column === column));
  const boxes = new Map<string, Box>();
  const headings: ColumnHeading[] = [];
  const top = LAYOUT_SPACING.margin + LAYOUT_SPACING.headingHeight;
  let x: number = LAYOUT_SPACING.margin;
  const sizes = new Map(bus.nodes.map((node) => [node.id, boxSize(node.lines)]));
  const columnX = new Map<SagaColumn, { x: number; width: number }>();
  for (const column of columns) {
    const width = Math.max(
      ...bus.nodes.filter((node) => node.column === column).map((node) => sizes.get(node.id)!.width),
    );
    columnX.set(column, { x, width });
    headings.push({ title: COLUMN_TITLES[column], x, width });
    x += width + LAYOUT_SPACING.columnGap;
  }
  const centreOf = (id: string) => {
    const box = boxes.get(id);
    return box === undefined ? undefined : box.y + box.height / 2;
  };
  const neighboursOf = (node: SagaNode, column: SagaColumn, secondPass: boolean): string[] => {
    if (column === 'producer') return bus.edges.flatMap((edge) => (edge.from === node.id ? [edge.to] : []));
    if (column === 'event') {
      // First pass: stacked; second pass: level with the rules that select the event.
      return secondPass
        ? bus.edges.flatMap((edge) => (edge.from === node.id && edge.kind === 'selects' ? [edge.to] : []))
        : [];
    }
    return bus.edges.flatMap((edge) => (edge.to === node.id ? [edge.from] : []));
  };
  const place = (column: SagaColumn, secondPass: boolean) => {
    const slot = columnX.get(column);
    if (slot === undefined) return;
    let cursor = top;
    for (const node of bus.nodes.filter((candidate) => candidate.column === column)) {
      const size = sizes.get(node.id)!;
      const centres = neighboursOf(node, column, secondPass).flatMap((id) => {
        const centre = centreOf(id);
        return centre === undefined ? [] : [centre];
      });
      const wanted =
        node.catchAll || centres.length === 0
          ? cursor
          : centres.reduce((sum, value) => sum + value, 0) / centres.length - size.height / 2;
      const y = Math.max(cursor, Math.round(wanted));
      // Boxes are centred in their column, so narrow ones do not hug the left edge.
      boxes.set(node.id, { x: slot.x + Math.round((slot.width - size.width) / 2), y, ...size, lines: node.lines });
      cursor = y + size.height + LAYOUT_SPACING.rowGap;
    }
  };
  // Events anchor everything: stacked first, then spread level with their rules (which are
  // taller), and everything else placed again from the spread events.
  for (const secondPass of [false, true]) {
    for (const column of ['event', 'producer', 'rule', 'target', 'consumer'] as const) place(column, secondPass);
  }
  const bottom = Math.max(top, ...[...boxes.values()].map((box) => box.y + box.height));
  return {
    width: x - LAYOUT_SPACING.columnGap + LAYOUT_SPACING.margin,
    height: bottom + LAYOUT_SPACING.margin,
    boxes,
    headings,
  };
}
