// `ggk purge`: deletes the delivered files (and their report contents) of rounds that closed longer
// than GGK_RETENTION_DAYS ago, as on a withdrawal, with an audit entry per delivery. The daily job
// does the same; this is for the operator who wants it now (or from cron).
import type { Command } from 'commander';
import { bootstrap, failCommand } from './shared.ts';

export function registerPurgeCommand(program: Command): void {
  program
    .command('purge')
    .description(
      'verwijder aangeleverde bestanden waarvan de bewaartermijn (GGK_RETENTION_DAYS na het sluiten van de ronde) voorbij is',
    )
    .action(async () => {
      const { config, log } = await bootstrap();
      let runtime;
      try {
        const [
          { purgeExpiredDeliveries, retentionCutoff },
          { formatDutchDateTime },
          { createRuntime },
          { deleteReportContents },
        ] = await Promise.all([
          import('../../modules/deliveries/index.ts'),
          import('../../platform/time/amsterdam-time.ts'),
          import('../compose.ts'),
          import('../../modules/reports/index.ts'),
        ]);
        runtime = await createRuntime(config, log, { store: true });
        const store = runtime.store!;
        const now = runtime.now();
        const days = config.files.retentionDays;
        const outcome = await purgeExpiredDeliveries({
          db: runtime.database.db,
          store,
          now,
          retentionDays: days,
          eraseReportContents: (trx, ids) => deleteReportContents(trx, ids, now),
        });
        process.stdout.write(
          [
            `Bewaartermijn: ${days} dagen na het sluiten van de ronde (rondes gesloten vóór ${formatDutchDateTime(retentionCutoff(now, days))}).`,
            `${outcome.deliveries} ${outcome.deliveries === 1 ? 'aanlevering' : 'aanleveringen'} verwijderd, ${outcome.files} ${outcome.files === 1 ? 'bestand' : 'bestanden'} vernietigd.`,
            ...(outcome.swept > 0
              ? [`${outcome.swept} achtergebleven bestanden van eerder verwijderde aanleveringen opgeruimd.`]
              : []),
            ...(outcome.failed.length > 0
              ? [
                  `Let op: ${outcome.failed.length} bestanden konden niet van schijf worden verwijderd (hun sleutel is wel vernietigd); probeer het opnieuw.`,
                ]
              : []),
            '',
          ].join('\n'),
        );
        if (outcome.failed.length > 0) process.exitCode = 1;
      } catch (error) {
        failCommand(log, error);
      } finally {
        await runtime?.close();
      }
    });
}
