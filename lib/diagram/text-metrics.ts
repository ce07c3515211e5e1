/**
 * Sizes of node text in the SVG. Labels are set in a monospace font, whose every character is
 * 0.6 em wide, so that box widths computed here (without a browser) always hold their text.
 */
export const TEXT_METRICS = {
  fontFamily: "'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, monospace",
  fontSize: 12,
  /** 0.6 em, rounded up: monospace fonts are 0.6 em wide; the margin covers hinting. */
  charWidth: 7.4,
  lineHeight: 16,
  paddingX: 12,
  paddingY: 9,
} as const;

/** The size of a box holding these lines (the first is the title). */
export function boxSize(lines: readonly string[], minWidth = 110): { width: number; height: number } {
  const longest = Math.max(0, ...lines.map((line) => [...line].length));
  return {
    width: Math.max(minWidth, Math.ceil(longest * TEXT_METRICS.charWidth + 2 * TEXT_METRICS.paddingX)),
    height: lines.length * TEXT_METRICS.lineHeight + 2 * TEXT_METRICS.paddingY,
  };
}
