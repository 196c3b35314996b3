// `ggk generate`: writes synthetic deliveries (for demos, tests and benchmarks) from the spec's layout.
// The generator itself is pure and streams chunks; this command only picks options and writes files.
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { projectPath } from '../../platform/files/project-root.ts';
import { InvalidArgumentError, type Command } from 'commander';
import {
  DEFECT_CODES,
  parseDefects,
  planDelivery,
  zipDeliveryChunks,
  type DefectRequest,
  type DeliveryPlan,
  type GeneratorSpec,
} from '../../modules/validation/generate/index.ts';

const SPECS_DIR = projectPath('specs');
const ALL_TYPES = ['wmo', 'wmo-kosten', 'sbw', 'jeugd'];

interface GenerateFlags {
  type: string;
  rows?: number;
  seed: string;
  gemeente: string;
  period: string;
  defect?: DefectRequest[];
  out: string;
  zip?: string | boolean;
  spec: string;
  aanmaakdatum?: string;
  testBsn?: boolean;
  crlf?: boolean;
}

const DEFECT_HELP = `
Fouten (--defect):
  Een komma-lijst CODE=AANTAL. AANTAL onder 1 is een fractie van de regels (0.01 = 1%),
  1 of meer is een aantal regels; zonder =AANTAL is het 1 regel. Voorbeeld:
    --defect field.bsn_elfproef=0.01,record.duplicate_line=5
  CODE is de bevindingcode die de fout moet opleveren:
    ${DEFECT_CODES.join(', ')}
  Een fout die een bestandstype niet kan bevatten (bijv. period.mismatch zonder kolom periode)
  wordt voor dat type overgeslagen, met een melding.

Voorbeelden:
  ggk generate --type alle --gemeente 0363 --period 2017H2 --out tmp --zip
  ggk generate --rows 1000000 --seed 7 --out bench/out`;

export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description('maak synthetische aanleveringen (Wmo, Wmo kosten, SBW, Jeugd) voor demo, test en benchmark')
    .option('--type <types>', 'bestandstype(n), komma-gescheiden: wmo, wmo-kosten, sbw, jeugd of alle', 'wmo')
    .option(
      '--rows <n>',
      'aantal gegevensregels per bestand (standaard: 1000, of alle sleutelcombinaties)',
      parseRows,
    )
    .option('--seed <tekst>', 'startwaarde: dezelfde seed geeft dezelfde bestanden', '1')
    .option('--gemeente <GGGG>', 'CBS-gemeentecode van 4 cijfers', '0363')
    .option('--period <JJJJHn>', 'het halfjaar', '2017H2')
    .option('--defect <lijst>', 'fouten om in te bouwen, zie hieronder', parseDefectOption)
    .option('--out <map>', 'map voor de bestanden', '.')
    .option('--zip [naam]', 'bundel de bestanden in één ZIP-bestand (standaard MSD_GGGG_JJJJHn.zip)')
    .option(
      '--spec <id-of-pad>',
      'specificatie: een id zoals gmsd-2017 of een pad naar een .json',
      'gmsd-2017',
    )
    .option('--aanmaakdatum <JJJJMMDD>', 'aanmaakdatum in de bestanden (standaard 15 dagen na het halfjaar)')
    .option('--test-bsn', "maak BSN's uit de testreeks 999900006-999999990")
    .option('--crlf', 'regeleinden CRLF in plaats van LF')
    .addHelpText('after', DEFECT_HELP)
    // Bad arguments exit with 2, as in `ggk validate`: "could not do what was asked".
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))
    .action(async (flags: GenerateFlags) => {
      let plans: DeliveryPlan[];
      try {
        const spec = await loadGeneratorSpec(flags.spec);
        plans = planAll(spec, flags);
      } catch (error) {
        process.stderr.write(`ggk generate: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(2);
      }
      try {
        await writePlans(plans, flags);
      } catch (error) {
        process.stderr.write(
          `ggk generate: schrijven mislukt: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        process.exit(1);
      }
    });
}

function parseRows(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('geef een heel getal van 0 of meer.');
  return Number(value);
}

function parseDefectOption(value: string, previous: DefectRequest[] | undefined): DefectRequest[] {
  try {
    return [...(previous ?? []), ...parseDefects(value)];
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
}

/** "gmsd-2017" → specs/gmsd/2017.json; anything ending in .json is taken as a path. */
async function loadGeneratorSpec(idOrPath: string): Promise<GeneratorSpec> {
  let file: string;
  if (idOrPath.endsWith('.json')) file = path.resolve(idOrPath);
  else {
    const match = /^([a-z]+)-(\d{4})$/.exec(idOrPath);
    if (!match)
      throw new Error(
        `Onbekende specificatie "${idOrPath}"; geef een id zoals gmsd-2017 of een pad naar een .json-bestand.`,
      );
    file = path.join(SPECS_DIR, match[1]!, `${match[2]}.json`);
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new Error(`Specificatie ${file} is niet gevonden.`);
  }
  // The engine's loader checks the whole spec, so a broken spec fails here and not halfway a file.
  const { loadSpec } = await import('../../modules/validation/index.ts');
  return loadSpec(JSON.parse(text));
}

function planAll(spec: GeneratorSpec, flags: GenerateFlags): DeliveryPlan[] {
  const requested = flags.type.split(',').map((type) => type.trim().toLowerCase());
  const types = requested.includes('alle') || requested.includes('all') ? ALL_TYPES : requested;
  const plans = types.map((type) =>
    planDelivery({
      spec,
      type,
      gemeente: flags.gemeente,
      period: flags.period.toUpperCase(),
      seed: `${flags.seed}:${type}`,
      ...(flags.rows !== undefined ? { rows: flags.rows } : {}),
      ...(flags.defect ? { defects: flags.defect } : {}),
      ...(flags.aanmaakdatum ? { createdOn: flags.aanmaakdatum } : {}),
      testBsn: flags.testBsn ?? false,
      lineEnding: flags.crlf ? '\r\n' : '\n',
    }),
  );
  for (const defect of flags.defect ?? []) {
    if (plans.every((plan) => plan.skippedDefects.includes(defect.code))) {
      throw new Error(
        `De fout ${defect.code} kan in geen van de gekozen bestandstypen (${types.join(', ')}) worden ingebouwd.`,
      );
    }
  }
  return plans;
}

async function writePlans(plans: DeliveryPlan[], flags: GenerateFlags): Promise<void> {
  await mkdir(flags.out, { recursive: true });
  for (const plan of plans) {
    if (plan.requestedRows !== undefined) {
      process.stderr.write(
        `${plan.fileName}: ${plan.rows} regels in plaats van ${plan.requestedRows}; meer records met een verschillende sleutel bestaan niet.\n`,
      );
    }
    for (const code of plan.skippedDefects)
      process.stderr.write(`${plan.fileName}: fout ${code} overgeslagen (past niet in dit bestandstype).\n`);
  }
  const written: string[] = [];
  if (flags.zip !== undefined && flags.zip !== false) {
    const name =
      typeof flags.zip === 'string' ? flags.zip : `MSD_${flags.gemeente}_${flags.period.toUpperCase()}.zip`;
    const target = path.join(flags.out, name);
    await pipeline(
      Readable.from(zipDeliveryChunks(plans.map((plan) => ({ name: plan.fileName, chunks: plan.chunks })))),
      createWriteStream(target),
    );
    written.push(`${target} (${plans.map((plan) => `${plan.fileName}: ${plan.rows} regels`).join(', ')})`);
  } else {
    for (const plan of plans) {
      const target = path.join(flags.out, plan.fileName);
      await pipeline(Readable.from(plan.chunks()), createWriteStream(target));
      written.push(`${target} (${plan.rows} regels)`);
    }
  }
  for (const line of written) process.stdout.write(`Geschreven: ${line}\n`);
}
