/** Marks when the app has rendered a new document, so tests can time edit → updated screen. */
import { useEffect } from 'react';
import { useAppStore } from '../hooks/use-app-store';

export function RenderMark() {
  const scenario = useAppStore((s) => s.scenario);
  useEffect(() => {
    performance.mark('sg-lab:rendered');
  }, [scenario]);
  return null;
}
