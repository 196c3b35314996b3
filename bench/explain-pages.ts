// `npm run bench:pages -- --explain`: the queries behind each page, with their plans (issue 21: "the
// queries behind the op-orde page and the monitor measured (EXPLAIN ANALYZE with the surge's 1,500
// deliveries)"). The real app is built in this process by the composition root (createRuntime +
// startWeb, as `ggk serve`) on the bench's database; every statement a page's request sends is
// recorded from the pool's connections, then each SELECT runs again under EXPLAIN (ANALYZE, BUFFERS)
// with the same parameters on a connection of its own. Reported per page: the statements, their
// summed execution time, and the slowest with their plan's sequential scans; the rest of the page's
// time is rendering (measured as the request's time minus the statements').
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import type { Schema } from '../src/modules/database-schema.ts';
import { connectDatabase } from '../src/platform/db/database.ts';
import { startInProcessApp } from './in-process-app.ts';

export interface ExplainedStatement {
  /** The statement's first 160 characters, whitespace folded. */
  sql: string;
  executionMs: number;
  planningMs: number;
  /** Tables read by a sequential scan, with the rows the scan returned and removed by its filter. */
  seqScans: Array<{ table: string; rows: number; removedByFilter: number }>;
  topNode: string;
}

export interface ExplainedPage {
  page: string;
  path: string;
  requestMs: number;
  statements: number;
  selects: number;
  executionMsTotal: number;
  slowest: ExplainedStatement[];
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

function seqScansOf(node: PlanNode, into: ExplainedStatement['seqScans'] = []) {
  if (node['Node Type'] === 'Seq Scan' && node['Relation Name'])
    into.push({
      table: node['Relation Name'],
      rows: (node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1),
      removedByFilter: (node['Rows Removed by Filter'] ?? 0) * (node['Actual Loops'] ?? 1),
    });
  for (const child of node.Plans ?? []) seqScansOf(child, into);
  return into;
}

export async function explainPages(input: {
  databaseUrl: string;
  env: Record<string, string | undefined>;
  pages: Array<{ name: string; path: string; cookie: string }>;
}): Promise<ExplainedPage[]> {
  const recorded: Array<{ text: string; values: unknown[] }> = [];
  let recording = false;
  const database = connectDatabase<Schema>(input.databaseUrl, { max: 4 });
  database.pool.on('connect', (client: pg.PoolClient) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      if (recording && typeof args[0] === 'string')
        recorded.push({ text: args[0], values: Array.isArray(args[1]) ? (args[1] as unknown[]) : [] });
      return query(...args);
    };
  });
  const app = await startInProcessApp({ ...input, name: 'explain-pages', database });
  const explainer = connectDatabase<Schema>(input.databaseUrl, { max: 1 });
  try {
    const { url } = app;
    const out: ExplainedPage[] = [];
    for (const page of input.pages) {
      const get = () =>
        fetch(`${url}${page.path}`, {
          headers: { cookie: page.cookie, accept: 'text/html' },
          redirect: 'manual',
        });
      // Once to warm caches (templates, prepared plans, the page's first-use work), once measured.
      await (await get()).arrayBuffer();
      recorded.length = 0;
      recording = true;
      const started = performance.now();
      const response = await get();
      await response.arrayBuffer();
      const requestMs = performance.now() - started;
      recording = false;
      if (response.status !== 200) throw new Error(`${page.path}: ${response.status}`);
      const statements = [...recorded];
      const explained: ExplainedStatement[] = [];
      for (const s of statements) {
        if (!/^\s*(select|with)\b/i.test(s.text)) continue;
        // EXPLAIN ANALYZE runs the statement, and a select can write too: the audit trail's
        // `select ... from audit_append(...)` (migration 0031-b) is a write, left out as inserts are
        // (run again it would repeat the entry's id). Each runs in a transaction rolled back, so no
        // other select that writes leaves anything behind.
        if (/\baudit_append\(/.test(s.text)) continue;
        const client = await explainer.pool.connect();
        let rows: Array<{ 'QUERY PLAN': unknown }>;
        try {
          await client.query('begin');
          ({ rows } = await client.query<{ 'QUERY PLAN': unknown }>(
            `explain (analyze, buffers, format json) ${s.text}`,
            s.values,
          ));
        } finally {
          await client.query('rollback').catch(() => undefined);
          client.release();
        }
        const [plan] = rows[0]!['QUERY PLAN'] as Array<{
          Plan: PlanNode;
          'Execution Time': number;
          'Planning Time': number;
        }>;
        explained.push({
          sql: s.text.replace(/\s+/g, ' ').trim().slice(0, 160),
          executionMs: Math.round(plan!['Execution Time'] * 100) / 100,
          planningMs: Math.round(plan!['Planning Time'] * 100) / 100,
          seqScans: seqScansOf(plan!.Plan),
          topNode: plan!.Plan['Node Type'],
        });
      }
      explained.sort((a, b) => b.executionMs - a.executionMs);
      out.push({
        page: page.name,
        path: page.path,
        requestMs: Math.round(requestMs * 10) / 10,
        statements: statements.length,
        selects: explained.length,
        executionMsTotal: Math.round(explained.reduce((n, e) => n + e.executionMs, 0) * 100) / 100,
        slowest: explained.slice(0, 5),
      });
    }
    return out;
  } finally {
    await explainer.close();
    await app.close();
    await database.close();
  }
}

export function formatExplained(pages: ExplainedPage[]): string {
  const lines: string[] = ['Query-plannen (EXPLAIN ANALYZE), per pagina één verzoek na een eerste:'];
  for (const p of pages) {
    lines.push(
      `\n${p.page} (${p.path}): verzoek ${p.requestMs} ms, ${p.statements} statements (${p.selects} SELECT), samen ${p.executionMsTotal} ms uitvoering in PostgreSQL`,
    );
    for (const s of p.slowest) {
      const scans = s.seqScans
        .filter((scan) => scan.rows + scan.removedByFilter > 1000)
        .map((scan) => `seq scan ${scan.table} (${scan.rows} rijen, ${scan.removedByFilter} weggefilterd)`);
      lines.push(
        `  ${String(s.executionMs).padStart(8)} ms  ${s.topNode}${scans.length > 0 ? `; ${scans.join(', ')}` : ''}\n            ${s.sql}`,
      );
    }
  }
  return lines.join('\n');
}
