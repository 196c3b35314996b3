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
