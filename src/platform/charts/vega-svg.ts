// Charts as static SVG, rendered on the server: vega-lite compiles the spec, a headless vega View
// (renderer 'none') draws it to an SVG string. No script and no style attribute or element in the
// result, so a page with CSP `default-src 'self'` (no unsafe-inline) shows it as is.
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Strips the attributes and elements a strict CSP would block, in case a vega version emits them. */
export function stripInlineStyleAndScript(svg: string): string {
  return svg
    .replace(/<script[\s\S]*?<\/script>/gi, '')
    .replace(/<style[\s\S]*?<\/style>/gi, '')
    .replace(/\s(style|on[a-z]+)="[^"]*"/gi, '');
}

/**
 * The chart as an SVG string. The root gets role="img" and aria-labelledby pointing at `titleId` (and
 * `descriptionId`), so the text alternative lives in the page next to the chart.
 */
export async function renderChartSvg(
  spec: Record<string, unknown>,
  ids?: { titleId: string; descriptionId?: string },
): Promise<string> {
  const compiled = compile(spec as unknown as TopLevelSpec).spec;
  const view = new View(parse(compiled), { renderer: 'none' });
  try {
    // The chart is one image with its text alternative in the page; vega's own roles and (English)
    // labels on groups and marks would make each bar an image of its own without a Dutch name.
    const svg = stripInlineStyleAndScript(await view.toSVG()).replace(
      /\s(role|aria-roledescription|aria-label)="[^"]*"/g,
      '',
    );
    if (!ids) return svg;
    const labelled = [ids.titleId, ids.descriptionId].filter(Boolean).join(' ');
    return svg.replace(/^<svg /, `<svg role="img" aria-labelledby="${labelled}" focusable="false" `);
  } finally {
    view.finalize();
  }
}
