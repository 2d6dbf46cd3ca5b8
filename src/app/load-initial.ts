/**
 * The scenario the app opens on: the built-in three-tier app, or a built-in named in the URL
 * (`?scenario=large` for the 1,000-instance benchmark world, generated on demand).
 */
import blankVpc from '../content/scenarios/blank-vpc.json';
import { parseScenario, type Scenario } from '../model';
import threeTier from './scenarios/three-tier.json';

function parsed(doc: unknown): Scenario {
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(`A built-in scenario does not load: ${r.issues[0]?.message}`);
  return r.scenario;
}

export interface BuiltIn {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly scenario: () => Scenario;
}

/** The gallery: what a newcomer can open from the welcome and the New menu. */
export const BUILT_INS: readonly BuiltIn[] = [
  {
    id: 'three-tier',
    title: 'Three-tier web app',
    summary:
      'A load balancer across two Availability Zones, web servers, a database and a bastion host, with six expectations.',
    scenario: () => parsed(threeTier),
  },
  {
    id: 'blank-vpc',
    title: 'Blank VPC',
    summary: 'One VPC, one public subnet and its default group: build everything yourself.',
    scenario: () => parsed(blankVpc),
  },
];

export function builtInScenario(): Scenario {
  return parsed(threeTier);
}

export interface Opened {
  readonly scenario?: Scenario;
  readonly fromUrl: boolean;
  readonly notice?: string;
}

export async function initialScenario(url: URL): Promise<Opened> {
  const name = url.searchParams.get('scenario');
  if (name === 'large') {
    const { largeScenario } = await import('../model/large-scenario');
    return {
      scenario: largeScenario({ instances: 1000, groups: 300, rulesPerGroup: 60 }),
      fromUrl: true,
      notice:
        'Opened the 1,000-instance benchmark scenario. Autosave is off for it, so your own work stays saved.',
    };
  }
  return { scenario: builtInScenario(), fromUrl: false };
}
