// One clear state for a withdrawn or purged delivery, on every page that shows it (the delivery
// page, the op-orde page): what was erased, when, by whom and how, and that it is gone for good —
// instead of a check "still running" or a report that "follows within seconds".
import type { DeliveryErasure } from '../../modules/deliveries/index.ts';
import { formatDateTime } from '../../modules/i18n/index.ts';
import { Notice } from './components.tsx';
import type { PageContext } from './page-context.ts';

export function erasureText(ctx: PageContext, erasure: DeliveryErasure): string {
  const when = formatDateTime(ctx.locale, erasure.at);
  if (erasure.kind === 'purged') return ctx.t('deliveries.erased.purged', { when });
  const how =
    erasure.channel === 'cbs_form'
      ? ctx.t('deliveries.erased.viaForm', {
          who: erasure.by ?? ctx.t('deliveries.erased.cbs'),
          reference: erasure.formReference ?? '',
        })
      : ctx.t('deliveries.erased.viaPortal', { who: erasure.by ?? ctx.t('deliveries.erased.someone') });
  return ctx.t('deliveries.erased.withdrawn', { when, how });
}

export function ErasedNotice({ ctx, erasure }: { ctx: PageContext; erasure: DeliveryErasure }) {
  return (
    <div data-testid="erased">
      <Notice kind="warning">{erasureText(ctx, erasure)}</Notice>
    </div>
  );
}
