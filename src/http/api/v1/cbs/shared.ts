// What the hand-over API's endpoints share: the channel's access rule and security requirement, the
// ids in their paths, and the token id of the CBS principal.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { cbsUuid } from '../api-schemas.ts';

export const CBS_ACCESS = { kind: 'cbs-channel' } as const;

export const cbsSecurity = [{ cbsToken: [] }];
export const sha256 = () => z.string().regex(/^[0-9a-fA-F]{64}$/);
export const pathId = (description: string) => cbsUuid().meta({ description });
export const deliveryParams = z.object({ deliveryId: pathId('Het deliveryId uit de feed.') });

/** The principal's token id on a CBS route (the access check let only CBS's channel through). */
export function cbsTokenId(request: FastifyRequest): string {
  if (request.principal.kind !== 'cbs') throw new Error('CBS route reached without the CBS channel');
  return request.principal.tokenId;
}
