/**
 * Share links (scenario-format.md, "Share links"): `#s=1.<payload>`, the payload base64url of the
 * deflate-raw of the document's JSON followed by the CRC-32 of that JSON (4 bytes, big-endian).
 * What the decoder restores is left out (the format's constants, rule ids it would generate).
 * Decoding is total: a document or an error with its code, never an exception, and at most
 * 2 MB is ever inflated.
 */
import { deflateSync, Inflate } from 'fflate';
import {
  isRecord,
  parseScenario,
  SCENARIO_FORMAT,
  SCENARIO_VERSION,
  withRuleIds,
  type Challenge,
  type Issue,
  type Scenario,
} from '../model';
import { CHALLENGE_FORMAT, parseChallenge } from '../model/lesson';
import { fromBase64url, toBase64url } from './base64url';
import { crc32 } from './crc32';

export const LINK_VERSION = 1;
/** The most a link may inflate to: a link is a stranger's data (a bomb is refused, not run). */
export const LINK_MAX_BYTES = 2 * 1024 * 1024;

export type LinkErrorCode =
  | 'LINK_TRUNCATED'
  | 'LINK_CORRUPT'
  | 'LINK_NEWER_VERSION'
  | 'LINK_TOO_LARGE'
  | 'LINK_INVALID_SCENARIO';

export type DecodedLink =
  | { readonly ok: true; readonly kind: 'scenario'; readonly scenario: Scenario }
  | { readonly ok: true; readonly kind: 'challenge'; readonly challenge: Challenge }
  | {
      readonly ok: false;
      readonly error: {
        readonly code: LinkErrorCode;
        readonly message: string;
        readonly issues?: readonly { path: string; message: string }[];
      };
    };

/** The scenario without what the decoder puts back: shorter links, the same document. */
function compact(s: Scenario): Record<string, unknown> {
  const bare = {
    ...s,
    securityGroups: s.securityGroups.map((g) => ({
      ...g,
      inbound: g.inbound.map(({ id: _id, ...r }) => r),
      outbound: g.outbound.map(({ id: _id, ...r }) => r),
    })),
  };
  const regenerated = withRuleIds(bare);
  const keepId = (r: { id?: string }, again: { id?: string } | undefined) =>
    r.id !== undefined && r.id !== again?.id;
  const {
    format: _f,
    version: _v,
    ...rest
  } = {
    ...s,
    securityGroups: s.securityGroups.map((g, gi) => ({
      ...g,
      inbound: g.inbound.map((r, i) =>
        keepId(r, regenerated.securityGroups[gi]?.inbound[i]) ? r : withoutId(r),
      ),
      outbound: g.outbound.map((r, i) =>
        keepId(r, regenerated.securityGroups[gi]?.outbound[i]) ? r : withoutId(r),
      ),
    })),
  };
  return rest;
}

const withoutId = <T extends { id?: string }>({ id: _id, ...r }: T) => r;

function encodeJson(json: string, kind: 's' | 'c'): string {
  const bytes = new TextEncoder().encode(json);
  const packed = deflateSync(bytes, { level: 9 });
  const out = new Uint8Array(packed.length + 4);
  out.set(packed);
  new DataView(out.buffer).setUint32(packed.length, crc32(bytes));
  return `#${kind}=${LINK_VERSION}.${toBase64url(out)}`;
}

/** The scenario as it travels: without what the decoder restores, unless that would change it. */
async function travelling(s: Scenario): Promise<Record<string, unknown>> {
  const short = compact(s);
  const back = await decodeShareLink(encodeJson(JSON.stringify(short), 's'));
  const full = parseScenario(s);
  if (back.ok && back.kind === 'scenario' && full.ok)
    if (JSON.stringify(back.scenario) === JSON.stringify(full.scenario)) return short;
  // the ids left out must come back exactly as they were; if not, they all travel
  const { format: _f, version: _v, ...rest } = s;
  return rest;
}

/**
 * The fragment for a scenario (`#s=1.…`) or a challenge (`#c=1.…`). What it decodes to equals
 * `parseScenario(s)` / `parseChallenge(c)`.
 */
export async function encodeShareLink(doc: Scenario | Challenge): Promise<string> {
  if (doc.format === CHALLENGE_FORMAT) {
    const { format: _f, version: _v, scenario, ...rest } = doc;
    return encodeJson(JSON.stringify({ ...rest, scenario: await travelling(scenario) }), 'c');
  }
  return encodeJson(JSON.stringify(await travelling(doc)), 's');
}

const fail = (code: LinkErrorCode, message: string, issues?: readonly Issue[]): DecodedLink => ({
  ok: false,
  error: {
    code,
    message,
    ...(issues ? { issues: issues.map((i) => ({ path: i.path, message: i.message })) } : {}),
  },
});

/** Inflates at most LINK_MAX_BYTES; null when the data ends early, 'large' past the cap. */
function inflateCapped(data: Uint8Array): Uint8Array | null | 'large' | 'corrupt' {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let large = false;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > LINK_MAX_BYTES) {
      large = true;
      throw new RangeError('too large');
    }
    chunks.push(chunk);
  });
  try {
    inflater.push(data, true);
  } catch (e) {
    if (large) return 'large';
    return /unexpected EOF/i.test((e as Error).message) ? null : 'corrupt';
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Reads `#s=1.…` or `#c=1.…` (with or without the `#`): the document, or an error with its code. */
export async function decodeShareLink(fragment: string): Promise<DecodedLink> {
  const m = /^#?([sc])=(\d{1,6})\.(.*)$/s.exec(fragment.trim());
  if (!m) return fail('LINK_CORRUPT', 'This is not an SG Lab link: it should start with #s=1.');
  const [, kind, version, payload = ''] = m;
  if (Number(version) > LINK_VERSION)
    return fail(
      'LINK_NEWER_VERSION',
      `This link was made by a newer SG Lab (link format ${version}); this one reads format ${LINK_VERSION}.`,
    );
  const bytes = fromBase64url(payload);
  if (!bytes) return fail('LINK_CORRUPT', 'The link has characters a share link never has.');
  if (bytes.length < 5)
    return fail('LINK_TRUNCATED', 'The link is cut short: copy the whole link again.');
  const body = bytes.subarray(0, bytes.length - 4);
  const expected = new DataView(bytes.buffer, bytes.byteOffset + body.length, 4).getUint32(0);
  const json = inflateCapped(body);
  if (json === 'large')
    return fail(
      'LINK_TOO_LARGE',
      `The link unpacks to more than ${LINK_MAX_BYTES / 1024 / 1024} MB; share such a scenario as a file.`,
    );
  if (json === null)
    return fail('LINK_TRUNCATED', 'The link is cut short: copy the whole link again.');
  if (json === 'corrupt' || crc32(json) !== expected)
    return fail(
      'LINK_CORRUPT',
      'The link was changed on its way (its check does not match): ask for it again.',
    );
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch {
    return fail('LINK_CORRUPT', 'The link does not hold a readable document.');
  }
  if (!isRecord(value)) return fail('LINK_INVALID_SCENARIO', 'The link does not hold a scenario.');
  if (kind === 'c') {
    const inner = isRecord(value.scenario)
      ? { format: SCENARIO_FORMAT, version: SCENARIO_VERSION, ...value.scenario }
      : value.scenario;
    const c = parseChallenge({ format: CHALLENGE_FORMAT, version: 1, ...value, scenario: inner });
    if (!c.ok)
      return fail(
        'LINK_INVALID_SCENARIO',
        `The link's challenge does not load: ${c.issues[0]?.message ?? 'it is not valid'}`,
        c.issues,
      );
    return { ok: true, kind: 'challenge', challenge: c.value };
  }
  const parsed = parseScenario({ format: SCENARIO_FORMAT, version: SCENARIO_VERSION, ...value });
  if (!parsed.ok)
    return fail(
      'LINK_INVALID_SCENARIO',
      `The link's scenario does not load: ${parsed.issues[0]?.message ?? 'it is not valid'}`,
      parsed.issues,
    );
  return { ok: true, kind: 'scenario', scenario: parsed.scenario };
}
