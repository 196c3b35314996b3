// `npm run audit`, part of `npm run check`: the runtime dependencies (devDependencies do not ship)
// checked against the npm advisory database. High and critical advisories fail the check. When
// the registry cannot answer (offline, slow, a proxy that refuses the bulk endpoint), the check
// says so and passes: a slow registry must not make CI flaky. Set GGK_AUDIT_STRICT=1 (e.g. in a
// nightly job) to make an unanswered audit fail too. Decision and reasoning: docs/security.md.
import { spawn } from 'node:child_process';
import { judgeAudit } from './audit-verdict.ts';

const TIMEOUT_SECONDS = 60;
const strict = process.env.GGK_AUDIT_STRICT === '1';

const child = spawn('npm', ['audit', '--omit=dev', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
let out = '';
child.stdout.on('data', (d: Buffer) => (out += d.toString()));
child.stderr.resume();
const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_SECONDS * 1000);
const code: number | null = await new Promise((resolve) => child.on('close', resolve));
clearTimeout(timer);

const verdict = judgeAudit(out, code, TIMEOUT_SECONDS);
if (verdict.kind === 'unanswered') {
  const text = `Afhankelijkheden: npm audit kreeg geen antwoord van de registry (${verdict.reason}).`;
  if (strict) {
    console.error(`${text} GGK_AUDIT_STRICT=1: dit telt als fout.`);
    process.exit(1);
  }
  console.error(`${text} Overgeslagen; zet GGK_AUDIT_STRICT=1 om dit als fout te laten tellen.`);
} else if (verdict.kind === 'fail') {
  console.error('Afhankelijkheden: kwetsbaarheden van niveau hoog of kritiek in wat ggk meelevert:');
  for (const v of verdict.serious) console.error(`  ${v.name}: ${v.severity}`);
  console.error(
    'Werk de afhankelijkheid bij (npm audit voor details) of leg in docs/security.md uit waarom niet.',
  );
  process.exit(1);
} else {
  console.error(
    `Afhankelijkheden: geen kwetsbaarheden van niveau hoog of kritiek (${verdict.total} in totaal, lager niveau).`,
  );
}
