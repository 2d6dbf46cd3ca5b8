/**
 * The built-in scenarios (src/content/scenarios/*.json): the newcomer's first screen and the
 * New menu. Only names and descriptions are in the initial bundle; a scenario loads when chosen.
 */
import { parseScenario, type Scenario } from '../model';

const titles = import.meta.glob<string>('../content/scenarios/*.json', {
  eager: true,
  import: 'name',
});
const summaries = import.meta.glob<string>('../content/scenarios/*.json', {
  eager: true,
  import: 'description',
});
const loaders = import.meta.glob<unknown>('../content/scenarios/*.json', { import: 'default' });

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
  const load = loaders[fileOf(id)];
  if (!load) throw new Error(`No built-in scenario file for ${id}`);
  return {
    id,
    title: titles[fileOf(id)] ?? id,
    summary: summaries[fileOf(id)] ?? '',
    scenario: async () => parsed(id, await load()),
  };
});

/** Every file in the folder is in ORDER, so a new scenario cannot be forgotten in the menu. */
export const UNLISTED = Object.keys(loaders)
  .map((f) => f.replace(/^.*\/(.+)\.json$/, '$1'))
  .filter((id) => !(ORDER as readonly string[]).includes(id));
