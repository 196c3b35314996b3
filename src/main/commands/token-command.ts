// `ggk token create`: the operator's way to make an API token for an organisation from the command
// line (scripts, automated checks). Prints only the token on stdout.
import type { Command } from 'commander';
import { createApiToken, MAX_TOKEN_DAYS, TOKEN_ROLES } from '../../modules/auth/index.ts';
import { findCollaborationByName, findGemeenteByCode } from '../../modules/organisations/index.ts';
import { isAppError } from '../../platform/errors/app-error.ts';
import { openRuntime } from '../compose.ts';
import { bootstrap, failCommand } from './shared.ts';

export function registerTokenCommand(program: Command): void {
  const token = program.command('token').description('API-tokens beheren');
  token
    .command('create')
    .description('maak een API-token voor een organisatie; schrijft alleen het token naar stdout')
    .requiredOption(
      '--org <gemeentecode|naam>',
      'gemeentecode (bijvoorbeeld 0363) of naam van het samenwerkingsverband',
    )
    .option('--roles <rollen>', `rollen, gescheiden door komma's (${TOKEN_ROLES.join(', ')})`, 'aanleveraar')
    .option('--name <naam>', 'naam van het token, zoals het softwarepakket', 'opdrachtregel')
    .option('--days <dagen>', `geldigheid in dagen (1 tot en met ${MAX_TOKEN_DAYS})`, '90')
    .action(async (options: { org: string; roles: string; name: string; days: string }) => {
      const { config, log } = bootstrap();
      let runtime;
      try {
        runtime = await openRuntime(config, log);
        const db = runtime.database.db;
        const organisation = /^\d{4}$/.test(options.org)
          ? await findGemeenteByCode(db, options.org)
          : await findCollaborationByName(db, options.org);
        if (!organisation) {
          process.stderr.write(`ggk: organisatie "${options.org}" bestaat niet in ggk.\n`);
          process.exitCode = 2;
          return;
        }
        const created = await createApiToken(db, {
          organisationId: organisation.id,
          name: options.name,
          roles: options.roles.split(',').map((r) => r.trim()),
          days: Number(options.days),
          createdBy: null,
          now: new Date(),
        });
        process.stdout.write(`${created.token}\n`);
      } catch (error) {
        if (isAppError(error)) {
          process.stderr.write(`ggk: ${error.message}\n`);
          process.exitCode = 2;
          return;
        }
        failCommand(log, error);
      } finally {
        await runtime?.close();
      }
    });
}
