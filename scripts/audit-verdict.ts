// What `npm audit --json` said, judged: pass, fail (high or critical advisories in what ships), or
// unanswered (the registry gave no usable answer). Pure, so it is tested without a registry.
export interface AuditJson {
  vulnerabilities?: Record<string, { severity: string }>;
  metadata?: { vulnerabilities?: Record<string, number> };
  error?: { summary?: string };
  message?: string;
}

export type AuditVerdict =
  | { kind: 'pass'; total: number }
  | { kind: 'fail'; serious: Array<{ name: string; severity: string }> }
  | { kind: 'unanswered'; reason: string };

export function judgeAudit(stdout: string, exitCode: number | null, timeoutSeconds: number): AuditVerdict {
  let report: AuditJson;
  try {
    report = JSON.parse(stdout) as AuditJson;
  } catch {
    return {
      kind: 'unanswered',
      reason:
        exitCode === null
          ? `na ${timeoutSeconds} s afgebroken`
          : `geen leesbaar antwoord, status ${exitCode}`,
    };
  }
  const counts = report.metadata?.vulnerabilities;
  if (!counts)
    return { kind: 'unanswered', reason: report.message ?? report.error?.summary ?? `status ${exitCode}` };
  const serious = Object.entries(report.vulnerabilities ?? {})
    .filter(([, v]) => ['high', 'critical'].includes(v.severity))
    .map(([name, v]) => ({ name, severity: v.severity }));
  return serious.length > 0 ? { kind: 'fail', serious } : { kind: 'pass', total: counts.total ?? 0 };
}
