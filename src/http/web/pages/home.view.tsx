import { Dutch } from '../components.tsx';
import { Layout } from '../layout.tsx';
import { languageContext, type PageContext } from '../page-context.ts';
import { formatDate, formatDateTime, halfYearLabel } from '../../../modules/i18n/index.ts';
import type { Round, RoundPhase } from '../../../modules/periods/index.ts';

export interface HomeViewModel {
  ctx?: PageContext;
  round:
    | (Round & {
        phase: RoundPhase;
        halfYears: Array<{ code: string; start: Date; end: Date }>;
        participants: { total: number; pilot: number };
      })
    | undefined;
}

export function HomeView({ round, ctx }: HomeViewModel) {
  const { t, tx, locale } = ctx ?? languageContext('nl');
  const dateTime = (d: Date) => formatDateTime(locale, d);
  return (
    <Layout title={t('home.title')} {...(ctx ? { ctx } : {})}>
      <h1 class="utrecht-heading-1">{t('home.heading')}</h1>
      <p class="utrecht-paragraph utrecht-paragraph--lead">{t('home.lead')}</p>
      {round ? (
        <section aria-labelledby="ronde-titel">
          <h2 class="utrecht-heading-2" id="ronde-titel">
            {tx('home.round', { name: <Dutch>{round.name}</Dutch> })}
          </h2>
          <p class="utrecht-paragraph" data-testid="round-phase">
            <strong>{t(`home.phase.${round.phase}`)}</strong>
          </p>
          <dl class="ggk-round-facts">
            <dt>{t('home.toDeliver')}</dt>
            <dd>
              <ul class="utrecht-unordered-list">
                {round.halfYears.map((h) => (
                  <li class="utrecht-unordered-list__item" key={h.code}>
                    {t('home.halfYear', {
                      label: halfYearLabel(locale, h.code),
                      start: formatDate(locale, h.start),
                      end: formatDate(locale, h.end),
                    })}
                    {h.code === round.previousHalfYear ? t('home.previousHalfYear') : ''}
                  </li>
                ))}
              </ul>
            </dd>
            <dt>{t('home.filesPerHalfYear')}</dt>
            <dd>{t('home.filesList')}</dd>
            <dt>{t('home.deliveryWindow')}</dt>
            <dd data-testid="delivery-window">
              {t('home.range', {
                from: dateTime(round.deliveryOpensAt),
                to: dateTime(round.deliveryClosesAt),
              })}
            </dd>
            {round.pilotTargetAt && (
              <>
                <dt>{t('home.pilotTarget')}</dt>
                <dd data-testid="pilot-target">{dateTime(round.pilotTargetAt)}</dd>
              </>
            )}
            <dt>{t('home.withdrawalWindow')}</dt>
            <dd data-testid="withdrawal-window">
              {t('home.range', {
                from: dateTime(round.withdrawalOpensAt),
                to: dateTime(round.withdrawalClosesAt),
              })}
            </dd>
            <dt>{t('home.participants')}</dt>
            <dd>
              {t('home.participantsText', {
                total: round.participants.total,
                pilot: round.participants.pilot,
              })}
            </dd>
            <dt>{t('home.technicalCheck')}</dt>
            <dd>{t('home.spec', { spec: round.specVersion })}</dd>
          </dl>
        </section>
      ) : (
        <p class="utrecht-paragraph" data-testid="round-phase">
          {t('home.noRound')}
        </p>
      )}
    </Layout>
  );
}
