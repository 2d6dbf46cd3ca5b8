/**
 * The built-in scenarios (src/content/scenarios/*.json): the newcomer's first screen and the
 * New menu. They come with the app (all ten are about 4 kB gzip, and the first screen lists
 * them); each is parsed when chosen.
 */
import { parseScenario, type Scenario } from '../model';

const files = import.meta.glob<{ name?: string; description?: string }>(
  '../content/scenarios/*.json',
  { eager: true, import: 'default' },
);

/** The order a learner meets them in: simplest first, the repair exercise last. */
const ORDER = [
  'three-tier',
  'blank-vpc',
  'single-web-server',
  'bastion-private-app',
  'same-subnet-different-groups',
  'several-groups',
  'default-group',
  'locked-down-egress',
  'dual-stack-ipv6',
  'broken-repair',
] as const;

export interface BuiltIn {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly scenario: () => Promise<Scenario>;
}

function fileOf(id: string): string {
  return `../content/scenarios/${id}.json`;
}

function parsed(id: string, doc: unknown): Scenario {
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(`The built-in scenario ${id} does not load: ${r.issues[0]?.message}`);
  return r.scenario;
}

export const BUILT_INS: readonly BuiltIn[] = ORDER.map((id) => {
  const doc = files[fileOf(id)];
  if (!doc) throw new Error(`No built-in scenario file for ${id}`);
  return {
    id,
    title: doc.name ?? id,
    summary: doc.description ?? '',
    scenario: async () => parsed(id, doc),
  };
});

/** Every file in the folder is in ORDER, so a new scenario cannot be forgotten in the menu. */
export const UNLISTED = Object.keys(files)
  .map((f) => f.replace(/^.*\/(.+)\.json$/, '$1'))
  .filter((id) => !(ORDER as readonly string[]).includes(id));
