import type { Command } from 'commander';
import type { RunningServer } from '../web.ts';
import { bootstrap, failCommand } from './shared.ts';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('start het portaal (met ingebouwde database als DATABASE_URL leeg is)')
    .option(
      '-p, --port <poort>',
      'poort van de webserver (standaard GGK_PORT of 8080; 0 kiest een vrije poort)',
    )
    .action(async (options: { port?: string }) => {
      const port = options.port === undefined ? undefined : Number(options.port);
      if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
        process.stderr.write(
          `ggk: ongeldige poort "${options.port}"; geef een getal van 0 tot en met 65535.\n`,
        );
        process.exit(2);
      }
      const { config, log } = await bootstrap(port === undefined ? {} : { port }, { logTo: 'stdout' });
      // Signals are handled from the first moment: one that arrives while ggk is still starting
      // waits for the start to finish and then stops everything, the embedded database included.
      let server: RunningServer | undefined;
      let stopRequested: string | undefined;
      const shutdown = async (signal: string) => {
        log.info({ signal }, 'shutting down');
        await server?.stop().catch((error) => log.error({ err: error }, 'error during shutdown'));
        process.exit(0);
      };
      const onSignal = (signal: string) => {
        if (stopRequested) return;
        stopRequested = signal;
        if (server) void shutdown(signal);
      };
      process.on('SIGINT', () => onSignal('SIGINT'));
      process.on('SIGTERM', () => onSignal('SIGTERM'));
      try {
        const { startServer } = await import('../web.ts');
        server = await startServer(config, log);
      } catch (error) {
        failCommand(log, error);
      }
      if (stopRequested) return shutdown(stopRequested);
      process.stdout.write(`ggk draait op ${server.url}\n`);
    });
}
