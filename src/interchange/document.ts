/**
 * The document envelope: a scenario and the flows sent in it, as autosave keeps them (and, later,
 * files and links). Versioned; decoding is total: any text gives a document or a reason, never an
 * exception, and flows are read by the model as strictly as the scenario.
 */
import { parseFlow, parseScenario, type Flow, type Issue, type Scenario } from '../model';

export const DOCUMENT_FORMAT = 'sg-lab.document';
/** What autosave wrote before the envelope had its own name; still read. */
const LEGACY_FORMAT = 'sg-lab.autosave';
export const DOCUMENT_VERSION = 1;

export interface SgDocument {
  readonly scenario: Scenario;
  readonly flows: readonly Flow[];
}

export type DecodedDocument =
  | {
      readonly ok: true;
      readonly document: SgDocument;
      /** Flows that did not read and were left out, with why (the rest is restored). */
      readonly refusedFlows: readonly Issue[];
    }
  | { readonly ok: false; readonly reason: string; readonly issues: readonly Issue[] };

/** The last text of each scenario: autosave and Recent scenarios write the same document. */
const encoded = new WeakMap<
  object,
  { readonly flows: SgDocument['flows']; readonly text: string }
>();

export function encodeDocument(doc: SgDocument): string {
  const hit = encoded.get(doc.scenario);
  if (hit && hit.flows.length === doc.flows.length && hit.flows.every((f, i) => f === doc.flows[i]))
    return hit.text;
  const text = `{"format":${JSON.stringify(DOCUMENT_FORMAT)},"version":${DOCUMENT_VERSION},"scenario":${scenarioJson(doc.scenario)},"flows":${JSON.stringify(doc.flows)}}`;
  encoded.set(doc.scenario, { flows: doc.flows, text });
  return text;
}

/**
 * JSON.stringify(scenario), from the texts of its parts kept per object: an edit makes new objects
 * only along its path, so a large account's megabytes are written again only where it changed.
 */
function scenarioJson(s: Scenario): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(s)) {
    if (value === undefined || typeof value === 'function') continue;
    parts.push(
      `${JSON.stringify(key)}:${Array.isArray(value) ? listJson(value) : JSON.stringify(value)}`,
    );
  }
  return `{${parts.join(',')}}`;
}

const partText = new WeakMap<object, string>();

function listJson(list: readonly unknown[]): string {
  let text = partText.get(list);
  if (text === undefined) {
    text = `[${list.map((item) => (typeof item === 'object' && item !== null ? itemJson(item) : (JSON.stringify(item) ?? 'null'))).join(',')}]`;
    partText.set(list, text);
  }
  return text;
}

function itemJson(item: object): string {
  let text = partText.get(item);
  if (text === undefined) partText.set(item, (text = JSON.stringify(item)));
  return text;
}

export function decodeDocument(text: string): DecodedDocument {
  const fail = (reason: string, issues: readonly Issue[] = []): DecodedDocument => ({
    ok: false,
    reason,
    issues,
  });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('it is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail('it is not an SG Lab document');
  const doc = value as { format?: unknown; version?: unknown; scenario?: unknown; flows?: unknown };
  if (doc.format !== DOCUMENT_FORMAT && doc.format !== LEGACY_FORMAT)
    return fail('it is not an SG Lab document');
  if (typeof doc.version === 'number' && doc.version > DOCUMENT_VERSION)
    return fail(`it was written by a newer SG Lab (document version ${doc.version})`);
  const parsed = parseScenario(doc.scenario);
  if (!parsed.ok)
    return fail(parsed.issues[0]?.message ?? 'the scenario does not read', parsed.issues);
  const flows: Flow[] = [];
  const refusedFlows: Issue[] = [];
  if (doc.flows !== undefined && !Array.isArray(doc.flows))
    refusedFlows.push({
      code: 'InvalidShape',
      path: 'flows',
      message: 'flows must be an array.',
      severity: 'error',
    });
  else
    (doc.flows ?? []).forEach((f, i) => {
      const r = parseFlow(f, `flows[${i}]`);
      if (r.ok) flows.push(r.flow);
      else refusedFlows.push(...r.issues.slice(0, 1));
    });
  return { ok: true, document: { scenario: parsed.scenario, flows }, refusedFlows };
}
