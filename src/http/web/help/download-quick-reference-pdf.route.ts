// The quick reference as a PDF (GET /help/snelstart.pdf, public): the same text as /help/snelstart,
// in the visitor's language, as a tagged PDF (platform/pdf).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { findCurrentRound } from '../../../modules/periods/index.ts';
import { renderPdf, type PdfBlock } from '../../../platform/pdf/pdf-document.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { pageContext } from '../page-context.ts';
import { PUBLIC, quickReference } from './shared.ts';

export const downloadQuickReferencePdfRoute = {
  method: 'GET',
  url: '/help/snelstart.pdf',
  schema: { querystring: z.object({}) },
} as const;

export function registerDownloadQuickReferencePdf(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...downloadQuickReferencePdfRoute,
    config: PUBLIC,
    handler: async (request, reply) => {
      const { t, locale } = pageContext(request, reply, deps);
      const round = await findCurrentRound(deps.db, deps.now());
      const blocks: PdfBlock[] = [{ kind: 'heading', level: 1, text: `ggk - ${t('help.quick.title')}` }];
      for (const section of quickReference(t, locale, round, request.contacts)) {
        blocks.push({ kind: 'heading', level: 2, text: section.title });
        for (const text of section.paragraphs) blocks.push({ kind: 'paragraph', text });
        if (section.steps) blocks.push({ kind: 'list', items: section.steps });
      }
      const pdf = await renderPdf({
        title: `ggk - ${t('help.quick.title')}`,
        lang: locale === 'en' ? 'en-GB' : 'nl-NL',
        footer: (page, pages) => t('help.quick.pdfFooter', { page, pages }),
        blocks,
      });
      return reply
        .header(
          'content-disposition',
          `attachment; filename="${locale === 'en' ? 'ggk-quick-reference' : 'ggk-snelstart'}.pdf"`,
        )
        .header('cache-control', 'no-store')
        .type('application/pdf')
        .send(pdf);
    },
  });
}
