import { renderToString } from 'preact-render-to-string';
import type { FastifyReply } from 'fastify';
import type { JSX } from 'preact';

/** A full HTML document from a page's VNode. Text is escaped by preact; there is no raw-HTML path. */
export function renderDocument(page: JSX.Element): string {
  return `<!doctype html>${renderToString(page)}`;
}

/** Sends a rendered page with its status. */
export function sendPage(reply: FastifyReply, status: number, page: JSX.Element): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(renderDocument(page));
}
