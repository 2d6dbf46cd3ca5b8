/**
 * The scenario the app opens on: the built-in three-tier app, or a built-in named in the URL
 * (`?scenario=large` for the 1,000-instance benchmark world, generated on demand).
 */
import threeTier from '../content/scenarios/three-tier.json';
import { parseScenario, type Scenario } from '../model';
import type { BuiltIn } from './gallery';

export function builtInScenario(): Scenario {
  const r = parseScenario(threeTier);
  if (!r.ok) throw new Error(`The built-in scenario does not load: ${r.issues[0]?.message}`);
  return r.scenario;
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

/**
 * `?scenario=bastion-private-app`: a gallery scenario a teacher can hand out as a plain address.
 * It opens like a link (the user's work goes into Recent scenarios first), so it is not an initial
 * scenario: autosave stays on.
 */
export async function requestedBuiltIn(url: URL): Promise<BuiltIn | undefined> {
  const name = url.searchParams.get('scenario');
  if (!name) return undefined;
  const { BUILT_INS } = await import('./gallery');
  return BUILT_INS.find((b) => b.id === name);
}
