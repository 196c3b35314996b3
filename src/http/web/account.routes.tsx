// "Mijn account": who I am in ggk, my roles per organisation and my recent login attempts (so a
// user can see why a login failed without calling the servicedesk).
import type { FastifyInstance } from 'fastify';
import {
  LOGIN_FAILURE_REASONS,
  listLoginAttempts,
  type LoginFailureReason,
} from '../../modules/auth/index.ts';
import { ROLE_LABELS, findUserById, listRolesOfUser } from '../../modules/users/index.ts';
import { formatDutchDateTime } from '../../platform/time/amsterdam-time.ts';
import type { AppDeps } from '../app.ts';
import { Layout } from './layout.tsx';
import { pageContext } from './page-context.ts';
import { renderDocument } from './render.ts';

export function reasonText(reason: string | null): string {
  if (reason === null) return 'Gelukt';
  return Object.hasOwn(LOGIN_FAILURE_REASONS, reason)
    ? LOGIN_FAILURE_REASONS[reason as LoginFailureReason]
    : reason;
}

export function registerAccountRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/account', { config: { access: { kind: 'authenticated' } } }, async (request, reply) => {
    const userId = request.session!.principal.userId;
    const [user, roles, attempts] = await Promise.all([
      findUserById(deps.db, userId),
      listRolesOfUser(deps.db, userId),
      listLoginAttempts(deps.db, { userId, limit: 10 }),
    ]);
    const ctx = pageContext(request, reply, deps);
    const page = (
      <Layout title="Mijn account" ctx={ctx}>
        <h1 class="utrecht-heading-1">Mijn account</h1>
        <dl class="ggk-round-facts">
          <dt>Naam</dt>
          <dd>{user?.name}</dd>
          <dt>E-mailadres</dt>
          <dd>
            {user?.email} {user?.email_confirmed_at ? '(bevestigd)' : '(nog niet bevestigd)'}
          </dd>
        </dl>
        <h2 class="utrecht-heading-2">Mijn rollen</h2>
        {roles.length === 0 ? (
          <p class="utrecht-paragraph">U heeft geen rollen.</p>
        ) : (
          <ul class="utrecht-unordered-list" data-testid="my-roles">
            {roles.map((r) => (
              <li class="utrecht-unordered-list__item" key={`${r.organisation_id}-${r.role}`}>
                {ROLE_LABELS[r.role]}
                {r.organisation_name ? ` bij ${r.organisation_name}` : ' (portaal)'}
              </li>
            ))}
          </ul>
        )}
        <h2 class="utrecht-heading-2">Mijn laatste inlogpogingen</h2>
        <div class="ggk-table-wrapper">
          <table class="utrecht-table">
            <caption class="utrecht-table__caption">
              De tien laatste pogingen om in te loggen met uw eHerkenningsmiddel
            </caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">
                  Tijdstip
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Resultaat
                </th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {attempts.map((a) => (
                <tr class="utrecht-table__row" key={a.id}>
                  <td class="utrecht-table__cell">{formatDutchDateTime(a.attempted_at)}</td>
                  <td class="utrecht-table__cell">{reasonText(a.reason)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Layout>
    );
    return reply.type('text/html; charset=utf-8').send(renderDocument(page));
  });
}
