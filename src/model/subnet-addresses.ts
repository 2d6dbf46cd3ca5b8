/** Addresses inside a subnet: what AWS reserves, and the next free one for a new interface. */
import { cidrAddress, cidrOf, formatCidr, formatIp, parseIp, type Cidr } from './cidr';

/**
 * AWS reserves the first four addresses (network, VPC router, DNS, future use) and the last one
 * of every subnet.
 */
export function reservedOffsets(cidr: Cidr): number[] {
  const size = cidr.family === 4 ? cidr.hi - cidr.lo + 1 : 0;
  return [0, 1, 2, 3, size - 1];
}

/** The lowest address of the block that is neither reserved nor in `used`, or null when full. */
export function nextFreeAddress(cidr: Cidr, used: Iterable<string>): string | null {
  if (cidr.family !== 4) return null;
  const taken = new Set<number>();
  for (const u of used) {
    const ip = parseIp(u);
    if (ip?.family === 4) taken.add(ip.value);
  }
  const size = cidr.hi - cidr.lo + 1;
  for (let offset = 4; offset < size - 1; offset++) {
    const ip = cidrAddress(cidr, offset);
    if (ip.family === 4 && !taken.has(ip.value)) return formatIp(ip);
  }
  return null;
}

/**
 * A public IPv4 address no instance uses yet, for "Auto-assign public IP": SG Lab draws them from
 * 54.144.0.0/16 (an AWS us-east-1 block), lowest first.
 */
export function freePublicIp(used: Iterable<string | undefined>): string {
  const taken = new Set(used);
  for (let n = 10; n < 65536; n++) {
    const ip = `54.144.${n >> 8}.${n & 255}`;
    if (!taken.has(ip)) return ip;
  }
  return '54.145.0.10';
}

/** A /16 for a new VPC that no VPC of the scenario uses yet: 10.0.0.0/16, 10.1.0.0/16, … */
export function freeVpcCidr(used: Iterable<string>): string {
  const taken = new Set(used);
  for (let n = 0; n < 256; n++) if (!taken.has(`10.${n}.0.0/16`)) return `10.${n}.0.0/16`;
  return '172.16.0.0/16';
}

/** The first /24 (or the whole block, if smaller) of a VPC block that no subnet uses yet. */
export function freeSubnetBlock(vpcCidr: string, used: readonly string[]): string | null {
  const block = cidrOf(vpcCidr);
  if (!block || block.family !== 4) return null;
  const taken = used.map(cidrOf);
  const size = Math.max(block.prefix, 24);
  const step = 2 ** (32 - size);
  for (let lo = block.lo; lo + step - 1 <= block.hi; lo += step) {
    const hi = lo + step - 1;
    if (!taken.some((u) => u?.family === 4 && u.lo <= hi && u.hi >= lo))
      return formatCidr({ family: 4, lo, hi, prefix: size });
  }
  return null;
}
