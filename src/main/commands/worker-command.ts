import type { Command } from 'commander';
import { bootstrap, failCommand } from './shared.ts';

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('voer de achtergrondtaken uit (technische controle, e-mail) zonder webserver')
    .action(async () => {
      const { config, log } = await bootstrap({}, { logTo: 'stdout' });
      try {
        const { startWorker } = await import('../worker.ts');
        const worker = await startWorker(config, log);
        process.stdout.write('ggk-worker draait\n');
        const shutdown = async (signal: string) => {
          log.info({ signal }, 'shutting down');
          await worker.stop().catch((error) => log.error({ err: error }, 'error during shutdown'));
          process.exit(0);
        };
        process.once('SIGINT', () => void shutdown('SIGINT'));
        process.once('SIGTERM', () => void shutdown('SIGTERM'));
      } catch (error) {
        failCommand(log, error);
      }
    });
}
