import { Layout } from '../layout.tsx';
import type { PageContext } from '../page-context.ts';
import { formatDutchDate, formatDutchDateTime } from '../../../platform/time/amsterdam-time.ts';
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

const PHASE_TEXT: Record<RoundPhase, string> = {
  upcoming: 'De aanleverperiode is nog niet begonnen.',
  delivery_open: 'De aanleverperiode is open: u kunt nu aanleveren en opnieuw aanleveren.',
  between: 'De aanleverperiode is gesloten. De intrekkingsperiode begint binnenkort.',
  withdrawal_open: 'De aanleverperiode is gesloten. U kunt nu een aanlevering intrekken.',
  closed: 'Deze ronde is afgesloten.',
};

const FILE_TYPES = ['Wmo', 'Wmo kosten', 'SBW', 'Jeugd'];

function halfYearLabel(code: string): string {
  return `${code.endsWith('H1') ? '1e' : '2e'} halfjaar ${code.slice(0, 4)}`;
}

export function HomeView({ round, ctx }: HomeViewModel) {
  return (
    <Layout title="Aanleveren Monitor Sociaal Domein" {...(ctx ? { ctx } : {})}>
      <h1 class="utrecht-heading-1">Aanleveren voor de Gemeentelijke Monitor Sociaal Domein</h1>
      <p class="utrecht-paragraph utrecht-paragraph--lead">
        Gemeenten en samenwerkingsverbanden leveren hier hun bestanden Wmo, Wmo kosten, SBW en Jeugd aan het
        CBS. U krijgt binnen enkele seconden een technisch rapport en daarna een op-orde rapport.
      </p>
      {round ? (
        <section aria-labelledby="ronde-titel">
          <h2 class="utrecht-heading-2" id="ronde-titel">
            Huidige ronde: {round.name}
          </h2>
          <p class="utrecht-paragraph" data-testid="round-phase">
            <strong>{PHASE_TEXT[round.phase]}</strong>
          </p>
          <dl class="ggk-round-facts">
            <dt>Aan te leveren</dt>
            <dd>
              <ul class="utrecht-unordered-list">
                {round.halfYears.map((h) => (
                  <li class="utrecht-unordered-list__item" key={h.code}>
                    {halfYearLabel(h.code)} ({formatDutchDate(h.start)} tot en met {formatDutchDate(h.end)})
                    {h.code === round.previousHalfYear ? ', als eerste levering of herlevering' : ''}
                  </li>
                ))}
              </ul>
            </dd>
            <dt>Bestanden per halfjaar</dt>
            <dd>{FILE_TYPES.join(', ')} (elk ten hoogste één geldige levering)</dd>
            <dt>Aanleverperiode</dt>
            <dd data-testid="delivery-window">
              {formatDutchDateTime(round.deliveryOpensAt)} tot en met{' '}
              {formatDutchDateTime(round.deliveryClosesAt)}
            </dd>
            {round.pilotTargetAt && (
              <>
                <dt>Streefdatum pilotdeelnemers</dt>
                <dd data-testid="pilot-target">{formatDutchDateTime(round.pilotTargetAt)}</dd>
              </>
            )}
            <dt>Intrekkingsperiode</dt>
            <dd data-testid="withdrawal-window">
              {formatDutchDateTime(round.withdrawalOpensAt)} tot en met{' '}
              {formatDutchDateTime(round.withdrawalClosesAt)}
            </dd>
            <dt>Deelnemers</dt>
            <dd>
              {round.participants.total} organisaties, waarvan {round.participants.pilot} pilotdeelnemers
            </dd>
            <dt>Technische controle</dt>
            <dd>Volgens specificatie {round.specVersion}</dd>
          </dl>
        </section>
      ) : (
        <p class="utrecht-paragraph" data-testid="round-phase">
          Er is nog geen aanleverronde ingesteld.
        </p>
      )}
    </Layout>
  );
}
