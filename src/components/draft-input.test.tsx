// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { validateRule, type Issue } from '../model';
import { DraftInput } from './draft-input';

afterEach(cleanup);

/** The peer field as the rules grid uses it: model validation on every keystroke. */
const checkPeer = (text: string): Issue[] =>
  validateRule({ protocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: text }, 'inbound', 'r');

function setup(value = '10.0.0.0/16', check: (t: string) => readonly Issue[] | null = checkPeer) {
  const onCommit = vi.fn();
  render(<DraftInput label="Source" value={value} check={check} onCommit={onCommit} />);
  return { input: screen.getByLabelText('Source') as HTMLInputElement, onCommit };
}

describe('DraftInput', () => {
  it('explains a bad value as it is typed, and commits it on Enter', () => {
    const { input, onCommit } = setup();
    fireEvent.change(input, { target: { value: '10.0.0.300/24' } });
    expect(screen.getByText(/CIDR block 10.0.0.300\/24 is malformed/)).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(onCommit).not.toHaveBeenCalled();
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onCommit).toHaveBeenCalledWith('10.0.0.300/24');
  });

  it('offers the /32 fix for a bare address and applies it', () => {
    const { input, onCommit } = setup();
    fireEvent.change(input, { target: { value: '203.0.113.5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Use 203.0.113.5/32' }));
    expect(onCommit).toHaveBeenCalledWith('203.0.113.5/32');
  });

  it('puts the stored value back on Escape without committing', () => {
    const { input, onCommit } = setup();
    fireEvent.change(input, { target: { value: '192.0.2.0/24' } });
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(input.value).toBe('10.0.0.0/16');
    fireEvent.blur(input);
    expect(onCommit).not.toHaveBeenCalled();
  });

  it('keeps a draft that cannot be stored, with its message, instead of losing it', () => {
    const { input, onCommit } = setup('22', (t) => (/^\d+$/.test(t) ? [] : null));
    fireEvent.change(input, { target: { value: 'ssh' } });
    fireEvent.blur(input);
    expect(onCommit).not.toHaveBeenCalled();
    expect(input.value).toBe('ssh');
    expect(screen.getByText('This value cannot be stored.')).toBeTruthy();
  });

  it('commits once when Enter moves focus away (no second commit on blur)', () => {
    const { input, onCommit } = setup();
    act(() => input.focus());
    fireEvent.change(input, { target: { value: '10.1.0.0/16' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    fireEvent.blur(input);
    expect(onCommit).toHaveBeenCalledTimes(1);
  });
});
