// `npm run bench:pages -- --profile`: where a page's time goes in our process. The real app is built
// in this process (createRuntime + startWeb, as bench/explain-pages.ts does) on the bench's database;
// each page is requested `requests` times by `connections` users at once under node:inspector's CPU
// profiler, and the functions with the most self time are reported (with their file and line).
import { Session } from 'node:inspector/promises';
import type { Schema } from '../src/modules/database-schema.ts';
import { connectDatabase } from '../src/platform/db/database.ts';
import { startInProcessApp } from './in-process-app.ts';

export interface ProfiledPage {
  page: string;
  requests: number;
  /** CPU milliseconds per request, by function (self time), the top ones. */
  top: Array<{ fn: string; where: string; msPerRequest: number; percent: number }>;
  /** Our own functions (src/) by total time, callees included. */
  ownTotal: Array<{ fn: string; where: string; msPerRequest: number; percent: number }>;
  msPerRequest: number;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

export async function profilePages(input: {
  databaseUrl: string;
  env: Record<string, string | undefined>;
  pages: Array<{ name: string; path: string; cookies: string[] }>;
  requests: number;
  connections: number;
}): Promise<ProfiledPage[]> {
  const database = connectDatabase<Schema>(input.databaseUrl, { max: 10 });
  const app = await startInProcessApp({ ...input, name: 'profile-pages', database });
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  try {
    const { url } = app;
    const out: ProfiledPage[] = [];
    for (const page of input.pages) {
      let n = 0;
      const get = async (cookie: string) => {
        const r = await fetch(`${url}${page.path}`, {
          headers: { cookie, accept: 'text/html' },
          redirect: 'manual',
        });
        await r.arrayBuffer();
        if (r.status !== 200) throw new Error(`${page.path}: ${r.status}`);
      };
      for (const c of page.cookies.slice(0, 3)) await get(c);
      await session.post('Profiler.start');
      await Promise.all(
        Array.from({ length: input.connections }, async (_, u) => {
          while (n++ < input.requests) await get(page.cookies[u % page.cookies.length]!);
        }),
      );
      const { profile } = (await session.post('Profiler.stop')) as unknown as {
        profile: { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[] };
      };
      const totalUs = profile.endTime - profile.startTime;
      const perSample = totalUs / profile.samples.length;
      const self = new Map<string, { fn: string; where: string; us: number }>();
      const byId = new Map(profile.nodes.map((node) => [node.id, node]));
      const hits = new Map<number, number>();
      for (const s of profile.samples) hits.set(s, (hits.get(s) ?? 0) + 1);
      const parentOf = new Map<number, number>();
      for (const node of profile.nodes) for (const c of node.children ?? []) parentOf.set(c, node.id);
      const total = new Map<string, { fn: string; where: string; us: number }>();
      const whereOf = (node: ProfileNode) =>
        `${node.callFrame.url.replace(/^.*\/(node_modules|src)\//, '$1/')}:${node.callFrame.lineNumber + 1}`;
      for (const [id, count] of hits) {
        const fn0 = byId.get(id)!.callFrame.functionName;
        if (fn0 === '(idle)' || fn0 === '(program)') continue;
        const seen = new Set<string>();
        for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
          const node = byId.get(at)!;
          if (!node.callFrame.url.includes('/src/')) continue;
          const fn = node.callFrame.functionName || '(anonymous)';
          const key = `${fn} ${whereOf(node)}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const entry = total.get(key) ?? { fn, where: whereOf(node), us: 0 };
          entry.us += count * perSample;
          total.set(key, entry);
        }
      }
      let busyUs = 0;
      for (const [id, count] of hits) {
        const node = byId.get(id)!;
        const fn = node.callFrame.functionName || '(anonymous)';
        if (fn === '(idle)' || fn === '(program)') continue;
        const where = `${node.callFrame.url.replace(/^.*\/(node_modules|src)\//, '$1/')}:${node.callFrame.lineNumber + 1}`;
        const key = `${fn} ${where}`;
        const entry = self.get(key) ?? { fn, where, us: 0 };
        entry.us += count * perSample;
        busyUs += count * perSample;
        self.set(key, entry);
      }
      const top = topOf(self.values(), busyUs, input.requests);
      const ownTotal = topOf(total.values(), busyUs, input.requests);
      out.push({
        page: page.name,
        requests: input.requests,
        top,
        ownTotal,
        msPerRequest: Math.round((busyUs / 1000 / input.requests) * 10) / 10,
      });
    }
    return out;
  } finally {
    session.disconnect();
    await app.close();
    await database.close();
  }
}

/** The 25 costliest entries, as milliseconds per request and a share of the busy time. */
function topOf(
  entries: Iterable<{ fn: string; where: string; us: number }>,
  busyUs: number,
  requests: number,
) {
  return [...entries]
    .sort((a, b) => b.us - a.us)
    .slice(0, 25)
    .map((e) => ({
      fn: e.fn,
      where: e.where,
      msPerRequest: Math.round((e.us / 1000 / requests) * 100) / 100,
      percent: Math.round((e.us / busyUs) * 1000) / 10,
    }));
}

export function formatProfiled(pages: ProfiledPage[]): string {
  const lines: string[] = ['CPU-profiel (eigen tijd per functie, ms per verzoek):'];
  for (const p of pages) {
    lines.push(`\n${p.page}: ${p.msPerRequest} ms CPU per verzoek (${p.requests} verzoeken)`);
    const row = (t: ProfiledPage['top'][number]) =>
      `  ${String(t.msPerRequest).padStart(7)} ms ${String(t.percent).padStart(5)}%  ${t.fn}  ${t.where}`;
    lines.push(...p.top.map(row), '  onze functies (src/), met wat ze aanroepen:', ...p.ownTotal.map(row));
  }
  return lines.join('\n');
}
