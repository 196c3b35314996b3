// GET /api/v1/cbs/files/:fileId: a delivered file, decrypted and exactly as delivered, streamed from
// the encrypted store; a Range header resumes a broken download (206).
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { openFileForCbs, readOfferedFile } from '../../../../modules/handover/index.ts';
import type { AppDeps } from '../../../app.ts';
import { problem } from '../../../problem.ts';
import { checkedByHandler, type ZodTypeProvider } from '../../../route-schemas.ts';
import {
  apiVersionHeader,
  binary,
  noQuery,
  problem as problemResponse,
  type Endpoint,
} from '../api-schemas.ts';
import { CBS_ACCESS, cbsSecurity, cbsTokenId, pathId } from './shared.ts';

type Range = { start: number; end: number } | 'unsatisfiable' | null;

/** One `bytes=` range (RFC 9110 14.1.2); several ranges or another unit: the whole file. */
export function parseRange(header: string | undefined, size: number): Range {
  if (header === undefined) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (!Number.isSafeInteger(start) || start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

async function* slice(source: AsyncIterable<Uint8Array>, start: number, end: number) {
  let position = 0;
  for await (const chunk of source) {
    const from = position;
    position += chunk.length;
    if (position <= start) continue;
    yield chunk.subarray(Math.max(0, start - from), Math.min(chunk.length, end + 1 - from));
    if (position > end) return;
  }
}

function asciiFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 200) || 'bestand.csv';
}

export const getCbsFile = {
  method: 'GET',
  url: '/api/v1/cbs/files/:fileId',
  schema: {
    summary: 'Een aangeleverd bestand, ontsleuteld en precies zoals aangeleverd (Range: hervatbaar)',
    description:
      'Streamt het bestand ontsleuteld, byte voor byte zoals de gemeente het aanleverde, met de SHA-256 in Repr-Digest. Met een Range-header gaat een afgebroken download verder (206).',
    operationId: 'getCbsFile',
    tags: ['CBS'],
    security: cbsSecurity,
    params: z.object({ fileId: pathId('Het fileId uit de feed.') }),
    querystring: noQuery(),
    // Parsed by the handler: a range it cannot serve is a 416 with Content-Range, not a 400.
    headers: checkedByHandler(
      z.object({
        range: z.string().optional().meta({
          description: 'Een deel van het bestand, bijvoorbeeld bytes=1048576- om een download te hervatten.',
        }),
      }),
    ),
    response: {
      200: {
        description: 'Het bestand',
        headers: {
          ...apiVersionHeader,
          'Repr-Digest': {
            description: 'SHA-256 van het hele bestand (RFC 9530): sha-256=:<base64>:',
            schema: z.string(),
          },
          'Content-Length': { description: 'Grootte in bytes', schema: z.int() },
        },
        content: { 'text/csv': { schema: binary() } },
      },
      206: {
        description: 'Het gevraagde deel van het bestand',
        headers: {
          ...apiVersionHeader,
          'Repr-Digest': { description: 'SHA-256 van het hele bestand (RFC 9530)', schema: z.string() },
          'Content-Range': { description: 'bytes start-eind/grootte', schema: z.string() },
        },
        content: { 'text/csv': { schema: binary() } },
      },
      401: problemResponse,
      403: problemResponse,
      404: problemResponse,
      410: problemResponse,
      416: problemResponse,
    },
  },
} as const satisfies Endpoint;

export function registerDownloadFile(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...getCbsFile,
    config: { access: CBS_ACCESS },
    handler: async (request, reply) => {
      const store = deps.delivery?.store;
      if (!store) throw new Error('the encrypted store is not configured');
      // The size is the file's, known before the fetch is recorded, so a refused range is recorded too.
      const header = typeof request.headers.range === 'string' ? request.headers.range : undefined;
      const file = await openFileForCbs(deps.db, {
        fileId: request.params.fileId,
        tokenId: cbsTokenId(request),
        now: deps.now(),
        rangeOf: (size: number) => parseRange(header, size),
      });
      const size = Number(file.bytes);
      const range = parseRange(header, size);
      reply
        .header('cache-control', 'no-store')
        .header('accept-ranges', 'bytes')
        .header('repr-digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`)
        .header('content-disposition', `attachment; filename="${asciiFileName(file.name)}"`)
        .type('text/csv');
      if (range === 'unsatisfiable') {
        reply.header('content-range', `bytes */${size}`);
        return problem(request, reply, 'cbs.range_not_satisfiable');
      }
      const source = await readOfferedFile(deps.db, store, file);
      if (range === null) {
        reply.header('content-length', String(size));
        return reply.status(200).send(Readable.from(source, { objectMode: false }));
      }
      reply
        .status(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
        .header('content-length', String(range.end - range.start + 1));
      return reply.send(Readable.from(slice(source, range.start, range.end), { objectMode: false }));
    },
  });
}
