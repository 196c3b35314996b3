// The round monitor pages its matrix (50 gemeenten a page, issue 20): tests that look for a
// gemeente's row read every page, one after the other.
import type { WebClient } from './web-client.ts';

/** The monitor with every page of its matrix one after the other. */
export async function wholeMonitor(client: WebClient): Promise<string> {
  const first = await (await client.get('/monitor')).text();
  const pages = Math.max(1, ...[...first.matchAll(/[?&;]pagina=(\d+)/g)].map((m) => Number(m[1])));
  const rest = [];
  for (let page = 2; page <= pages; page++)
    rest.push(await (await client.get(`/monitor?pagina=${page}`)).text());
  return [first, ...rest].join('\n');
}
