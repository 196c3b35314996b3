// Who participants can turn to (issue 20, "help at hand"): per round the servicedesk's phone, e-mail
// and opening hours (Dutch and English) and CBS's contact for the monitor. The operator sets them;
// the page footer, every error page and every mail show those of the current round, or, when it has
// none yet (a round just made), those of the latest round that has them.
import { AppError } from '../../platform/errors/app-error.ts';
import { isUuid } from '../../platform/errors/ids.ts';
import { passesElfproef } from '../../platform/privacy/bsn-runs.ts';
import type { Db } from '../database-schema.ts';
import { translator, type Locale } from '../i18n/index.ts';
import {
  listRoundContactRows,
  upsertRoundContacts,
  type RoundContactsRow,
} from './round-contacts-repository.ts';
import { findRoundById, listRounds } from './round-repository.ts';
import { pickCurrentRound, type Round } from './round-rules.ts';

export interface RoundContacts {
  roundId: string;
  servicedesk: { phone: string; email: string; hours: { nl: string; en: string } };
  /** CBS's contact for the monitor; either may be absent. */
  cbs: { phone: string | null; email: string | null };
}

/** What the operator's form sends (text as typed; empty CBS fields mean "none"). */
export interface RoundContactsInput {
  servicedeskPhone: string;
  servicedeskEmail: string;
  servicedeskHoursNl: string;
  servicedeskHoursEn: string;
  cbsPhone: string;
  cbsEmail: string;
}

const phonePattern = /^\+?[0-9][0-9 ()-]{5,28}$/;
const emailPattern = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function toContacts(r: RoundContactsRow): RoundContacts {
  return {
    roundId: r.round_id,
    servicedesk: {
      phone: r.servicedesk_phone,
      email: r.servicedesk_email,
      hours: { nl: r.servicedesk_hours_nl, en: r.servicedesk_hours_en },
    },
    cbs: { phone: r.cbs_phone, email: r.cbs_email },
  };
}

/** A nine-digit run that passes the elfproef would be refused in every mail (outbox) and masked in logs. */
function looksLikeBsn(text: string): boolean {
  return [...text.matchAll(/(?<!\d)\d{9}(?!\d)/g)].some((m) => passesElfproef(m[0]));
}

/** The problems of a form's contact details, each at its field (the names of the operator's form). */
export function checkRoundContacts(input: RoundContactsInput): AppError[] {
  const problems: AppError[] = [];
  type Whom = 'servicedesk' | 'cbs';
  const phone = (value: string, field: string, reason: Whom, required: boolean) => {
    if (value === '' && !required) return;
    if (!phonePattern.test(value)) problems.push(new AppError('round.contacts_bad_phone', { field, reason }));
    else if (looksLikeBsn(value)) problems.push(new AppError('round.contacts_bsn_like', { field }));
  };
  const email = (value: string, field: string, reason: Whom, required: boolean) => {
    if (value === '' && !required) return;
    if (value.length > 254 || !emailPattern.test(value))
      problems.push(new AppError('round.contacts_bad_email', { field, reason }));
  };
  phone(input.servicedeskPhone, 'servicedesk-telefoon', 'servicedesk', true);
  email(input.servicedeskEmail, 'servicedesk-email', 'servicedesk', true);
  for (const [value, field] of [
    [input.servicedeskHoursNl, 'servicedesk-tijden-nl'],
    [input.servicedeskHoursEn, 'servicedesk-tijden-en'],
  ] as const) {
    if (value === '' || value.length > 200)
      problems.push(new AppError('round.contacts_hours_required', { field }));
  }
  phone(input.cbsPhone, 'cbs-telefoon', 'cbs', false);
  email(input.cbsEmail, 'cbs-email', 'cbs', false);
  return problems;
}

/** The contact details of one round, or undefined when it has none of its own. */
export async function findRoundContacts(db: Db, roundId: string): Promise<RoundContacts | undefined> {
  const row = (await listRoundContactRows(db)).find((r) => r.round_id === roundId);
  return row && toContacts(row);
}

/**
 * The contact details to show now: the current round's (pickCurrentRound), or, when it has none,
 * those of the latest round (by opening) that has them; undefined when no round has any.
 */
export async function findCurrentContacts(db: Db, now: Date): Promise<RoundContacts | undefined> {
  const rows = await listRoundContactRows(db);
  if (rows.length === 0) return undefined;
  const rounds = await listRounds(db);
  const byRound = new Map(rows.map((r) => [r.round_id, r]));
  const current = pickCurrentRound(rounds, now);
  const own = current && byRound.get(current.id);
  if (own) return toContacts(own);
  // listRounds is newest first.
  const latest = rounds.find((r: Round) => byRound.has(r.id));
  return latest && toContacts(byRound.get(latest.id)!);
}

/**
 * Sets a round's contact details (the operator's form). Refuses what checkRoundContacts finds, all
 * problems at once; an unknown round is round.not_found. The caller audits the change.
 */
export async function setRoundContacts(
  db: Db,
  input: RoundContactsInput & { roundId: string; userId: string | null; now: Date },
): Promise<{ roundName: string }> {
  const trimmed: RoundContactsInput = {
    servicedeskPhone: input.servicedeskPhone.trim(),
    servicedeskEmail: input.servicedeskEmail.trim(),
    servicedeskHoursNl: input.servicedeskHoursNl.trim(),
    servicedeskHoursEn: input.servicedeskHoursEn.trim(),
    cbsPhone: input.cbsPhone.trim(),
    cbsEmail: input.cbsEmail.trim(),
  };
  const problems = checkRoundContacts(trimmed);
  if (problems.length > 0) throw AppError.gather(problems);
  const round = isUuid(input.roundId) ? await findRoundById(db, input.roundId) : undefined;
  if (!round) throw new AppError('round.not_found');
  await upsertRoundContacts(db, {
    round_id: round.id,
    servicedesk_phone: trimmed.servicedeskPhone,
    servicedesk_email: trimmed.servicedeskEmail,
    servicedesk_hours_nl: trimmed.servicedeskHoursNl,
    servicedesk_hours_en: trimmed.servicedeskHoursEn,
    cbs_phone: trimmed.cbsPhone || null,
    cbs_email: trimmed.cbsEmail || null,
    updated_at: input.now,
    updated_by: input.userId,
  });
  return { roundName: round.name };
}

/**
 * The contact block under every mail (the outbox adds it when it sends, under the Dutch and the
 * English text: i18n's addMailFooter), with the link to the help pages.
 */
export function contactsMailText(contacts: RoundContacts, baseUrl: string): { nl: string; en: string } {
  const block = (locale: Locale) => {
    const t = translator(locale);
    const cbs = [contacts.cbs.phone, contacts.cbs.email].filter((v): v is string => !!v);
    return [
      t('help.mail.servicedesk', {
        phone: contacts.servicedesk.phone,
        email: contacts.servicedesk.email,
        hours: contacts.servicedesk.hours[locale],
      }),
      ...(cbs.length > 0 ? [t('help.mail.cbs', { contact: cbs.join(` ${t('help.contacts.or')} `) })] : []),
      t('help.mail.help', { link: `${baseUrl.replace(/\/$/, '')}/help` }),
    ].join('\n');
  };
  return { nl: block('nl'), en: block('en') };
}
