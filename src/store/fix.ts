/**
 * The fix a trace suggests, and applying it: read only where a trace is shown, so the engine's
 * fix-finding loads with the Traffic panel rather than with the first paint.
 */
import { suggestFix, type SuggestedFix } from '../engine/fix';
import type { Flow } from '../model';
import { perScenarioAnd } from './per-scenario';

export { applyFix } from '../engine/fix';

export const fixFor = perScenarioAnd((s, flow: Flow): SuggestedFix | null => suggestFix(s, flow));
