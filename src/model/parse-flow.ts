/**
 * Reading a flow from outside data (an autosave, a link, a lesson): the expectation's shape
 * without `expect`, checked as strictly as a scenario, and its numbers kept within what a packet
 * can carry. Never throws.
 */
import { error, type Issue } from './issue';
import { protocolNumberOf } from './protocol';
import { checkShape, FLOW_SPEC } from './schema';
import type { Flow } from './types';

export type FlowParse =
  | { readonly ok: true; readonly flow: Flow }
  | { readonly ok: false; readonly issues: readonly Issue[] };

const inRange = (v: number | undefined, lo: number, hi: number) =>
  v === undefined || (v >= lo && v <= hi);

export function parseFlow(value: unknown, path = ''): FlowParse {
  const problems: [string, string][] = [];
  checkShape(value, FLOW_SPEC, path, problems);
  if (problems.length > 0)
    return {
      ok: false,
      issues: problems.map(([p, m]) => error('InvalidShape', p, `${p || 'The flow'} ${m}.`)),
    };
  const f = value as Flow;
  const at = (field: string) => (path ? `${path}.${field}` : field);
  const issues: Issue[] = [];
  if (protocolNumberOf(f.protocol) === null)
    issues.push(error('InvalidProtocol', at('protocol'), `"${f.protocol}" is not a protocol.`));
  if (!inRange(f.port, 0, 65535))
    issues.push(error('InvalidPort', at('port'), `Port ${f.port} is not between 0 and 65535.`));
  if (!inRange(f.sourcePort, 0, 65535))
    issues.push(
      error(
        'InvalidPort',
        at('sourcePort'),
        `Source port ${f.sourcePort} is not between 0 and 65535.`,
      ),
    );
  for (const field of ['icmpType', 'icmpCode'] as const)
    if (!inRange(f[field], -1, 255))
      issues.push(
        error(
          'InvalidIcmp',
          at(field),
          `ICMP ${field === 'icmpType' ? 'type' : 'code'} ${f[field]} is not between -1 and 255.`,
        ),
      );
  if (issues.length > 0) return { ok: false, issues };
  // only the flow's own fields: a stranger's extra keys are not carried along
  const { from, to, protocol, port, icmpType, icmpCode, via, sourcePort, expect } = f;
  return {
    ok: true,
    flow: {
      from,
      to,
      protocol,
      ...(port !== undefined ? { port } : {}),
      ...(icmpType !== undefined ? { icmpType } : {}),
      ...(icmpCode !== undefined ? { icmpCode } : {}),
      ...(via !== undefined ? { via } : {}),
      ...(sourcePort !== undefined ? { sourcePort } : {}),
      ...(expect !== undefined ? { expect } : {}),
    },
  };
}
