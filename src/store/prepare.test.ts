/** A large document's first render, prepared ahead in steps the page can show. */
import { describe, expect, it } from 'vitest';
import { largeScenario } from '../model/large-scenario';
import { prepareDocument } from './selectors';

describe('prepareDocument', () => {
  it('computes what a first render asks for in steps of their own, saying each one', async () => {
    const steps: [string, number][] = [];
    const doc = largeScenario({ instances: 40, groups: 30, rulesPerGroup: 20, seed: 3 });
    const done = prepareDocument(doc, (label, at) => void steps.push([label, at]));
    // the first step waits for the page's next turn: only its label is out
    expect(steps).toEqual([['reading its interfaces', 0]]);
    await done;
    expect(steps.map(([label]) => label)).toEqual([
      'reading its interfaces',
      'checking it as AWS would',
      'finding what the internet reaches',
      'finding who carries which group',
      'drawing it',
    ]);
    expect(steps.map(([, at]) => at)).toEqual([0, 1 / 4, 2 / 4, 3 / 4, 1]);
  });

  it('leaves the checks AWS would make to the lint worker when it has the document', async () => {
    const steps: string[] = [];
    const many = largeScenario({ instances: 40, groups: 100, rulesPerGroup: 55, seed: 3 });
    // a step that takes longer than a slice says its label again, further on
    await prepareDocument(many, (label) => void (steps.at(-1) !== label && steps.push(label)), {
      lintInWorker: true,
    });
    expect(steps).toEqual([
      'reading its interfaces',
      'finding what the internet reaches',
      'finding who carries which group',
      'drawing it',
    ]);
    // a document the page lints itself is checked here
    const small = largeScenario({ instances: 40, groups: 30, rulesPerGroup: 20, seed: 3 });
    const own: string[] = [];
    await prepareDocument(small, (label) => void own.push(label), { lintInWorker: true });
    expect(own).toContain('checking it as AWS would');
  });
});
