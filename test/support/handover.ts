// Helpers for the hand-over tests (CBS's side): generated valid files, uploads through the API, and
// reading CBS's feed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { planDelivery, readGeneratorSpec } from '../../src/modules/validation/generate/index.ts';
import type { Schema } from '../../src/modules/database-schema.ts';

const generatorSpec = readGeneratorSpec(JSON.parse(readFileSync('specs/gmsd/2017.json', 'utf8')));

/** A generated, valid file of a gemeente for a half year (type as in the spec: wmo, sbw, jeugd…). */
export function generatedFile(
  type: string,
  gemeente: string,
  seed: number,
  rows = 20,
  period = '2017H2',
): { name: string; bytes: Uint8Array<ArrayBuffer> } {
  const plan = planDelivery({ spec: generatorSpec, type, gemeente, period, rows, seed });
  return { name: plan.fileName, bytes: new Uint8Array(Buffer.concat([...plan.chunks()])) };
}

export async function uploadFiles(
  url: string,
  token: string,
  files: Array<{ name: string; bytes: Uint8Array<ArrayBuffer> }>,
  fields: Record<string, string> = {},
): Promise<string> {
  const body = new FormData();
  for (const [k, v] of Object.entries({ halfjaar: '2017H2', ...fields })) body.append(k, v);
  for (const f of files) body.append('bestanden', new Blob([f.bytes]), f.name);
  const res = await fetch(`${url}/api/v1/deliveries`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body,
  });
  assert.equal(res.status, 201, await res.clone().text());
  return ((await res.json()) as { id: string }).id;
}

export async function waitUntilChecked(db: Kysely<Schema>, ids: string[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await db
      .selectFrom('deliveries')
      .select('id')
      .where('id', 'in', ids)
      .where('checked_at', 'is', null)
      .execute();
    if (open.length === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('deliveries were not checked in time');
}

export interface FeedPage {
  items: Array<Record<string, unknown> & { cursor: string; kind: string; deliveryId: string }>;
  next: string;
}

export async function getFeed(url: string, token: string, after?: string, limit = 100): Promise<FeedPage> {
  const q = new URLSearchParams({ limit: String(limit) });
  if (after) q.set('after', after);
  const res = await fetch(`${url}/api/v1/cbs/handovers?${q}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()) as FeedPage;
}
