import { describe, expect, it } from 'vitest';
import { largeScenario } from '../model/large-scenario';
import { partsJoiner, partsOf, partsSender, SLICE, type Part } from './in-parts';

/** Every list of a message, with its length, to check that no part carries a long one. */
function longestList(v: unknown): number {
  if (Array.isArray(v)) return Math.max(v.length, ...v.map(longestList));
  if (typeof v === 'object' && v !== null) return Math.max(0, ...Object.values(v).map(longestList));
  return 0;
}

describe('messages in parts', () => {
  const world = largeScenario({ instances: 1000, groups: 300, rulesPerGroup: 5 });
  const message = {
    seq: 4,
    patch: {
      top: { instances: world.instances },
      groups: world.securityGroups.map((g, i) => [i, g]),
      groupCount: 300,
    },
  };

  it('a large message is rebuilt whole from its parts, copied as a worker would', () => {
    const before = JSON.stringify(message);
    const parts = partsOf(message);
    // 1,000 instances and 300 groups: 5 + 2 slices after the head
    expect(parts).toHaveLength(8);
    for (const p of parts)
      expect('items' in p ? p.items.length : longestList(p.head)).toBeLessThanOrEqual(SLICE);
    const join = partsJoiner<typeof message>();
    const got = parts.map((p) => join(structuredClone(p)));
    expect(got.slice(0, -1).every((x) => x === null)).toBe(true);
    expect(got.at(-1)).toEqual(message);
    // the message sent is left as it was
    expect(JSON.stringify(message)).toBe(before);
  });

  it('a small message is one part, and lists inside lists stay in place', () => {
    const small = { a: [[1, 2], [3]], b: { c: 'x', d: new Int32Array([5]) } };
    const parts = partsOf(small);
    expect(parts).toHaveLength(1);
    expect(partsJoiner()(structuredClone(parts[0] as Part))).toEqual(small);
  });

  it('the sender posts a small message at once, a large one over several tasks, in order', async () => {
    const posted: Part[] = [];
    // a slow copy: the sender must give the page a turn between parts
    const send = partsSender((p) => {
      const until = performance.now() + 3;
      while (performance.now() < until);
      posted.push(structuredClone(p));
    }, 50);
    send({ n: 1 });
    expect(posted).toHaveLength(1);
    send({ list: Array.from({ length: 500 }, (_, i) => i) });
    const inFirstTask = posted.length;
    send({ n: 2 });
    expect(inFirstTask).toBeLessThan(12);
    // the later message waits behind the large one
    expect(posted).toHaveLength(inFirstTask);
    await expect.poll(() => posted.length).toBe(1 + 11 + 1);
    const join = partsJoiner<unknown>();
    const whole = posted.map(join).filter((x) => x !== null);
    expect(whole).toEqual([{ n: 1 }, { list: Array.from({ length: 500 }, (_, i) => i) }, { n: 2 }]);
  });
});
