// `ggk keys rotate`: re-wraps every stored file's data key under the current master key
// (GGK_MASTER_KEY or <dataDir>/keys/master.key); earlier keys come from GGK_PREVIOUS_MASTER_KEYS or
// <dataDir>/keys/previous/*.key. The procedure (with several nodes) is in docs/operations.md.
import type { Command } from 'commander';
import { bootstrap, failCommand } from './shared.ts';

export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('beheer van de hoofdsleutel');
  keys
    .command('rotate')
    .description(
      'versleutel de sleutel van elk opgeslagen bestand opnieuw met de huidige hoofdsleutel (hervatbaar; mag draaien terwijl ggk draait)',
    )
    .action(async () => {
      const { config, log } = await bootstrap();
      let runtime;
      try {
        const [{ createRuntime }, { openKeyring }, { rotateWrappedKeys }] = await Promise.all([
          import('../compose.ts'),
          import('../deliveries.ts'),
          import('../key-rotation.ts'),
        ]);
        runtime = await createRuntime(config, log);
        // Only the keys: rotating needs no clearing of unfinished writes.
        const store = await openKeyring(config);
        const outcome = await rotateWrappedKeys(runtime.database.db, store);
        process.stdout.write(
          [
            `Hoofdsleutel ${store.masterKeyId}: ${outcome.rewrapped} bestandssleutels opnieuw versleuteld.`,
            outcome.remaining === 0
              ? 'Geen sleutel meer onder een eerdere hoofdsleutel: die kan (na 24 uur, als hervatbare uploads verlopen zijn) worden vernietigd.'
              : `Let op: ${outcome.remaining} sleutels staan nog onder een eerdere hoofdsleutel (draait er nog een node met de oude sleutel?). Voer het commando opnieuw uit.`,
            '',
          ].join('\n'),
        );
        if (outcome.remaining > 0) process.exitCode = 1;
      } catch (error) {
        failCommand(log, error);
      } finally {
        await runtime?.close();
      }
    });
}
