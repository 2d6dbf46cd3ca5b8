/** Data-driven: each simulation case is a script of packets, rule edits and clock moves. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addNaclEntry, removeNaclEntry, removeRule, type Flow, type NaclEntry } from '../model';
import { FIXTURES, loadFixtures } from '../test-support/fixtures';
import { createSimulation } from './simulation';

type Step =
  | { send: Flow; as?: string; expect: 'allow' | 'deny'; tracked?: boolean }
  | { continue: string; expect: 'allow' | 'deny' }
  | { reply: string; expect: 'allow' | 'deny' }
  | { removeRule: { group: string; direction: 'inbound' | 'outbound'; index: number } }
  | { addNaclEntry: { acl: string; direction: 'inbound' | 'outbound'; entry: NaclEntry } }
  | { removeNaclEntry: { acl: string; direction: 'inbound' | 'outbound'; ruleNumber: number } }
  | { advance: number }
  | { state: string; is: 'active' | 'blocked' | 'expired' | 'cut' };

const dir = path.join(FIXTURES, 'simulation-cases');
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const c = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
    description: string;
    scenario: string;
    steps: Step[];
  };
  it(`${file}: ${c.description}`, () => {
    const [folder, name] = c.scenario.split('/');
    const fx = loadFixtures(folder as string).find((f) => f.file === name);
    if (!fx) throw new Error(`no fixture ${c.scenario}`);
    let scenario = fx.scenario;
    const sim = createSimulation(scenario);
    const ids = new Map<string, string>();
    c.steps.forEach((step, n) => {
      const at = `step ${n}: ${JSON.stringify(step)}`;
      if ('send' in step) {
        const v = sim.send(step.send);
        expect(v.allowed ? 'allow' : 'deny', at).toBe(step.expect);
        if (step.tracked !== undefined) expect(v.tracked, at).toBe(step.tracked);
        if (step.as && v.connectionId) ids.set(step.as, v.connectionId);
      } else if ('continue' in step || 'reply' in step) {
        const id = ids.get('continue' in step ? step.continue : step.reply) as string;
        const v = 'continue' in step ? sim.continue(id) : sim.reply(id);
        expect(
          v.allowed ? 'allow' : 'deny',
          `${at}\n${v.steps.map((s) => s.explanation).join('\n')}`,
        ).toBe(step.expect);
      } else if ('removeRule' in step) {
        const g = scenario.securityGroups.find((x) => x.id === step.removeRule.group);
        const rule = g?.[step.removeRule.direction][step.removeRule.index];
        const r = removeRule(
          scenario,
          step.removeRule.group,
          step.removeRule.direction,
          rule?.id ?? '',
        );
        if (!r.ok) throw new Error(r.issue.message);
        scenario = r.scenario;
        sim.setScenario(scenario);
      } else if ('addNaclEntry' in step || 'removeNaclEntry' in step) {
        const r =
          'addNaclEntry' in step
            ? addNaclEntry(
                scenario,
                step.addNaclEntry.acl,
                step.addNaclEntry.direction,
                step.addNaclEntry.entry,
              )
            : removeNaclEntry(
                scenario,
                step.removeNaclEntry.acl,
                step.removeNaclEntry.direction,
                step.removeNaclEntry.ruleNumber,
              );
        if (!r.ok) throw new Error(r.issue.message);
        scenario = r.scenario;
        sim.setScenario(scenario);
      } else if ('advance' in step) sim.advance(step.advance);
      else {
        const conn = sim.connections().find((x) => x.id === ids.get(step.state));
        expect(conn?.state, at).toBe(step.is);
      }
    });
  });
}

describe('timeouts', () => {
  it('a tracked TCP connection reports its 5-day idle timeout', () => {
    const fx = loadFixtures('engine-cases').find((f) => f.file === 'tracking-worked-example.json');
    const sim = createSimulation(fx!.scenario);
    sim.send({ from: 'admin', to: 'i-ct', protocol: 'tcp', port: 22 });
    expect(sim.connections()[0]).toMatchObject({
      timeoutSeconds: 432000,
      tracked: true,
      interfaces: [{ id: 'i-ct', tracked: true }],
    });
  });
});
