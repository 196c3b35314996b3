import type { Command } from 'commander';
import { bootstrap, failCommand } from './shared.ts';

export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('vul een lege database met de demoronde 2018, de gemeenten en demogebruikers')
    .action(async () => {
      const { config, log } = await bootstrap();
      try {
        const [{ createRuntime }, { seedDemo }] = await Promise.all([
          import('../compose.ts'),
          import('../seed-demo.ts'),
        ]);
        const runtime = await createRuntime(config, log);
        const outcome = await seedDemo(runtime.database.db, runtime.classification, {
          deliveries: config.seedDemoDeliveries,
          openRound: config.seedDemoOpenRound,
        });
        await runtime.close();
        process.stdout.write(
          outcome === 'seeded'
            ? 'Demogegevens zijn toegevoegd.\n'
            : 'De database bevat al gegevens; er is niets toegevoegd.\n',
        );
      } catch (error) {
        failCommand(log, error);
      }
    });
}
