import type { Command } from 'commander';
import { openRuntime } from '../compose.ts';
import { bootstrap, failCommand } from './shared.ts';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('voer de databasemigraties uit (ook de ingebouwde database als DATABASE_URL leeg is)')
    .action(async () => {
      const { config, log } = bootstrap();
      try {
        const runtime = await openRuntime(config, log);
        await runtime.close();
        process.stdout.write('Database is bijgewerkt.\n');
      } catch (error) {
        failCommand(log, error);
      }
    });
}
