import type { Command } from 'commander';
import { bootstrap, failCommand } from './shared.ts';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('voer de databasemigraties uit (ook de ingebouwde database als DATABASE_URL leeg is)')
    .action(async () => {
      const { config, log } = await bootstrap();
      try {
        const { createRuntime } = await import('../compose.ts');
        const runtime = await createRuntime(config, log);
        await runtime.close();
        process.stdout.write('Database is bijgewerkt.\n');
      } catch (error) {
        failCommand(log, error);
      }
    });
}
