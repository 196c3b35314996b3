// `ggk audit verify`: recomputes the audit trail's hash chain and names the first entry that does not
// fit. Exit status 0 when the chain is whole, 1 when it is broken (or the check could not run).
import type { Command } from 'commander';
import { auditActionLabel, verifyAuditChain } from '../../modules/audit/index.ts';
import { formatDutchDateTime } from '../../platform/time/amsterdam-time.ts';
import { openRuntime } from '../compose.ts';
import { bootstrap, failCommand } from './shared.ts';

export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('de audittrail controleren');
  audit
    .command('verify')
    .description('controleer de hashketen van de audittrail; noemt de eerste regel die niet klopt')
    .action(async () => {
      const { config, log } = bootstrap();
      let runtime;
      try {
        runtime = await openRuntime(config, log);
        const result = await verifyAuditChain(runtime.database.db);
        if (result.ok) {
          process.stdout.write(
            `De audittrail is in orde: ${result.entries} ${result.entries === 1 ? 'regel' : 'regels'} gecontroleerd, de hashketen is onbroken.\n` +
              `Laatste hash: ${result.lastHash}\n` +
              '(Bewaar die buiten de database: zo blijkt later ook of de nieuwste regels zijn verwijderd.)\n',
          );
        } else {
          const b = result.broken;
          process.stdout.write(
            [
              `De audittrail is NIET in orde: de keten is gebroken bij regel ${b.seq}.`,
              `  regel ${b.seq} (id ${b.id}), ${formatDutchDateTime(b.recordedAt)}, ${auditActionLabel(b.action)} (${b.action})`,
              `  probleem: ${b.problem}`,
              `  De ${result.entries} regels daarvoor zijn in orde.`,
              '',
            ].join('\n'),
          );
          process.exitCode = 1;
        }
      } catch (error) {
        failCommand(log, error);
      } finally {
        await runtime?.close();
      }
    });
}
