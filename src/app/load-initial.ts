/**
 * The scenario the app opens on: the built-in three-tier app, or a built-in named in the URL
 * (`?scenario=large` for the 1,000-instance benchmark world, generated on demand;
 * `&instances=N` for up to 60,000).
 */
import threeTier from '../content/scenarios/three-tier.json';
import { formatCount, parseScenario, type Scenario } from '../model';
import { partsJoiner } from '../store/in-parts';
import type { BuiltIn } from './gallery';
import type { LargeMessage, LargeRequest } from './large-worker';

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

/** The largest generated world: a /16 VPC full (four /18 subnets, 5 addresses reserved in each). */
export const LARGE_MAX = 60_000;

/** `instances=N` of `?scenario=large`: a whole number from 1 to 60,000, or why not. */
export function largeSize(text: string | null): { instances: number; error?: string } {
  if (text === null) return { instances: 1000 };
  const n = /^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (Number.isInteger(n) && n >= 1 && n <= LARGE_MAX) return { instances: n };
  return {
    instances: 1000,
    error: `instances=${text.slice(0, 20)} is not a whole number from 1 to ${formatCount(LARGE_MAX)}: opened 1,000 instead.`,
  };
}

/** From this many instances the world is generated in a worker, with progress shown. */
const WORKER_FROM = 1000;

function generateInWorker(
  request: LargeRequest,
  onProgress: (done: number) => void,
): Promise<Scenario> {
  const worker = new Worker(new URL('./large-worker.ts', import.meta.url), { type: 'module' });
  const join = partsJoiner<Scenario>();
  return new Promise((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<LargeMessage>) => {
      if ('progress' in e.data) return onProgress(e.data.progress);
      const scenario = join(e.data.part);
      if (!scenario) return;
      worker.terminate();
      onProgress(1);
      resolve(scenario);
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(`The large scenario could not be generated: ${e.message}`));
    };
    worker.postMessage(request);
  });
}

export async function initialScenario(
  url: URL,
  onProgress: (done: number) => void = () => {},
): Promise<Opened> {
  const name = url.searchParams.get('scenario');
  if (name === 'large') {
    const size = largeSize(url.searchParams.get('instances'));
    const groups = size.instances >= 10_000 ? 1000 : 300;
    const count = formatCount(size.instances);
    const request = { instances: size.instances, groups, rulesPerGroup: 60 };
    return {
      scenario:
        size.instances >= WORKER_FROM && typeof Worker !== 'undefined'
          ? await generateInWorker(request, onProgress)
          : (await import('../model/large-scenario')).largeScenario(request),
      fromUrl: true,
      notice: `${size.error ? `${size.error} ` : ''}Opened the generated ${count}-instance scenario (${formatCount(groups)} groups × 60 rules). Autosave is off for it, so your own work stays saved.`,
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
