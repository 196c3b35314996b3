import type { Command } from 'commander';
import { loadClassification } from '../../modules/classification/index.ts';
import { openRuntime } from '../compose.ts';
import { seedDemo } from '../seed-demo.ts';
import { bootstrap, failCommand } from './shared.ts';

export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('vul een lege database met de demoronde 2018, de gemeenten en demogebruikers')
    .action(async () => {
      const { config, log } = bootstrap();
      try {
        const runtime = await openRuntime(config, log);
        const outcome = await seedDemo(runtime.database.db, loadClassification(), {
          deliveries: config.seedDemoDeliveries,
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
