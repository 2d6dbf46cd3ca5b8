/**
 * The simulation kind of state (architecture.md): flows sent and their history, connection
 * tracking over a simulated clock, and what the trace panel shows. The engine's simulation object
 * lives beside the store; `simVersion` tells subscribers its connections changed.
 */
import { createSimulation, type Connection, type PairFocus, type Simulation } from '../engine';
import type { Flow, FlowVerdict, RuleRef, Scenario } from '../model';

export interface Sent {
  readonly id: string;
  readonly flow: Flow;
  readonly connectionId?: string;
}

/** What the trace panel shows: a sent flow, or one looked at from the matrix or composer. */
export interface Inspected {
  readonly flow: Flow;
  readonly sentId?: string;
  /** A flow to a balancer: the (node, target) pair whose path is followed (default: the first that drops it). */
  readonly pair?: PairFocus;
}

export interface PacketResult {
  readonly connectionId: string;
  readonly kind: 'reply' | 'continue';
  readonly verdict: FlowVerdict;
  readonly at: number;
}

export interface SimulationState {
  /** Every flow sent, oldest first (autosaved as flows). */
  readonly history: readonly Sent[];
  /** The document before the last edit or undo: history marks verdicts that changed since. */
  readonly baseline: Scenario | null;
  /** Simulated seconds since the scenario opened. */
  readonly clock: number;
  readonly simVersion: number;
  readonly inspected: Inspected | null;
  /** A rule the trace pointed at, highlighted in its group's table. */
  readonly highlight: RuleRef | null;
  readonly lastPacket: PacketResult | null;
  /** How far the inspected flow's journey has been played (a step index), and whether it plays. */
  readonly playback: { readonly step: number; readonly playing: boolean };
  setPlayback(playback: { step: number; playing: boolean }): void;
  send(flow: Flow): Sent;
  /** The same service from one source to every instance, load balancer and host. */
  sendToEvery(flow: Omit<Flow, 'to'>): number;
  inspect(target: Inspected | null): void;
  highlightRule(ref: RuleRef | null): void;
  advanceClock(seconds: number): void;
  packet(connectionId: string, kind: PacketResult['kind']): FlowVerdict;
  connections(): readonly Connection[];
  clearHistory(): void;
  /** A new document: no history, no connections, the clock at zero. */
  resetSimulation(scenario: Scenario): void;
}

type Set = (partial: Partial<SimulationState>) => void;
type Get = () => SimulationState & { readonly scenario: Scenario };

export function simulationSlice(
  set: Set,
  get: Get,
  initial: Scenario,
  flows: readonly Flow[],
): SimulationState & { readonly sim: () => Simulation } {
  let sim = createSimulation(initial);
  let counter = 0;
  const sent = (flow: Flow): Sent => {
    const r = sim.send(flow);
    return {
      id: `flow-${++counter}`,
      flow,
      ...(r.connectionId ? { connectionId: r.connectionId } : {}),
    };
  };
  return {
    sim: () => sim,
    history: flows.map((flow) => ({ id: `flow-${++counter}`, flow })),
    baseline: null,
    clock: 0,
    simVersion: 0,
    inspected: null,
    highlight: null,
    lastPacket: null,
    playback: { step: 0, playing: false },
    setPlayback: (playback) => set({ playback }),
    send(flow) {
      const entry = sent(flow);
      set({
        history: [...get().history, entry],
        inspected: { flow, sentId: entry.id },
        playback: { step: 0, playing: true },
        simVersion: get().simVersion + 1,
      });
      return entry;
    },
    sendToEvery(flow) {
      const s = get().scenario;
      const targets = [
        ...s.instances.map((i) => i.id),
        ...(s.loadBalancers ?? []).map((l) => l.id),
        ...(s.hosts ?? []).map((h) => h.id),
      ].filter((id) => id !== flow.from);
      const entries = targets.map((to) => sent({ ...flow, to }));
      // the last trace shown is of another flow: it goes, the history shows them all
      set({
        history: [...get().history, ...entries],
        inspected: null,
        simVersion: get().simVersion + 1,
      });
      return entries.length;
    },
    inspect: (inspected) => set({ inspected, playback: { step: 0, playing: true } }),
    highlightRule: (highlight) => set({ highlight }),
    advanceClock(seconds) {
      sim.advance(seconds);
      set({ clock: get().clock + seconds, simVersion: get().simVersion + 1 });
    },
    packet(connectionId, kind) {
      const verdict = kind === 'reply' ? sim.reply(connectionId) : sim.continue(connectionId);
      set({
        lastPacket: { connectionId, kind, verdict, at: get().clock },
        simVersion: get().simVersion + 1,
      });
      return verdict;
    },
    connections: () => sim.connections(),
    clearHistory: () => set({ history: [], inspected: null }),
    resetSimulation(scenario) {
      sim = createSimulation(scenario);
      set({
        history: [],
        inspected: null,
        baseline: null,
        clock: 0,
        lastPacket: null,
        highlight: null,
        simVersion: get().simVersion + 1,
      });
    },
  };
}
