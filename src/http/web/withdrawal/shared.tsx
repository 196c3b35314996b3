// What the withdrawal pages share: the wording of a part and a channel, the facts of the CBS form of
// a round, the deleted deliveries a withdrawal records, and the store a withdrawal erases from.
import { z } from 'zod';
import { formatDate, halfYearLabel } from '../../../modules/i18n/index.ts';
import type { Round } from '../../../modules/periods/index.ts';
import type { WithdrawalPart } from '../../../modules/withdrawals/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { amsterdamInstant } from '../../../platform/time/amsterdam-time.ts';
import type { AppDeps } from '../../app.ts';
import type { PageContext } from '../page-context.ts';

/** A form field as it arrives; the service checks it with its own Dutch messages (reasons up to 1000). */
export const formField = () => z.string().max(10_000).optional();
/** A part ("2017H2:wmo"): one string, or anything else that the handler turns into one it refuses. */
export const partField = () => z.union([z.string().max(2000), z.array(z.string().max(2000))]).optional();
/** The part as the service gets it: at most 40 characters, and not-one-string becomes '?'. */
export function partOf(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value.slice(0, 40) : value === undefined ? undefined : '?';
}

/** The days CBS accepts its withdrawal form for a round, in the visitor's language. */
export function cbsFormDaysText(ctx: PageContext, round: Round): string {
  const day = (d: string) => formatDate(ctx.locale, amsterdamInstant(d));
  return ctx.t('home.range', { from: day(round.cbsForm.opensOn), to: day(round.cbsForm.closesOn) });
}

/** Where the CBS withdrawal form of a round is found and sent, and on which days CBS accepts it. */
export function CbsFormFacts({ ctx, round, heading }: { ctx: PageContext; round: Round; heading: string }) {
  const { url, email } = round.cbsForm;
  return (
    <section aria-label={heading} data-testid="cbs-form-facts">
      <h2 class="utrecht-heading-2">{heading}</h2>
      <dl class="ggk-facts">
        <dt>{ctx.t('withdrawal.cbsForm.days')}</dt>
        <dd>{cbsFormDaysText(ctx, round)}</dd>
        <dt>{ctx.t('withdrawal.cbsForm.link')}</dt>
        <dd>
          {url ? (
            <a
              class="utrecht-link utrecht-link--html-a ggk-wrap-anywhere"
              href={url}
              rel="noopener noreferrer"
            >
              {ctx.t('withdrawal.cbsForm.linkText')}
            </a>
          ) : (
            ctx.t('withdrawal.cbsForm.notConfigured')
          )}
          {url && <span class="ggk-wrap-anywhere"> ({url})</span>}
        </dd>
        {email && (
          <>
            <dt>{ctx.t('withdrawal.cbsForm.send')}</dt>
            <dd>
              <a class="utrecht-link utrecht-link--html-a ggk-wrap-anywhere" href={`mailto:${email}`}>
                {email}
              </a>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

export function channelText(ctx: PageContext, channel: 'portal' | 'cbs_form'): string {
  return channel === 'portal' ? ctx.t('withdrawal.channel.portal') : ctx.t('withdrawal.channel.cbs_form');
}

/** "Alles van deze ronde", "2e halfjaar 2017 (alle bestandstypen)", "Wmo van 2e halfjaar 2017". */
export function partText(ctx: PageContext, part: Pick<WithdrawalPart, 'halfYear' | 'fileType'>): string {
  if (!part.halfYear) return ctx.t('withdrawal.part.all');
  const halfYear = halfYearLabel(ctx.locale, part.halfYear);
  return part.fileType
    ? ctx.t('withdrawal.part.fileType', { type: ctx.t(`common.fileType.${part.fileType}`), halfYear })
    : ctx.t('withdrawal.part.halfYear', { halfYear });
}

export interface DeletedDelivery {
  delivery_id: string;
  receipt_number: string;
  files: Array<{ id: string; name: string; bytes: number; sha256: string }>;
}

export function requireStore(deps: AppDeps) {
  if (!deps.delivery) throw new AppError('withdrawal.unavailable');
  return deps.delivery.store;
}
