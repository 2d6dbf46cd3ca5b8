/** How findings name rules and lists, in the words the editor shows. */
import type { SecurityGroup } from '../../model';
import type { CompiledRule } from '../compile';

/** "Inbound rule 3 of web-sg" — numbered as the console table lists them. */
export function ruleName(
  group: SecurityGroup,
  r: CompiledRule,
  index = group[r.direction].indexOf(r.rule),
): string {
  const n = index + 1;
  const dir = r.direction === 'inbound' ? 'Inbound' : 'Outbound';
  return `${dir} rule ${n} of ${group.name} (${r.ruleId})`;
}

/** "a", "a and b", "a, b and c". */
export function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
