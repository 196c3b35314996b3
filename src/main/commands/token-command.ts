// `ggk token create`: the operator's way to make an API token for an organisation from the command
// line (scripts, automated checks). Prints only the token on stdout.
import type { Command } from 'commander';
import { isAppError } from '../../platform/errors/app-error.ts';
import { bootstrap, failCommand } from './shared.ts';

// The help text names the token roles and the longest validity without loading the auth module (that
// would cost `ggk --help` a second); token-command.test.ts holds them equal to TOKEN_ROLES and
// MAX_TOKEN_DAYS, and createApiToken refuses anything else anyway.
export const TOKEN_ROLES_HELP = 'aanleveraar, rapportontvanger, intrekker';
export const MAX_TOKEN_DAYS_HELP = 366;

export function registerTokenCommand(program: Command): void {
  const token = program.command('token').description('API-tokens beheren');
  token
    .command('create')
    .description('maak een API-token voor een organisatie; schrijft alleen het token naar stdout')
    .option(
      '--org <gemeentecode|naam>',
      'gemeentecode (bijvoorbeeld 0363) of naam van het samenwerkingsverband',
    )
    .option('--cbs', 'een token voor het kanaal van CBS (de overdracht aan CBS), zonder organisatie')
    .option('--roles <rollen>', `rollen, gescheiden door komma's (${TOKEN_ROLES_HELP})`, 'aanleveraar')
    .option('--name <naam>', 'naam van het token, zoals het softwarepakket', 'opdrachtregel')
    .option('--days <dagen>', `geldigheid in dagen (1 tot en met ${MAX_TOKEN_DAYS_HELP})`, '90')
    .action(async (options: { org?: string; cbs?: boolean; roles: string; name: string; days: string }) => {
      if (Boolean(options.cbs) === (options.org !== undefined)) {
        process.stderr.write('ggk: geef --org <gemeentecode|naam> of --cbs (precies een van beide).\n');
        process.exitCode = 2;
        return;
      }
      const { config, log } = await bootstrap();
      let runtime;
      try {
        const [
          { createApiToken, createCbsToken },
          { findCollaborationByName, findGemeenteByCode },
          { createRuntime },
        ] = await Promise.all([
          import('../../modules/auth/index.ts'),
          import('../../modules/organisations/index.ts'),
          import('../compose.ts'),
        ]);
        runtime = await createRuntime(config, log);
        const db = runtime.database.db;
        if (options.cbs) {
          const created = await createCbsToken(db, {
            name: options.name,
            days: Number(options.days),
            createdBy: null,
            now: runtime.now(),
          });
          process.stdout.write(`${created.token}\n`);
          return;
        }
        if (options.org === undefined) return;
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
          now: runtime.now(),
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
