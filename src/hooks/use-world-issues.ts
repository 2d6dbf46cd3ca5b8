/** The world's issues as the panels show them: current, or the last ones while a worker checks. */
import { useAppStore } from './use-app-store';
import { worldIssuesView, type IssuesView } from '../store';

export function useWorldIssues(): IssuesView {
  const scenario = useAppStore((s) => s.scenario);
  const lint = useAppStore((s) => s.lint);
  const lintInWorker = useAppStore((s) => s.lintInWorker);
  return worldIssuesView({ scenario, lint, lintInWorker });
}
