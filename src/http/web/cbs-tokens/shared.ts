// What CBS's token pages share: their access rule, the page and its form, and the shape of a field.
import { z } from 'zod';

export const CBS = { access: { kind: 'staff', roles: ['cbs'] } } as const;
export const PAGE = '/cbs/tokens';
export const FORM = 'token-formulier';

/** A form field as it arrives; the service checks it with its own Dutch messages. */
export const formField = () => z.string().max(10_000).optional();
/** A token id in the path: Fastify refuses a longer segment (maxParamLength 100); an unknown id is a 404 page. */
export const tokenParams = () => z.object({ id: z.string().max(100) });
