/** `sg-lab check`: runs every expectation of scenario files headless (scenario-format.md "The command line"). */
import {
  documentNotes,
  hasErrors,
  parseScenario,
  protocolLabel,
  type Expectation,
  type Issue,
} from '../model';
import { evaluateFlow } from '../engine';

export interface CheckRow {
  readonly file: string;
  readonly index: number;
  readonly id?: string;
  readonly from: string;
  readonly to: string;
  readonly expect: 'allow' | 'deny';
  readonly actual: 'allow' | 'deny';
  readonly pass: boolean;
  readonly blockedAt?: string;
  readonly reason: string;
}

export type CheckOutcome =
  | {
      readonly ok: true;
      readonly rows: readonly CheckRow[];
      readonly services: readonly string[];
      /** What every verdict must be read with (document-wide warnings), for standard error. */
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly file: string; readonly issues: readonly Issue[] };

/** Evaluates one file's text. A document that does not load, or has errors, is refused. */
export function checkScenarioText(file: string, text: string): CheckOutcome {
  const parsed = parseScenario(text);
  if (!parsed.ok || hasErrors(parsed.issues)) {
    return { ok: false, file, issues: parsed.issues.filter((i) => i.severity === 'error') };
  }
  const expectations = parsed.scenario.expectations ?? [];
  const rows = expectations.map((e, index) => {
    const v = evaluateFlow(parsed.scenario, e);
    const decisive = v.allowed
      ? v.steps
          .filter((s) => s.verdict === 'allow' && s.kind !== 'response' && s.kind !== 'health')
          .pop()
      : v.steps.find((s) => s.verdict === 'deny' && s.kind !== 'health');
    const actual = v.allowed ? 'allow' : 'deny';
    return {
      file,
      index,
      ...(e.id ? { id: e.id } : {}),
      from: e.from,
      to: e.to,
      expect: e.expect,
      actual,
      pass: actual === e.expect,
      ...(v.blockedAt ? { blockedAt: v.blockedAt } : {}),
      reason: decisive
        ? `${decisive.explanation}${decisive.nearestMiss ? ` Nearest miss: ${decisive.nearestMiss.explanation}` : ''}`
        : '',
    } satisfies CheckRow;
  });
  const notes = documentNotes(parsed.issues).map((i) => i.message);
  return { ok: true, rows, services: expectations.map(serviceLabel), notes };
}

export function serviceLabel(
  e: Pick<Expectation, 'protocol' | 'port' | 'icmpType' | 'icmpCode'>,
): string {
  const p = protocolLabel(e.protocol);
  if (e.port !== undefined) return `${p} ${e.port}`;
  if (e.icmpType !== undefined) return `${p} ${e.icmpType}/${e.icmpCode ?? 0}`;
  return p;
}
