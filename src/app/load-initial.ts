/**
 * The scenario the app opens on: the built-in three-tier app, or a built-in named in the URL
 * (`?scenario=large` for the 1,000-instance benchmark world, generated on demand).
 */
import { parseScenario, type Scenario } from '../model';
import threeTier from './scenarios/three-tier.json';

export function builtInScenario(): Scenario {
  const parsed = parseScenario(threeTier);
  if (!parsed.ok)
    throw new Error(`The built-in scenario does not load: ${parsed.issues[0]?.message}`);
  return parsed.scenario;
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
