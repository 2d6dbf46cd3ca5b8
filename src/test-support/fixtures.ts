/** Test-only: loads the JSON scenario fixtures that drive the engine tests. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { isValidScenario, parseScenario, type Expectation, type Scenario } from '../model';

export const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');

/** Extra checks a case may carry on an expectation (ignored by the app and by `sg-lab check`). */
export interface CaseAssert {
  readonly blockedAt?: string;
  readonly code?: string;
  readonly response?: 'STATEFUL_RESPONSE' | 'UNTRACKED_RESPONSE';
  readonly matchedRuleIds?: readonly string[];
  readonly nearestMissField?: 'protocol' | 'port' | 'peer';
  /** A flow to a balancer: how many (node, target) pairs it may use, and how many drop it. */
  readonly pairs?: number;
  readonly failingPairs?: number;
}

export interface Fixture {
  readonly file: string;
  readonly scenario: Scenario;
  readonly expectations: readonly (Expectation & { readonly assert?: CaseAssert })[];
}

export function loadFixtures(folder: string): Fixture[] {
  const dir = path.join(FIXTURES, folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = parseScenario(readFileSync(path.join(dir, file), 'utf8'));
      if (!isValidScenario(parsed)) {
        throw new Error(
          `${folder}/${file} is not a valid scenario: ${JSON.stringify(parsed.issues.filter((i) => i.severity === 'error'))}`,
        );
      }
      return { file, scenario: parsed.scenario, expectations: parsed.scenario.expectations ?? [] };
    });
}
