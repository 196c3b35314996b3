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
export function renderChartSvg(
  spec: Record<string, unknown>,
  ids?: { titleId: string; descriptionId?: string },
): Promise<string> {
  // Content-addressed: the key is the spec itself (and the ids), so an entry can only be found by
  // whoever already holds the chart's data; what may be shown is decided before, on every request.
  const key = JSON.stringify([spec, ids?.titleId ?? null, ids?.descriptionId ?? null]);
  const cached = rendered.get(key);
  if (cached) {
    // Most recently used last, so the oldest is the first to go.
    rendered.delete(key);
    rendered.set(key, cached);
    return cached;
  }
  const svg = renderUncached(spec, ids);
  rendered.set(key, svg);
  svg.catch(() => rendered.delete(key));
  if (rendered.size > RENDERED_MAX) rendered.delete(rendered.keys().next().value!);
  return svg;
}

/**
 * Rendering a chart is vega's whole dataflow (~5 ms of CPU each; an op-orde page has several), and
 * the same report's page is read again and again with the very same specs: the SVGs of the most
 * recently used specs are kept, per process and bounded (issue 21).
 */
const RENDERED_MAX = 500;
const rendered = new Map<string, Promise<string>>();

/** How many rendered charts are kept (for tests). */
export function renderedChartsCached(): number {
  return rendered.size;
}

async function renderUncached(
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
