/**
 * Reading AWS output of either spelling (aws-semantics.md §8): the SDK's JSON names
 * (`GroupId`, `IpPermissions`) and the EC2 Query XML names (`groupId`, `ipPermissions`,
 * `groupDescription`, `tagSet`, `groups`), missing arrays as empty. Pure, never throws.
 */

import { isRecord } from '../model';

export type Obj = Readonly<Record<string, unknown>>;

const ALIASES: Readonly<Record<string, readonly string[]>> = {
  Description: ['groupDescription'],
  Tags: ['tagSet'],
  UserIdGroupPairs: ['groups'],
  SecurityGroups: ['securityGroupInfo', 'groupSet'],
  Instances: ['instancesSet'],
  Reservations: ['reservationSet'],
  IpRanges: ['ipRanges'],
};

export const isObj: (v: unknown) => v is Obj = isRecord;

/** The field under its SDK name, its lowerCamel Query name, or a known alias. */
export function field(o: Obj, name: string): unknown {
  if (o[name] !== undefined) return o[name];
  const lower = `${name.charAt(0).toLowerCase()}${name.slice(1)}`;
  if (o[lower] !== undefined) return o[lower];
  for (const alias of ALIASES[name] ?? []) if (o[alias] !== undefined) return o[alias];
  return undefined;
}

export const str = (o: Obj, name: string): string | undefined => {
  const v = field(o, name);
  return typeof v === 'string' && v !== '' ? v : undefined;
};

export const num = (o: Obj, name: string): number | undefined => {
  const v = field(o, name);
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  return undefined;
};

/** An array field's objects (XML-as-JSON may wrap them in `{ item: [...] }`). */
export function list(o: Obj, name: string): Obj[] {
  let v = field(o, name);
  if (isObj(v) && v.item !== undefined) v = v.item;
  if (isObj(v)) v = [v];
  return Array.isArray(v) ? v.filter(isObj) : [];
}

/** The `Name` tag, as the console shows it. */
export function nameTag(o: Obj): string | undefined {
  const tag = list(o, 'Tags').find((t) => str(t, 'Key') === 'Name');
  return tag ? str(tag, 'Value') : undefined;
}

/** An array field's strings (a load balancer's `SecurityGroups`, XML-wrapped or not). */
export function strings(o: Obj, name: string): string[] {
  let v = field(o, name);
  if (isObj(v) && v.member !== undefined) v = v.member;
  if (typeof v === 'string') v = [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : [];
}
