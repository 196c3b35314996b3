// `ggk audit verify`: recomputes the audit trail's hash chain and names the first entry that does not
// fit; with --expect/--expect-file it also checks that heads anchored earlier (outside the database)
// are still in the trail, so a chain rewritten and re-hashed as a whole is caught too. Exit status 0
// when all is in order, 1 when anything does not fit (or the check could not run), 2 for bad input.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { AuditExpectation } from '../../modules/audit/index.ts';
import { bootstrap, failCommand } from './shared.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('de audittrail controleren');
  audit
    .command('verify')
    .description('controleer de hashketen van de audittrail; noemt de eerste regel die niet klopt')
    .option(
      '--expect <hash>',
      'een eerder bewaarde hash (of <volgnummer>:<hash>) die nog in de audittrail moet staan; mag vaker',
      collect,
      [],
    )
    .option(
      '--expect-file <pad>',
      'een bestand met bewaarde ankers of hashes die nog in de audittrail moeten staan',
    )
    .action(async (options: { expect: string[]; expectFile?: string }) => {
      const { config, log } = await bootstrap();
      const expectations: AuditExpectation[] = [];
      const inputProblems: string[] = [];
      const forged: string[] = [];
      const [
        { auditActionLabel, checkAuditExpectations, parseExpectations, verifyAuditChain },
        { formatDutchDateTime },
        { createRuntime },
        { findAnchorKeys },
      ] = await Promise.all([
        import('../../modules/audit/index.ts'),
        import('../../platform/time/amsterdam-time.ts'),
        import('../compose.ts'),
        import('../audit-anchor.ts'),
      ]);
      // Read and parsed first without keys, so bad input exits 2 before the database is opened; the
      // signatures are checked once the anchor keys can be read from it.
      const texts: string[] = [];
      if (options.expect.length > 0 || options.expectFile !== undefined) {
        let fileText = '';
        if (options.expectFile !== undefined) {
          try {
            fileText = await readFile(options.expectFile, 'utf8');
          } catch {
            process.stderr.write(`ggk: het bestand ${options.expectFile} kan niet worden gelezen.\n`);
            process.exit(2);
          }
        }
        texts.push(...options.expect, ...(options.expectFile !== undefined ? [fileText] : []));
        for (const text of texts) {
          const parsed = parseExpectations(text);
          expectations.push(...parsed.expectations);
          inputProblems.push(...parsed.problems);
        }
        if (expectations.length === 0) {
          process.stderr.write(`ggk: ${inputProblems.join('; ')}.\n`);
          process.exit(2);
        }
      }
      let runtime;
      try {
        runtime = await createRuntime(config, log);
        if (texts.length > 0) {
          const keys = await findAnchorKeys(config, runtime.database.db);
          expectations.length = 0;
          for (const text of texts) {
            const parsed = parseExpectations(text, keys.length > 0 ? keys : undefined);
            expectations.push(...parsed.expectations);
            forged.push(...parsed.forged);
          }
        }
        const result = await verifyAuditChain(runtime.database.db);
        const missing = [
          ...inputProblems,
          ...forged,
          ...(await checkAuditExpectations(runtime.database.db, expectations)),
        ];
        if (result.ok) {
          process.stdout.write(
            `De hashketen is onbroken: ${result.entries} ${result.entries === 1 ? 'regel' : 'regels'} gecontroleerd.\n` +
              `Laatste hash: ${result.lastHash}\n`,
          );
        } else {
          const b = result.broken;
          process.stdout.write(
            [
              `De audittrail is NIET in orde: de keten is gebroken bij regel ${b.seq}.`,
              `  regel ${b.seq} (id ${b.id}), ${formatDutchDateTime(b.recordedAt)}, ${auditActionLabel(b.action)} (${b.action})`,
              `  probleem: ${b.problem}`,
              `  De ${result.entries} regels daarvoor zijn in orde.`,
              '',
            ].join('\n'),
          );
        }
        if (missing.length > 0) {
          process.stdout.write(
            [
              'De audittrail is NIET in orde: een eerder bewaard anker klopt niet meer.',
              ...missing.map((m) => `  ${m}`),
              '',
            ].join('\n'),
          );
        } else if (expectations.length > 0) {
          process.stdout.write(
            `${expectations.length === 1 ? 'Het bewaarde anker staat' : `Alle ${expectations.length} bewaarde ankers staan`} ongewijzigd in de audittrail.\n`,
          );
        } else if (result.ok) {
          process.stdout.write(
            '(Bewaar de laatste hash buiten de database, of gebruik het dagelijkse anker dat ggk mailt, en controleer later met --expect of --expect-file: zo blijkt ook of de keten is herschreven of ingekort.)\n',
          );
        }
        if (result.ok && missing.length === 0) process.stdout.write('De audittrail is in orde.\n');
        else process.exitCode = 1;
      } catch (error) {
        failCommand(log, error);
      } finally {
        await runtime?.close();
      }
    });
}
