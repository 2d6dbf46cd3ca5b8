/**
 * What a find field matches, one rule for every list that is found in rather than scrolled: the
 * navigator's groups, the matrix's rows and columns, the instance typed in the Send tab. The query
 * is trimmed and lower-cased once by the caller (`findQuery`).
 */
import type { Instance, SecurityGroup } from '../model';

/** Past this many entries a list offers none of them as options: they are found by typing. */
export const LISTED_UP_TO = 200;

export const findQuery = (text: string): string => text.trim().toLowerCase();

/** By id or name. */
export const groupFound = (g: Pick<SecurityGroup, 'id' | 'name'>, q: string): boolean =>
  g.id.toLowerCase().includes(q) || g.name.toLowerCase().includes(q);

/** By name (its id when it has none), id, or the start of its private address. */
export const instanceFound = (i: Instance, q: string): boolean =>
  (i.name ?? i.id).toLowerCase().includes(q) || i.id.includes(q) || i.privateIp.startsWith(q);
