// `ggk`: the one command line. Every sub-command lives in ./commands and is registered here.
import { Command, Help } from 'commander';
import { registerServeCommand } from './commands/serve-command.ts';
import { registerMigrateCommand } from './commands/migrate-command.ts';
import { registerSeedCommand } from './commands/seed-command.ts';
import { registerTokenCommand } from './commands/token-command.ts';
import { registerWorkerCommand } from './commands/worker-command.ts';
import { registerGenerateCommand } from './commands/generate-command.ts';
import { registerValidateCommand } from './commands/validate-command.ts';
import { registerAuditCommand } from './commands/audit-command.ts';
import { registerPurgeCommand } from './commands/purge-command.ts';
import { registerKeysCommand } from './commands/keys-command.ts';
import { registerCbsCommand } from './commands/cbs-command.ts';

const dutch: Array<[RegExp, string]> = [
  [/^Usage:/m, 'Gebruik:'],
  [/^Options:/m, 'Opties:'],
  [/^Commands:/m, 'Opdrachten:'],
  [/^Arguments:/m, 'Argumenten:'],
  [/\(default:(\s)/g, '(standaard:$1'],
  [/\(choices:(\s)/g, '(keuzes:$1'],
  [/^error: unknown command/m, 'fout: onbekende opdracht'],
  [/^error: unknown option/m, 'fout: onbekende optie'],
  [/^error: missing required argument/m, 'fout: verplicht argument ontbreekt'],
  [/^error: option '(.*)' argument missing/m, "fout: optie '$1' mist een waarde"],
  [/^error: too many arguments/m, 'fout: te veel argumenten'],
  [/^error: option '(.*)' argument '(.*)' is invalid\./m, "fout: de waarde '$2' van optie '$1' is ongeldig."],
  [/^error: required option '(.*)' not specified/m, "fout: verplichte optie '$1' ontbreekt"],
  [/^error: /m, 'fout: '],
  [/\(Did you mean (.*)\?\)/, '(Bedoelt u $1?)'],
  [/\[options\]/g, '[opties]'],
  [/\[command\]/g, '[opdracht]'],
];
const translate = (text: string) => dutch.reduce((t, [from, to]) => t.replace(from, to), text);

const program = new Command();
program
  .name('ggk')
  .description('ggk: het gegevensknooppunt voor de Gemeentelijke Monitor Sociaal Domein')
  .configureHelp({
    formatHelp: (cmd, helper) => translate(Help.prototype.formatHelp.call(helper, cmd, helper)),
  })
  .configureOutput({ outputError: (text, write) => write(translate(text)) })
  .helpOption('-h, --help', 'toon deze hulp')
  .helpCommand('help [opdracht]', 'toon hulp bij een opdracht')
  .showHelpAfterError('(gebruik --help voor de mogelijkheden)')
  .version(process.env.npm_package_version ?? '0.1.0', '-V, --version', 'toon het versienummer');

registerServeCommand(program);
registerWorkerCommand(program);
registerMigrateCommand(program);
registerSeedCommand(program);
registerTokenCommand(program);
registerGenerateCommand(program);
registerValidateCommand(program);
registerAuditCommand(program);
registerPurgeCommand(program);
registerKeysCommand(program);
registerCbsCommand(program);

await program.parseAsync(process.argv);
