/** The scenario the app opens on: the built-in three-tier app. */
import { parseScenario, type Scenario } from '../model';
import threeTier from './scenarios/three-tier.json';

export function builtInScenario(): Scenario {
  const parsed = parseScenario(threeTier);
  if (!parsed.ok)
    throw new Error(`The built-in scenario does not load: ${parsed.issues[0]?.message}`);
  return parsed.scenario;
}
