import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Challenge, type Scenario } from '../model';
import { parseChallenge } from '../model/lesson';
import { arbitraryScenario } from '../test-support/arbitrary-scenario';
import { fuzzRuns } from '../test-support/mutate';
import { toBase64url } from './base64url';
import { crc32 } from './crc32';
import { decodeShareLink, encodeShareLink, LINK_MAX_BYTES } from '.';

const threeTier = (): Scenario => {
  const r = parseScenario(
    readFileSync(path.resolve(import.meta.dirname, '../content/scenarios/three-tier.json'), 'utf8'),
  );
  if (!r.ok) throw new Error('three-tier does not parse');
  return r.scenario;
};

/** A link around any bytes, with a correct check: for payloads the encoder would never make. */
function linkOf(json: Uint8Array, version = 1): string {
  const packed = deflateSync(json);
  const out = new Uint8Array(packed.length + 4);
  out.set(packed);
  new DataView(out.buffer).setUint32(packed.length, crc32(json));
  return `#s=${version}.${toBase64url(out)}`;
}

describe('share links', () => {
  it('the three-tier scenario goes and comes back equal, in the format of scenario-format.md', async () => {
    const s = threeTier();
    const link = await encodeShareLink(s);
    expect(link).toMatch(/^#s=1\.[A-Za-z0-9_-]+$/);
    const back = await decodeShareLink(link);
    expect(back.ok && back.kind === 'scenario' && back.scenario).toEqual(s);
  });

  it('round trip: any scenario → link → the same document as parseScenario gives', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryScenario, async (s) => {
        const back = await decodeShareLink(await encodeShareLink(s));
        const expected = parseScenario(s);
        expect(back.ok && back.kind === 'scenario' && expected.ok && back.scenario).toEqual(
          expected.ok && expected.scenario,
        );
      }),
      { numRuns: fuzzRuns(150) },
    );
  });

  it('generated rule ids are left out of the link and come back the same', async () => {
    const s = threeTier();
    const bare = parseScenario({
      ...s,
      securityGroups: s.securityGroups.map((g) => ({
        ...g,
        inbound: g.inbound.map(({ id: _id, ...r }) => r),
        outbound: g.outbound.map(({ id: _id, ...r }) => r),
      })),
    });
    if (!bare.ok) throw new Error('does not parse');
    const withIds = await encodeShareLink(s);
    const generated = await encodeShareLink(bare.scenario);
    expect(generated.length).toBeLessThan(withIds.length);
    const back = await decodeShareLink(generated);
    expect(back.ok && back.kind === 'scenario' && back.scenario).toEqual(bare.scenario);
  });

  it('names each refusal with its code', async () => {
    const link = await encodeShareLink(threeTier());
    const code = async (f: string) => {
      const r = await decodeShareLink(f);
      return r.ok ? 'ok' : r.error.code;
    };
    expect(await code(link.slice(0, Math.floor(link.length / 2)))).toBe('LINK_TRUNCATED');
    const i = 200;
    expect(
      await code(`${link.slice(0, i)}${link[i] === 'A' ? 'B' : 'A'}${link.slice(i + 1)}`),
    ).toBe('LINK_CORRUPT');
    expect(await code(link.replace('#s=1.', '#s=2.'))).toBe('LINK_NEWER_VERSION');
    expect(await code('#s=1.!!!')).toBe('LINK_CORRUPT');
    expect(await code('https://example.test/')).toBe('LINK_CORRUPT');
    const bomb = linkOf(new Uint8Array(LINK_MAX_BYTES + 10).fill(32));
    expect(bomb.length).toBeLessThan(10_000);
    expect(await code(bomb)).toBe('LINK_TOO_LARGE');
    const invalid = linkOf(new TextEncoder().encode('{"vpcs":3}'));
    const r = await decodeShareLink(invalid);
    expect(!r.ok && r.error.code).toBe('LINK_INVALID_SCENARIO');
    expect(!r.ok && r.error.issues?.map((x) => x.path)).toContain('vpcs');
  });

  it('fuzz: random, cut, changed and 5 MB inputs are refused with a code, never thrown', async () => {
    const link = await encodeShareLink(threeTier());
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.integer({ min: 0, max: link.length }).map((n) => link.slice(0, n)),
          fc
            .tuple(
              fc.integer({ min: 5, max: link.length - 1 }),
              fc.string({ minLength: 1, maxLength: 1 }),
            )
            .map(([i, c]) => `${link.slice(0, i)}${c}${link.slice(i + 1)}`),
          fc.uint8Array({ maxLength: 400 }).map((b) => `#s=1.${toBase64url(b)}`),
        ),
        async (input) => {
          const r = await decodeShareLink(input);
          if (!r.ok) expect(r.error.code).toMatch(/^LINK_/);
          else if (r.kind === 'scenario') expect(parseScenario(r.scenario).ok).toBe(true);
          else expect(parseChallenge(r.challenge).ok).toBe(true);
        },
      ),
      { numRuns: fuzzRuns(1500) },
    );
    const huge = `#s=1.${'A'.repeat(5_000_000)}`;
    const t = performance.now();
    const r = await decodeShareLink(huge);
    expect(r.ok).toBe(false);
    expect(performance.now() - t).toBeLessThan(2000);
  });
});

describe('challenge links', () => {
  const challenge = (): Challenge => ({
    format: 'sg-lab.challenge',
    version: 1,
    title: 'Close SSH',
    text: 'Keep the shop **working**.',
    scenario: threeTier(),
    goals: [
      { kind: 'no-finding', code: 'WORLD_OPEN_ADMIN_PORT' },
      {
        kind: 'flow',
        flow: { from: 'host-internet', to: 'lb-shop', protocol: 'tcp', port: 443, expect: 'allow' },
      },
    ],
    hideGoalsUntilChecked: true,
  });

  it('a challenge goes as #c=1. and comes back equal', async () => {
    const c = challenge();
    const link = await encodeShareLink(c);
    expect(link).toMatch(/^#c=1\.[A-Za-z0-9_-]+$/);
    const back = await decodeShareLink(link);
    expect(back.ok && back.kind === 'challenge' && back.challenge).toEqual(
      parseChallenge(c).ok && c,
    );
  });

  it('a challenge whose goals do not read is refused with their paths', async () => {
    const link = await encodeShareLink({ ...challenge(), goals: [{ kind: 'magic' } as never] });
    const back = await decodeShareLink(link);
    expect(!back.ok && back.error.code).toBe('LINK_INVALID_SCENARIO');
    expect(!back.ok && back.error.issues?.[0]?.path).toBe('goals[0].kind');
  });
});
