// `ggk cbs sync`: the reference consumer of the hand-over API (contract cbs-handover.md). Needs no
// database: it talks to a ggk over HTTPS like CBS's own systems would.
import type { Command } from 'commander';

/**
 * GGK_FAKE_NOW as every ggk command reads it (never in production): a ggk on a fake clock (the 2018
 * demo round, the tests) refuses an erasure confirmed "in its future", so the sync beside it must
 * state its times on the same clock.
 */
function fakeNow(): Date | undefined {
  const value = process.env.GGK_FAKE_NOW;
  if (value === undefined || process.env.NODE_ENV === 'production') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function registerCbsCommand(program: Command): void {
  const cbs = program.command('cbs').description('de kant van CBS: de overdracht ophalen');
  cbs
    .command('sync')
    .description(
      'haal goedgekeurde aanleveringen op, bevestig ze, verwerk intrekkingen; exit 0 bij in sync, 1 bij een afwijkende SHA-256, 2 als ggk niet bereikbaar is',
    )
    .requiredOption('--url <url>', 'het adres van ggk, bijvoorbeeld http://localhost:8080')
    .requiredOption('--token <token>', 'een token van het kanaal van CBS (ggk token create --cbs)')
    .requiredOption('--out <map>', 'de map waarin de bestanden komen')
    .option('--once', 'een keer bijwerken en stoppen')
    .option('--interval <seconden>', 'wachttijd tussen twee rondes zonder --once', '30')
    .action(
      async (options: { url: string; token: string; out: string; once?: boolean; interval: string }) => {
        const { runCbsSync } = await import('../cbs-sync.ts');
        const { createClock } = await import('../../platform/time/clock.ts');
        const interval = Number(options.interval);
        if (!Number.isFinite(interval) || interval < 1) {
          process.stderr.write('ggk: --interval moet een aantal seconden zijn (1 of meer).\n');
          process.exitCode = 2;
          return;
        }
        const stop = new AbortController();
        process.once('SIGINT', () => stop.abort());
        process.once('SIGTERM', () => stop.abort());
        process.exitCode = await runCbsSync({
          url: options.url,
          token: options.token,
          out: options.out,
          once: options.once ?? false,
          intervalSeconds: interval,
          log: (line) => process.stdout.write(`${line}\n`),
          signal: stop.signal,
          now: createClock(fakeNow()),
        });
      },
    );
}
