// An example file (GET /help/voorbeeldbestanden/:type): made on request by ggk's generator for the
// current round's half year, small, with the made-up BSNs it makes; an unknown type or no round is
// 404. Only for a logged-in user (any role): the generator's BSNs pass the elfproef and may be real
// people's numbers, so they are not on a public address (issue 20; the help page itself is public).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { findCurrentRound } from '../../../modules/periods/index.ts';
import { FILE_TYPES, type FileType } from '../../../modules/validation/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { exampleFile, LOGGED_IN } from './shared.ts';

export const downloadExampleFileRoute = {
  method: 'GET',
  url: '/help/voorbeeldbestanden/:type',
  schema: {
    querystring: z.object({}),
    // Any text: an unknown type answers 404 like an unknown page.
    params: z.object({ type: z.string().max(100) }),
  },
} as const;

export function registerDownloadExampleFile(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...downloadExampleFileRoute,
    config: LOGGED_IN,
    handler: async (request, reply) => {
      const type = request.params.type;
      if (!(FILE_TYPES as readonly string[]).includes(type)) return reply.callNotFound();
      const round = await findCurrentRound(deps.db, deps.now());
      const file = round && exampleFile(round, type as FileType);
      if (!file) return reply.callNotFound();
      return reply
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'no-store')
        .type('text/csv; charset=utf-8')
        .send(file.bytes);
    },
  });
}
