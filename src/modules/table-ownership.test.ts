// Table ownership as a check (ARCHITECTURE.md, "Direction of dependencies"): every table of
// migrations/*.sql has one owning module, and only that module's files write it (Kysely
// insertInto/updateTable/deleteFrom/mergeInto, or raw `insert into`/`update … set`/`delete from`/
// `merge into` in a sql`` template or string). Another module that needs a change in that table calls
// the owner's service. Reads are free. The scan parses every source file under src/ (tests excluded)
// with the TypeScript parser, so comments never count and a write hidden behind a computed table
// name (`sql.table(name)`, a variable) fails too: name the table where it is written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The one map of table → owner: the folder under src/ whose files alone may write the table. A new
 * table in a migration fails this test until it is named here.
 */
export const TABLE_OWNERS: Record<string, string> = {
  organisations: 'modules/organisations',
  collaboration_members: 'modules/organisations',
  rounds: 'modules/periods',
  round_participants: 'modules/periods',
  round_contacts: 'modules/periods',
  users: 'modules/users',
  user_roles: 'modules/users',
  invitations: 'modules/users',
  email_confirmations: 'modules/users',
  registration_requests: 'modules/users',
  staff_legal_subjects: 'modules/auth',
  login_flows: 'modules/auth',
  login_attempts: 'modules/auth',
  sessions: 'modules/auth',
  api_tokens: 'modules/auth',
  outbox: 'modules/notifications',
  deliveries: 'modules/deliveries',
  delivery_files: 'modules/deliveries',
  delivery_report_files: 'modules/deliveries',
  delivered_file_claims: 'modules/deliveries',
  delivery_idempotency_keys: 'modules/deliveries',
  pending_uploads: 'modules/deliveries',
  downloads: 'modules/deliveries',
  audit_entries: 'modules/audit',
  // Entries waiting for their commit (migration 0032-b): written by recordAudit, emptied by a trigger.
  audit_pending: 'modules/audit',
  audit_anchor_key: 'modules/audit',
  withdrawals: 'modules/withdrawals',
  content_reports: 'modules/reports',
  content_report_holds: 'modules/reports',
  reminders: 'modules/monitoring',
  pilot_feedback: 'modules/monitoring',
  regular_route_deliveries: 'modules/monitoring',
  // Written only by the triggers of migrations 0031-a and 0032-b (the monitor's version, read by the
  // monitor through the view monitor_version).
  monitor_version_counters: 'modules/monitoring',
  cbs_handover_feed: 'modules/handover',
  cbs_handover_files: 'modules/handover',
  cbs_file_fetches: 'modules/handover',
  cbs_receipts: 'modules/handover',
  cbs_file_verdicts: 'modules/handover',
  cbs_content_reports: 'modules/handover',
  cbs_erasure_confirmations: 'modules/handover',
  // Resumable (tus) uploads: the receiving side of http/, before a delivery exists.
  tus_uploads: 'http/deliveries',
  tus_upload_parts: 'http/deliveries',
  // The rate limits' shared counters (http/rate-limit-store.ts).
  rate_limit_counters: 'http',
  // The migration runner's own record of applied migrations (created by the runner, not a migration).
  schema_migrations: 'platform/db',
};

/** Tables in TABLE_OWNERS that no migration creates. */
const NOT_FROM_MIGRATIONS = ['schema_migrations'];

const ROOT = path.resolve(import.meta.dirname, '../..');
const MAY_WRITE =
  /insertInto|updateTable|deleteFrom|mergeInto|insert\s+into|delete\s+from|merge\s+into|update\s+\S+\s+(?:\S+\s+)?set\b/i;
const KYSELY_WRITES = new Set(['insertInto', 'updateTable', 'deleteFrom', 'mergeInto']);
const RAW_WRITE =
  /\b(insert\s+into|delete\s+from|merge\s+into)\s+(\$\{\}|(?:public\.)?"?[a-z_][a-z0-9_]*)|\bupdate\s+(\$\{\}|(?:public\.)?"?[a-z_][a-z0-9_]*)"?(?:\s+(?:as\s+)?[a-z_][a-z0-9_]*)?\s+set\b/gi;

export interface TableWrite {
  line: number;
  /** The table, or undefined when it is computed (a variable, `${sql.table(x)}`). */
  table: string | undefined;
  how: string;
}

function tableName(raw: string): string {
  return raw
    .replace(/^public\./i, '')
    .replace(/"/g, '')
    .trim()
    .split(/\s+/)[0]!
    .toLowerCase();
}

/** Every table write in one source text: Kysely builder calls and raw SQL in strings and templates. */
export function findTableWrites(fileName: string, text: string): TableWrite[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const writes: TableWrite[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const scanSql = (node: ts.Node, sqlText: string) => {
    for (const m of sqlText.matchAll(RAW_WRITE)) {
      const target = m[2] ?? m[3]!;
      const how = (m[1] ?? 'update').toLowerCase().replace(/\s+/g, ' ');
      writes.push({ line: lineOf(node), table: target === '${}' ? undefined : tableName(target), how });
    }
  };
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      KYSELY_WRITES.has(node.expression.name.text)
    ) {
      const arg = node.arguments[0];
      const literal = arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg));
      writes.push({
        line: lineOf(node),
        table: literal ? tableName(arg.text) : undefined,
        how: node.expression.name.text,
      });
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      scanSql(node, node.text);
    } else if (ts.isTemplateExpression(node)) {
      scanSql(node, [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('${}'));
      // The spans' expressions may hold SQL of their own (a nested sql`` fragment).
      node.templateSpans.forEach((s) => visit(s.expression));
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return writes;
}

const BUILDER_CALLS = new Set([...KYSELY_WRITES, 'selectFrom', 'selectNoFrom']);

/** The lines of Kysely query-builder calls (db.selectFrom(…) and the writes) in one source text. */
export function findQueryBuilderCalls(fileName: string, text: string): number[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const lines: number[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      BUILDER_CALLS.has(node.expression.name.text)
    )
      lines.push(source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return lines;
}

/** The tables the migrations leave behind, in order of creation. */
export function tablesOfMigrations(): string[] {
  const dir = path.join(ROOT, 'migrations');
  const tables = new Set<string>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    const text = readFileSync(path.join(dir, file), 'utf8').replace(/--.*$/gm, '');
    const statements =
      /\bcreate\s+(?:unlogged\s+|temp(?:orary)?\s+)?table\s+(?:if\s+not\s+exists\s+)?([a-z_][a-z0-9_.]*)|\balter\s+table\s+(?:if\s+exists\s+)?([a-z_][a-z0-9_.]*)\s+rename\s+to\s+([a-z_][a-z0-9_]*)|\bdrop\s+table\s+(?:if\s+exists\s+)?([a-z_][a-z0-9_.]*)/gi;
    for (const m of text.matchAll(statements)) {
      if (m[1]) tables.add(tableName(m[1]));
      if (m[2]) {
        tables.delete(tableName(m[2]));
        tables.add(tableName(m[3]!));
      }
      if (m[4]) tables.delete(tableName(m[4]));
    }
  }
  return [...tables];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** Every write under src/ by a folder that does not own the table, or to a table named nowhere. */
export function ownershipViolations(files = sourceFiles(path.join(ROOT, 'src'))): string[] {
  const violations: string[] = [];
  for (const file of files) {
    const relative = path.relative(path.join(ROOT, 'src'), file).split(path.sep).join('/');
    const folder = path.posix.dirname(relative);
    const text = readFileSync(file, 'utf8');
    // Parsing costs; a file without any of the words cannot write.
    if (!MAY_WRITE.test(text)) continue;
    for (const write of findTableWrites(file, text)) {
      const where = `src/${relative}:${write.line}`;
      if (write.table === undefined) {
        violations.push(`${where}: ${write.how} on a computed table; name the table where it is written`);
        continue;
      }
      const owner = TABLE_OWNERS[write.table];
      if (owner === undefined) {
        violations.push(`${where}: ${write.how} ${write.table}, a table without an owner in TABLE_OWNERS`);
      } else if (owner !== folder) {
        violations.push(
          `${where}: ${write.how} ${write.table}, owned by src/${owner}; call that module's service instead`,
        );
      }
    }
  }
  return violations;
}

test('every table of the migrations has exactly one owner, and every owner is a table and a folder', () => {
  const tables = tablesOfMigrations();
  assert.ok(tables.includes('users') && tables.includes('tus_uploads'), 'the migrations were read');
  const unowned = tables.filter((t) => !(t in TABLE_OWNERS));
  assert.deepEqual(
    unowned,
    [],
    `tables without an owner: name them in TABLE_OWNERS (${import.meta.filename})`,
  );
  const stale = Object.keys(TABLE_OWNERS).filter(
    (t) => !tables.includes(t) && !NOT_FROM_MIGRATIONS.includes(t),
  );
  assert.deepEqual(stale, [], 'TABLE_OWNERS names tables the migrations do not create');
  for (const owner of new Set(Object.values(TABLE_OWNERS))) {
    assert.ok(readdirSync(path.join(ROOT, 'src', owner)).length > 0, `owner folder src/${owner}`);
  }
});

test('the scanner finds Kysely and raw SQL writes, computed tables, and ignores comments and reads', () => {
  const text = [
    '// update users set name = 1 (a comment, not a write)',
    "await db.insertInto('users').values(v).execute();",
    "await db.updateTable('invitations as i').set(v).execute();",
    'await db.deleteFrom(table).execute();',
    "await db.selectFrom('sessions').selectAll().execute();",
    'await sql`insert into public.outbox (a) values (${a})`.execute(db);',
    'await sql`update rounds r set cbs_report_only = ${x} where r.id = ${y}`.execute(db);',
    'await sql`update ${sql.table(t)} set wrapped_key = ${k}`.execute(db);',
    "const CLEAN = 'delete from rate_limit_counters where resets_at <= now()';",
  ].join('\n');
  assert.deepEqual(
    findTableWrites('example.ts', text).map((w) => `${w.line} ${w.how} ${w.table ?? '?'}`),
    [
      '2 insertInto users',
      '3 updateTable invitations',
      '4 deleteFrom ?',
      '6 insert into outbox',
      '7 update rounds',
      '8 update ?',
      '9 delete from rate_limit_counters',
    ],
  );
});

test('only the owning module writes a table (others call its service)', () => {
  const violations = ownershipViolations();
  assert.deepEqual(violations, [], `writes outside the owner:\n${violations.join('\n')}`);
});

test('Kysely queries only in *-repository.ts and platform/db (dependency-cruiser sees only sql`` imports)', () => {
  const misplaced: string[] = [];
  for (const file of sourceFiles(path.join(ROOT, 'src'))) {
    const relative = path.relative(path.join(ROOT, 'src'), file).split(path.sep).join('/');
    if (relative.endsWith('-repository.ts') || relative.startsWith('platform/db/')) continue;
    const text = readFileSync(file, 'utf8');
    if (!/\.(selectFrom|selectNoFrom|insertInto|updateTable|deleteFrom|mergeInto)\(/.test(text)) continue;
    for (const line of findQueryBuilderCalls(file, text)) misplaced.push(`src/${relative}:${line}`);
  }
  assert.deepEqual(
    misplaced,
    [],
    `queries outside a repository; move them into one:\n${misplaced.join('\n')}`,
  );
});
