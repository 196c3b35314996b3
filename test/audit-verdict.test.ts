// The dependency audit of `npm run check` fails on high and critical advisories, passes on lower
// ones, and tells an unanswered registry apart from a clean answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeAudit } from '../scripts/audit-verdict.ts';

const answer = (vulnerabilities: Record<string, { severity: string }>) =>
  JSON.stringify({
    vulnerabilities,
    metadata: { vulnerabilities: { total: Object.keys(vulnerabilities).length } },
  });

test('high and critical advisories fail, lower ones pass', () => {
  assert.deepEqual(judgeAudit(answer({ a: { severity: 'moderate' }, b: { severity: 'low' } }), 0, 60), {
    kind: 'pass',
    total: 2,
  });
  assert.deepEqual(judgeAudit(answer({ a: { severity: 'high' }, b: { severity: 'low' } }), 1, 60), {
    kind: 'fail',
    serious: [{ name: 'a', severity: 'high' }],
  });
  assert.equal(judgeAudit(answer({ c: { severity: 'critical' } }), 1, 60).kind, 'fail');
});

test('a registry that does not answer is reported as such, never as clean', () => {
  const refused = JSON.stringify({ message: '405 Method Not Allowed', error: { summary: '' } });
  assert.deepEqual(judgeAudit(refused, 1, 60), { kind: 'unanswered', reason: '405 Method Not Allowed' });
  assert.equal(judgeAudit('', null, 60).kind, 'unanswered');
  assert.equal(judgeAudit('npm ERR! network', 1, 60).kind, 'unanswered');
});
