import { renderToString } from 'preact-render-to-string';
import type { JSX } from 'preact';

/** A full HTML document from a page's VNode. Text is escaped by preact; there is no raw-HTML path. */
export function renderDocument(page: JSX.Element): string {
  return `<!doctype html>${renderToString(page)}`;
}
