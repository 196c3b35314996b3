import { randomBytes } from 'node:crypto';
import { renderToString } from 'preact-render-to-string';
import type { FastifyReply } from 'fastify';
import type { JSX } from 'preact';

/** A full HTML document from a page's VNode. Text is escaped by preact. */
export function renderDocument(page: JSX.Element): string {
  return `<!doctype html>${renderToString(page)}`;
}

/** Sends a rendered page with its status. */
export function sendPage(reply: FastifyReply, status: number, page: JSX.Element): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(renderDocument(page));
}

/**
 * The markup of a part of a page, rendered (and escaped) as the page would, to be kept and put into
 * a later page as it is (dangerouslySetInnerHTML): the round monitor's parts (issue 21).
 */
export function renderFragment(part: JSX.Element): string {
  return renderToString(part);
}

/** Per process and secret: no text a visitor or an organisation gives can hold a part's marker. */
const MARKER_SECRET = randomBytes(16).toString('hex');

/** Where the `n`th kept part goes in a page given to sendPageWithParts: put it there as text. */
export function partMarker(n: number): string {
  return `ggk-part-${MARKER_SECRET}-${n}`;
}

/**
 * Sends a page with kept parts (UTF-8 bytes of renderFragment's markup) where it has their markers
 * (partMarker(0), partMarker(1), …, each once, in order): the page's own text is rendered and encoded
 * per request, the parts are copied as they are (issue 21: encoding the round monitor's ~120 kB of
 * kept markup again cost more than the rest of a kept view's rendering).
 */
export function sendPageWithParts(
  reply: FastifyReply,
  status: number,
  page: JSX.Element,
  parts: readonly Buffer[],
): FastifyReply {
  const document = renderDocument(page);
  const chunks: Buffer[] = [];
  let from = 0;
  parts.forEach((part, n) => {
    const marker = partMarker(n);
    const at = document.indexOf(marker, from);
    if (at < 0 || document.includes(marker, at + marker.length))
      throw new Error(`part ${n}: its marker is not once in the page`);
    chunks.push(Buffer.from(document.slice(from, at)), part);
    from = at + marker.length;
  });
  chunks.push(Buffer.from(document.slice(from)));
  return reply.status(status).type('text/html; charset=utf-8').send(Buffer.concat(chunks));
}
