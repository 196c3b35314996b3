// What the delivery API's endpoints share: who may read a delivery, and its id in the path.
import { z } from 'zod';
import { namedParameter, uuidText } from '../api-schemas.ts';

export const READERS = {
  kind: 'organisation-or-staff',
  roles: ['aanleveraar', 'rapportontvanger'],
  staff: ['operator', 'cbs'],
  tokens: true,
} as const;

const DeliveryIdParameter = namedParameter('DeliveryId', uuidText());
export const deliveryParams = z.object({ id: DeliveryIdParameter });
