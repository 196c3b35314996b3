// The portal's languages: one message catalogue per language (messages/*.ts), a typed translator,
// and formatting of dates and sizes per language. Pure: usable by pages, mails and the browser.
export { DEFAULT_LOCALE, LOCALES, defineMessages, interpolate, isLocale, type Locale } from './define.ts';
export { CATALOGUES, type MessageKey } from './catalogue.ts';
export {
  errorMessage,
  findingMessage,
  hasKey,
  lookup,
  translator,
  type MessageParams,
  type Translate,
} from './translator.ts';
export { formatBytes, formatDate, formatDateTime, formatNumber, halfYearLabel } from './format.ts';
export { addMailFooter, bilingualMail, ENGLISH_PART } from './mail.ts';
