// Deliveries per day through the window as a hand-made SVG bar chart: no script and no inline style
// (presentation attributes only), so it renders under the CSP `default-src 'self'`. The chart has a
// title and a description for screen readers, and the table with the same numbers sits under it.
import { formatDate, type Locale } from '../../../modules/i18n/index.ts';
import { amsterdamInstant } from '../../../platform/time/amsterdam-time.ts';
import type { PageContext } from '../page-context.ts';

const WIDTH = 760;
const HEIGHT = 260;
const MARGIN = { top: 20, right: 12, bottom: 56, left: 44 };
const BAR = '#01689b';
const TEXT = '#1a1a1a';
const GRID = '#767676';
function dayLabel(locale: Locale, date: string): string {
  return formatDate(locale, amsterdamInstant(date, '12:00'));
}

function weekday(weekdays: string[], date: string): string {
  return weekdays[new Date(`${date}T12:00:00Z`).getUTCDay()]!;
}

/**
 * The axis values: from 0 in about four equal steps, the last at or above the highest bar (with 7 the
 * axis used to stop at 6 and the bar drew above it).
 */
export function ticks(max: number): number[] {
  const step = Math.max(1, Math.ceil(max / 4));
  const out = [0];
  while (out[out.length - 1]! < Math.max(max, step)) out.push(out[out.length - 1]! + step);
  return out;
}

export function DeliveriesPerDayChart({
  ctx,
  perDay,
  pilotTarget,
}: {
  ctx: Pick<PageContext, 't' | 'locale'>;
  perDay: Array<{ date: string; count: number }>;
  pilotTarget?: string | undefined;
}) {
  const { t, locale } = ctx;
  const dutchDay = (date: string) => dayLabel(locale, date);
  const weekdays = t('monitoring.chart.weekdays').split(',');
  const total = perDay.reduce((sum, d) => sum + d.count, 0);
  const busiest = perDay.reduce((best, d) => (d.count > (best?.count ?? -1) ? d : best), perDay[0]);
  const axis = ticks(Math.max(0, ...perDay.map((d) => d.count)));
  const top = axis[axis.length - 1]!;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const band = perDay.length > 0 ? plotWidth / perDay.length : plotWidth;
  const y = (v: number) => MARGIN.top + plotHeight - (v / top) * plotHeight;
  const first = perDay[0];
  const last = perDay[perDay.length - 1];
  const description =
    first && last
      ? t(total === 1 ? 'monitoring.chart.summaryOne' : 'monitoring.chart.summary', {
          total,
          from: dutchDay(first.date),
          to: dutchDay(last.date),
        }) +
        (busiest && busiest.count > 0
          ? t('monitoring.chart.busiest', { day: dutchDay(busiest.date), count: busiest.count })
          : '.')
      : t('monitoring.chart.noDays');
  const targetIndex = pilotTarget ? perDay.findIndex((d) => d.date === pilotTarget) : -1;
  return (
    <figure class="ggk-chart" aria-labelledby="grafiek-bijschrift">
      <svg
        role="img"
        aria-labelledby="grafiek-titel grafiek-omschrijving"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
        data-testid="deliveries-chart"
      >
        <title id="grafiek-titel">{t('monitoring.chart.title')}</title>
        <desc id="grafiek-omschrijving">{description}</desc>
        {axis.map((v) => (
          <g key={v}>
            <line
              x1={MARGIN.left}
              x2={WIDTH - MARGIN.right}
              y1={y(v)}
              y2={y(v)}
              stroke={GRID}
              stroke-width="0.5"
            />
            <text x={MARGIN.left - 6} y={y(v) + 4} text-anchor="end" font-size="12" fill={TEXT}>
              {v}
            </text>
          </g>
        ))}
        {perDay.map((d, i) => {
          const x = MARGIN.left + i * band;
          const h = MARGIN.top + plotHeight - y(d.count);
          return (
            <g key={d.date}>
              {d.count > 0 && (
                <rect x={x + band * 0.15} y={y(d.count)} width={band * 0.7} height={h} fill={BAR}>
                  <title>{`${dutchDay(d.date)}: ${d.count}`}</title>
                </rect>
              )}
              <text
                x={x + band / 2}
                y={HEIGHT - MARGIN.bottom + 16}
                text-anchor="middle"
                font-size="11"
                fill={TEXT}
              >
                {Number(d.date.slice(8, 10))}
              </text>
              <text
                x={x + band / 2}
                y={HEIGHT - MARGIN.bottom + 30}
                text-anchor="middle"
                font-size="10"
                fill={TEXT}
              >
                {weekday(weekdays, d.date)}
              </text>
            </g>
          );
        })}
        {targetIndex >= 0 && (
          <g>
            <line
              x1={MARGIN.left + (targetIndex + 1) * band}
              x2={MARGIN.left + (targetIndex + 1) * band}
              y1={MARGIN.top - 8}
              y2={MARGIN.top + plotHeight}
              stroke={TEXT}
              stroke-dasharray="4 3"
            />
            <text x={MARGIN.left + (targetIndex + 1) * band + 4} y={MARGIN.top} font-size="12" fill={TEXT}>
              {t('monitoring.chart.pilotTarget')}
            </text>
          </g>
        )}
        <line
          x1={MARGIN.left}
          x2={WIDTH - MARGIN.right}
          y1={MARGIN.top + plotHeight}
          y2={MARGIN.top + plotHeight}
          stroke={TEXT}
        />
        <text x={MARGIN.left} y={HEIGHT - 8} font-size="12" fill={TEXT}>
          {t('monitoring.chart.axis', {
            from: first ? dutchDay(first.date) : '',
            to: last ? dutchDay(last.date) : '',
          })}
        </text>
      </svg>
      <figcaption id="grafiek-bijschrift" class="utrecht-paragraph">
        {t('monitoring.chart.caption', { description })}
      </figcaption>
      <details class="ggk-chart__data">
        <summary>{t('monitoring.chart.tableSummary')}</summary>
        <div
          class="ggk-table-wrapper"
          tabIndex={0}
          role="region"
          aria-label={t('monitoring.chart.tableCaption')}
        >
          <table class="utrecht-table" data-testid="deliveries-per-day">
            <caption class="utrecht-table__caption">{t('monitoring.chart.tableCaption')}</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">
                  {t('monitoring.chart.day')}
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  {t('monitoring.chart.deliveries')}
                </th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {perDay.map((d) => (
                <tr class="utrecht-table__row" key={d.date}>
                  <th class="utrecht-table__header-cell" scope="row">
                    {weekday(weekdays, d.date)} {dutchDay(d.date)}
                  </th>
                  <td class="utrecht-table__cell">{d.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
