// Every user needs a personal e-mail address, for accountability: role and functional mailboxes
// (info@, servicedesk@, sociaaldomein@ …) are refused. A local part is functional when it is one of
// the configured words, or starts with one followed by a separator or a digit (info.wmo@, info2@).
import { AppError } from '../../platform/errors/app-error.ts';

const emailPattern = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function normaliseEmail(email: string): string {
  return email.trim();
}

export function isFunctionalAddress(email: string, functionalPrefixes: readonly string[]): boolean {
  const local = email.split('@')[0]?.toLowerCase() ?? '';
  return functionalPrefixes.some((p) => local === p || new RegExp(`^${escape(p)}[._+\\-0-9]`).test(local));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Throws a Dutch AppError when the address is not a valid personal address. */
export function assertPersonalEmail(email: string, functionalPrefixes: readonly string[]): string {
  const address = normaliseEmail(email);
  if (!emailPattern.test(address)) {
    throw new AppError(
      'user.bad_email',
      'Vul een geldig e-mailadres in, zoals voornaam.achternaam@gemeente.nl.',
    );
  }
  if (isFunctionalAddress(address, functionalPrefixes)) {
    throw new AppError(
      'user.functional_email',
      `${address} lijkt een functioneel of gedeeld adres. Gebruik een persoonlijk e-mailadres: ggk moet kunnen nagaan wie wat heeft gedaan, en meldingen horen bij één persoon.`,
    );
  }
  return address;
}
