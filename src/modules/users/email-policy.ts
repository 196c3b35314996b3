// Every user needs a personal e-mail address, for accountability: role and functional mailboxes
// (info@, servicedesk@, sociaaldomein@ …) are refused. A local part is functional when it is one of
// the configured words, or starts with one followed by a separator or a digit (info.wmo@, info2@);
// a configured word starting with "-" is an ending (-loket: wmoloket@, zorg-loket@, not j.loket@).
// A local part of only digits (a numbered mailbox: 0363@) is functional too.
import { AppError } from '../../platform/errors/app-error.ts';

const emailPattern = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function normaliseEmail(email: string): string {
  return email.trim();
}

export function isFunctionalAddress(email: string, functionalPrefixes: readonly string[]): boolean {
  const local = email.split('@')[0]?.toLowerCase() ?? '';
  if (/^[0-9._+-]+$/.test(local)) return true;
  return functionalPrefixes.some((p) => {
    if (p.startsWith('-') && p.length > 1) {
      const ending = p.slice(1);
      // The ending itself, or after a word of 3+ characters; a trailing number is allowed (wmoloket2@).
      return local === ending || new RegExp(`^[a-z0-9]{3,}[._+\\-]?${escape(ending)}[0-9]*$`).test(local);
    }
    return local === p || new RegExp(`^${escape(p)}[._+\\-0-9]`).test(local);
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Throws a Dutch AppError when the address is not a valid personal address. */
export function assertPersonalEmail(email: string, functionalPrefixes: readonly string[]): string {
  const address = normaliseEmail(email);
  if (!emailPattern.test(address)) {
    throw new AppError('user.bad_email');
  }
  if (isFunctionalAddress(address, functionalPrefixes)) {
    throw new AppError('user.functional_email', { address });
  }
  return address;
}
