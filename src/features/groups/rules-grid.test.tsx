// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreProvider } from '../../hooks/use-app-store';
import { parseScenario } from '../../model';
import { createAppStore } from '../../store';
import { GroupDetails } from './group-details';

afterEach(cleanup);

function mount(groupId: string) {
  const file = path.resolve(import.meta.dirname, '../../content/scenarios/three-tier.json');
  const parsed = parseScenario(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error('three-tier.json does not parse');
  const store = createAppStore(parsed.scenario);
  const Current = () => {
    const g = store.getState().scenario.securityGroups.find((x) => x.id === groupId);
    return g ? <GroupDetails group={g} /> : null;
  };
  const view = render(
    <StoreProvider store={store}>
      <Current />
    </StoreProvider>,
  );
  store.subscribe(() =>
    view.rerender(
      <StoreProvider store={store}>
        <Current />
      </StoreProvider>,
    ),
  );
  return store;
}

const bastionRule = (store: ReturnType<typeof createAppStore>) =>
  store.getState().scenario.securityGroups.find((g) => g.id === 'sg-bastion')?.inbound[0];

describe('the rules grid', () => {
  it("shows the console's columns and one tab stop", () => {
    mount('sg-bastion');
    const grid = screen.getByRole('grid', { name: 'Inbound rules of bastion' });
    const headers = within(grid)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual([
      'Security group rule ID',
      'IP version',
      'Type',
      'Protocol',
      'Port range',
      'Source',
      'Description',
      'Actions',
    ]);
    const stops = grid.querySelectorAll('[tabindex="0"]');
    expect(stops).toHaveLength(1);
    expect((stops[0] as HTMLElement).dataset).toMatchObject({ row: '0', col: '0' });
  });

  it('a Type preset fills protocol and port, and the edit reaches the store at once', () => {
    const store = mount('sg-bastion');
    const type = within(screen.getByRole('grid')).getByLabelText('Type') as HTMLSelectElement;
    fireEvent.change(type, { target: { value: 'rdp' } });
    expect(bastionRule(store)).toMatchObject({ protocol: 'tcp', fromPort: 3389, toPort: 3389 });
    expect(store.getState().notice?.text).toMatch(
      /^Set the type to RDP \(inbound rule 1 of bastion\)/,
    );
  });

  it('arrow keys move the active cell; Enter enters it; Escape leaves', () => {
    mount('sg-bastion');
    const grid = screen.getByRole('grid');
    const cell = (r: number, c: number) =>
      grid.querySelector(`[data-row="${r}"][data-col="${c}"]`) as HTMLElement;
    act(() => cell(0, 0).focus());
    fireEvent.keyDown(cell(0, 0), { key: 'ArrowRight' });
    expect(document.activeElement).toBe(cell(0, 1));
    fireEvent.keyDown(cell(0, 1), { key: 'End' });
    expect(document.activeElement).toBe(cell(0, 7));
    fireEvent.keyDown(cell(0, 7), { key: 'Home' });
    fireEvent.keyDown(cell(0, 0), { key: 'ArrowRight' });
    fireEvent.keyDown(cell(0, 1), { key: 'ArrowRight' });
    fireEvent.keyDown(cell(0, 2), { key: 'Enter' });
    expect(document.activeElement).toBe(within(cell(0, 2)).getByLabelText('Type'));
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'Escape' });
    expect(document.activeElement).toBe(cell(0, 2));
    expect(cell(0, 2).tabIndex).toBe(0);
    expect(cell(0, 0).tabIndex).toBe(-1);
  });

  it('deleting the last inbound rule leaves the empty-state explanation', () => {
    const store = mount('sg-bastion');
    fireEvent.click(within(screen.getByRole('grid')).getByRole('button', { name: 'Delete' }));
    expect(
      store.getState().scenario.securityGroups.find((g) => g.id === 'sg-bastion')?.inbound,
    ).toEqual([]);
    expect(
      screen.getByText(/nothing can start a connection to instances in this group/),
    ).toBeTruthy();
  });
});
