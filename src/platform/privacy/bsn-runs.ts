// BSNs masked by value, not by where they stand: any run of exactly nine digits that passes the
// elfproef is shown as its first five digits and "****". Used wherever a delivered value is echoed
// (the validation engine's findings) and wherever free text people type is stored (feedback,
// withdrawal reasons, notes). The elfproef here is also the one of the log scrubber and the mail
// check. Pure: no Node or browser APIs, so the browser validator uses it too.

/** True when the nine digits pass the BSN elfproef (11-test with the last weight -1). */
export function passesElfproef(digits: string): boolean {
  if (!/^[0-9]{9}$/.test(digits) || digits === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(digits[i]);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

// A hexadecimal token of 32 characters or more (a SHA-256, a key id) is matched first and left
// alone, so a digit run inside a checksum is not mistaken for a BSN; otherwise a run of exactly
// nine digits, not part of a longer number (letters around it do not protect it: "BSN123456782").
const RUNS = /[0-9a-f]{32,}|(?<![0-9])[0-9]{9}(?![0-9])/gi;

/**
 * `text` with every elfproef-valid nine-digit run masked to its first five digits. The database's
 * mask_bsn_runs (migrations 0012-c, 0020-a) follows the same rule for free text written to it.
 */
export function maskBsnRuns(text: string): string {
  return text.replace(RUNS, (run) =>
    run.length === 9 && passesElfproef(run) ? `${run.slice(0, 5)}****` : run,
  );
}
