/**
 * The WAI-ARIA grid pattern for an editable table: one tab stop (the active cell), arrow keys,
 * Home/End (Ctrl for the corners) move between cells; Enter or F2 moves focus into the cell's
 * first widget; inside a cell, Tab cycles its widgets and Escape returns to the cell.
 * Cells carry `data-row`/`data-col`; widgets inside them stay out of the tab order.
 */
import {
  useCallback,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type RefObject,
} from 'react';

const WIDGETS = 'input, select, textarea, button, [contenteditable="true"]';

export interface GridKeyboard {
  readonly gridRef: RefObject<HTMLTableElement | null>;
  readonly onKeyDown: (e: KeyboardEvent<HTMLTableElement>) => void;
  cellProps(
    row: number,
    col: number,
  ): {
    'data-row': number;
    'data-col': number;
    tabIndex: number;
    onFocus: () => void;
  };
}

function hidden(grid: HTMLElement | null, r: number, c: number): boolean {
  const cell = grid?.querySelector<HTMLElement>(`[data-row="${r}"][data-col="${c}"]`);
  return !!cell && getComputedStyle(cell).display === 'none';
}

function cellOf(el: Element | null): HTMLElement | null {
  return (el?.closest('[data-row][data-col]') as HTMLElement | null) ?? null;
}

export function useGridKeyboard(rows: number, cols: number): GridKeyboard {
  const gridRef = useRef<HTMLTableElement | null>(null);
  const [active, setActive] = useState({ row: 0, col: 0 });
  const row = Math.min(active.row, Math.max(rows - 1, 0));
  const col = Math.min(active.col, Math.max(cols - 1, 0));

  // the tab stop never rests on a column the panel hid for room
  useLayoutEffect(() => {
    if (!hidden(gridRef.current, row, col)) return;
    for (let c = 0; c < cols; c++)
      if (!hidden(gridRef.current, row, c)) return setActive({ row, col: c });
  }, [row, col, cols, rows]);

  const focusCell = useCallback((r: number, c: number) => {
    const cell = gridRef.current?.querySelector<HTMLElement>(`[data-row="${r}"][data-col="${c}"]`);
    if (cell) {
      setActive({ row: r, col: c });
      cell.focus();
    }
  }, []);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLTableElement>) => {
      const target = e.target as HTMLElement;
      const cell = cellOf(target);
      if (!cell) return;
      const r = Number(cell.dataset.row);
      const c = Number(cell.dataset.col);
      const widgets = [...cell.querySelectorAll<HTMLElement>(WIDGETS)].filter(
        (w) => !(w as HTMLInputElement).disabled,
      );
      if (target !== cell) {
        // inside a widget: the widget owns arrows and Enter; Escape and Tab are ours
        if (e.key === 'Escape') {
          e.preventDefault();
          cell.focus();
        } else if (e.key === 'Tab' && widgets.length > 1) {
          e.preventDefault();
          const i = widgets.indexOf(target);
          const next = (i + (e.shiftKey ? -1 : 1) + widgets.length) % widgets.length;
          widgets[next]?.focus();
        }
        return;
      }
      const move: Record<string, [number, number]> = {
        ArrowUp: [r - 1, c],
        ArrowDown: [r + 1, c],
        ArrowLeft: [r, c - 1],
        ArrowRight: [r, c + 1],
        Home: e.ctrlKey ? [0, 0] : [r, 0],
        End: e.ctrlKey ? [rows - 1, cols - 1] : [r, cols - 1],
        PageUp: [Math.max(r - 10, 0), c],
        PageDown: [Math.min(r + 10, rows - 1), c],
      };
      const to = move[e.key];
      if (to) {
        e.preventDefault();
        let [nr, nc] = to;
        // a column the panel hid for room is stepped over, in the direction of travel
        const step = nc < c ? -1 : 1;
        while (nc >= 0 && nc < cols && hidden(gridRef.current, nr, nc)) nc += step;
        if (nc < 0 || nc >= cols) [nr, nc] = [nr, c];
        if (nr >= 0 && nr < rows && nc >= 0 && nc < cols) focusCell(nr, nc);
        return;
      }
      if ((e.key === 'Enter' || e.key === 'F2') && widgets[0]) {
        e.preventDefault();
        widgets[0].focus();
        if (widgets[0] instanceof HTMLInputElement) widgets[0].select();
      }
    },
    [rows, cols, focusCell],
  );

  const cellProps = (r: number, c: number) => ({
    'data-row': r,
    'data-col': c,
    tabIndex: r === row && c === col ? 0 : -1,
    onFocus: () => {
      if (r !== active.row || c !== active.col) setActive({ row: r, col: c });
    },
  });

  return { gridRef, onKeyDown, cellProps };
}
