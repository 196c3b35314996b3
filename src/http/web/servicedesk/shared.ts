// What the servicedesk's routes share: who may see them, the id in their paths, and which op-orde
// reports CBS holds (shown with a person's or an organisation's deliveries).
import { z } from 'zod';
import type { ServicedeskDelivery } from '../../../modules/monitoring/index.ts';
import type { Round } from '../../../modules/periods/index.ts';
import { listHeldDeliveryIds, listHolds } from '../../../modules/reports/index.ts';
import type { AppDeps } from '../../app.ts';

export const OPERATOR = { access: { kind: 'staff', roles: ['operator'] } } as const;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A user's or organisation's id; the handler answers 404 for one that is not a UUID it knows. */
export const idParams = z.object({ id: z.string().max(100) });

/** Per delivery whose op-orde report CBS holds: since when and by whom (the open hold covering it). */
export type HeldReports = Map<string, { since: Date; by: string | null }>;

export async function heldReportsOf(
  deps: AppDeps,
  round: Round | undefined,
  deliveries: readonly ServicedeskDelivery[],
): Promise<HeldReports> {
  const held: HeldReports = new Map();
  if (!round || deliveries.length === 0) return held;
  const heldIds = await listHeldDeliveryIds(
    deps.db,
    deliveries.map((d) => d.id),
  );
  if (heldIds.length === 0) return held;
  const open = (await listHolds(deps.db, round.id)).filter((h) => h.released_at === null);
  for (const deliveryId of heldIds) {
    const d = deliveries.find((x) => x.id === deliveryId)!;
    const hold =
      open.find((h) => h.gemeente_id === d.gemeente_id) ?? open.find((h) => h.gemeente_id === null);
    if (hold) held.set(deliveryId, { since: hold.held_at, by: hold.held_by_name });
  }
  return held;
}
