// The operator's page of contact details per round (/beheer/contactgegevens): choose a round, see and
// change its servicedesk and CBS contact. Shown by the GET route and, with the form's errors, by the
// POST route when the details are refused.
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  findCurrentContacts,
  findRoundContacts,
  listRounds,
  pickCurrentRound,
  type RoundContactsInput,
} from '../../../modules/periods/index.ts';
import type { AppDeps } from '../../app.ts';
import {
  Button,
  CsrfField,
  Dutch,
  ErrorSummary,
  Notice,
  SelectField,
  TextField,
  type FieldError,
} from '../components.tsx';
import { Layout } from '../layout.tsx';
import { pageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';

export const CONTACT_FIELDS = [
  'servicedesk-telefoon',
  'servicedesk-email',
  'servicedesk-tijden-nl',
  'servicedesk-tijden-en',
  'cbs-telefoon',
  'cbs-email',
] as const;

export function contactsInputOf(body: Partial<Record<(typeof CONTACT_FIELDS)[number], string>>) {
  return {
    servicedeskPhone: body['servicedesk-telefoon'] ?? '',
    servicedeskEmail: body['servicedesk-email'] ?? '',
    servicedeskHoursNl: body['servicedesk-tijden-nl'] ?? '',
    servicedeskHoursEn: body['servicedesk-tijden-en'] ?? '',
    cbsPhone: body['cbs-telefoon'] ?? '',
    cbsEmail: body['cbs-email'] ?? '',
  } satisfies RoundContactsInput;
}

export async function renderContactsPage(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
  status: number,
  options: {
    roundId?: string | undefined;
    typed?: RoundContactsInput;
    errors?: FieldError[];
    saved?: boolean;
  },
) {
  const ctx = pageContext(request, reply, deps);
  const { t } = ctx;
  const rounds = await listRounds(deps.db);
  const current = pickCurrentRound(rounds, deps.now());
  const round = rounds.find((r) => r.id === options.roundId) ?? current;
  const own = round && (await findRoundContacts(deps.db, round.id));
  const shown = own ?? (await findCurrentContacts(deps.db, deps.now()));
  const value: RoundContactsInput = options.typed ?? {
    servicedeskPhone: shown?.servicedesk.phone ?? '',
    servicedeskEmail: shown?.servicedesk.email ?? '',
    servicedeskHoursNl: shown?.servicedesk.hours.nl ?? '',
    servicedeskHoursEn: shown?.servicedesk.hours.en ?? '',
    cbsPhone: shown?.cbs.phone ?? '',
    cbsEmail: shown?.cbs.email ?? '',
  };
  const errors = options.errors ?? [];
  return sendPage(
    reply,
    status,
    <Layout title={t('help.admin.title')} ctx={ctx}>
      <h1 class="utrecht-heading-1">{t('help.admin.title')}</h1>
      <ErrorSummary errors={errors} t={t} />
      {options.saved && (
        <div role="status">
          <Notice kind="ok">{t('help.admin.saved')}</Notice>
        </div>
      )}
      <p class="utrecht-paragraph">{t('help.admin.intro')}</p>
      {!round ? (
        <p class="utrecht-paragraph">{t('help.admin.noRounds')}</p>
      ) : (
        <>
          <form
            method="get"
            action="/beheer/contactgegevens"
            class="ggk-form"
            novalidate
            aria-label={t('help.admin.roundLabel')}
          >
            <SelectField
              id="ronde"
              label={t('help.admin.round')}
              value={round.id}
              options={rounds.map((r) => ({
                value: r.id,
                label: r.id === current?.id ? `${r.name} ${t('help.admin.current')}` : r.name,
              }))}
            />
            <div>
              <Button variant="secondary">{t('help.admin.chooseRound')}</Button>
            </div>
          </form>
          <h2 class="utrecht-heading-2" id="contactgegevens-titel">
            {ctx.tx('help.admin.formLabel', { round: <Dutch>{round.name}</Dutch> })}
          </h2>
          {!own && <Notice>{t('help.admin.noneYet')}</Notice>}
          <form
            method="post"
            action="/beheer/contactgegevens"
            class="ggk-form"
            novalidate
            aria-labelledby="contactgegevens-titel"
            data-testid="contacts-form"
          >
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="ronde" value={round.id} />
            <fieldset class="utrecht-form-fieldset">
              <legend class="utrecht-form-fieldset__legend">{t('help.admin.servicedesk')}</legend>
              <TextField
                id="servicedesk-telefoon"
                label={t('help.admin.servicedeskPhone')}
                value={value.servicedeskPhone}
                autocomplete="off"
                errors={errors}
              />
              <TextField
                id="servicedesk-email"
                label={t('help.admin.servicedeskEmail')}
                type="email"
                value={value.servicedeskEmail}
                autocomplete="off"
                errors={errors}
              />
              <TextField
                id="servicedesk-tijden-nl"
                label={t('help.admin.hoursNl')}
                description={t('help.admin.hoursHint')}
                value={value.servicedeskHoursNl}
                errors={errors}
              />
              <TextField
                id="servicedesk-tijden-en"
                label={t('help.admin.hoursEn')}
                value={value.servicedeskHoursEn}
                errors={errors}
              />
            </fieldset>
            <fieldset class="utrecht-form-fieldset">
              <legend class="utrecht-form-fieldset__legend">{t('help.admin.cbs')}</legend>
              <TextField
                id="cbs-telefoon"
                label={t('help.admin.cbsPhone')}
                value={value.cbsPhone}
                autocomplete="off"
                errors={errors}
              />
              <TextField
                id="cbs-email"
                label={t('help.admin.cbsEmail')}
                type="email"
                value={value.cbsEmail}
                autocomplete="off"
                errors={errors}
              />
            </fieldset>
            <div>
              <Button>{t('help.admin.save')}</Button>
            </div>
          </form>
        </>
      )}
    </Layout>,
  );
}
