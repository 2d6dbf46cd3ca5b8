/**
 * What files a user brings become: one SG Lab scenario file opens as it is, a challenge or lesson
 * file starts, one `terraform show -json` output is imported as Terraform; anything else is read as AWS CLI output (several files
 * at once, any order). A file that does not load says where and
 * why; an AWS import lists what it could not map.
 */
import {
  decodeFile,
  fileTooLarge,
  importAws,
  importTerraform,
  type ImportNote,
} from '../interchange';
import {
  parseScenario,
  SCENARIO_FORMAT,
  type Challenge,
  type Issue,
  type Lesson,
  type Scenario,
} from '../model';
import { CHALLENGE_FORMAT, LESSON_FORMAT, parseChallenge, parseLesson } from '../model/lesson';

export interface BroughtFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** the file's size when its bytes were not read because it is too large */
  readonly size?: number;
}

export type Opened =
  | {
      readonly ok: true;
      readonly scenario: Scenario;
      readonly label: string;
      readonly notes: readonly ImportNote[];
      /** A challenge or lesson file: it starts, on its own world. */
      readonly challenge?: Challenge;
      readonly lesson?: Lesson;
    }
  | { readonly ok: false; readonly message: string; readonly notes: readonly ImportNote[] };

const looksLikeScenario = (text: string) => text.includes(`"${SCENARIO_FORMAT}"`);
/** `terraform show -json`: a plan has planned_values, a state values.root_module. */
const looksLikeTerraform = (text: string) =>
  text.includes('"planned_values"') ||
  (text.includes('"terraform_version"') && text.includes('"root_module"'));

/** "a.json was not opened: path: message · …" for a document that does not read. */
function refused(name: string, issues: readonly Issue[]): Opened {
  const errors = issues.filter((i) => i.severity === 'error');
  const shown = errors
    .slice(0, 3)
    .map((i) => `${i.path || 'the document'}: ${i.message}`)
    .join(' · ');
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
  return { ok: false, message: `${name} was not opened: ${shown}${more}.`, notes: [] };
}

export function openFiles(files: readonly BroughtFile[]): Opened {
  for (const f of files) {
    const tooLarge = fileTooLarge(f.name, f.size ?? f.bytes.length);
    if (tooLarge) return { ok: false, message: `${tooLarge} Nothing was opened.`, notes: [] };
  }
  const texts = files.map((f) => ({ name: f.name, text: decodeFile(f.bytes) }));
  const [only] = texts;
  // a challenge or a lesson holds a scenario: it is told apart first
  if (texts.length === 1 && only && only.text.includes(`"${CHALLENGE_FORMAT}"`)) {
    const r = parseChallenge(only.text);
    if (!r.ok) return refused(only.name, r.issues);
    return {
      ok: true,
      scenario: r.value.scenario,
      challenge: r.value,
      label: only.name,
      notes: [],
    };
  }
  if (texts.length === 1 && only && only.text.includes(`"${LESSON_FORMAT}"`)) {
    const r = parseLesson(only.text);
    if (!r.ok) return refused(only.name, r.issues);
    return { ok: true, scenario: r.value.scenario, lesson: r.value, label: only.name, notes: [] };
  }
  if (texts.length === 1 && only && looksLikeScenario(only.text)) {
    const parsed = parseScenario(only.text);
    if (!parsed.ok || parsed.issues.some((i) => i.severity === 'error'))
      return refused(only.name, parsed.issues);
    return { ok: true, scenario: parsed.scenario, label: only.name, notes: [] };
  }
  if (texts.length === 1 && only && looksLikeTerraform(only.text)) {
    const r = importTerraform(only);
    if (!r.ok)
      return { ok: false, message: `${only.name}: nothing could be imported.`, notes: r.notes };
    return {
      ok: true,
      scenario: r.scenario,
      label: `the Terraform import of ${only.name}`,
      notes: r.notes,
    };
  }
  const r = importAws(texts);
  const names = texts.map((t) => t.name).join(', ');
  if (!r.ok) return { ok: false, message: `${names}: nothing could be imported.`, notes: r.notes };
  return {
    ok: true,
    scenario: r.scenario,
    label: `the AWS import of ${texts.length === 1 ? names : `${texts.length} files`}`,
    notes: r.notes,
  };
}
