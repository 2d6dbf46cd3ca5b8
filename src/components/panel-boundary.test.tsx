// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PanelBoundary } from './panel-boundary';

afterEach(cleanup);

function Fragile({ bad }: { bad: boolean }) {
  if (bad) throw new Error('icmpCode is not a number');
  return <p>Trace shown</p>;
}

function Harness({ onDownload }: { onDownload: () => void }) {
  const [bad, setBad] = useState(true);
  return (
    <>
      <PanelBoundary name="Traffic" onReset={() => setBad(false)} onDownload={onDownload}>
        <Fragile bad={bad} />
      </PanelBoundary>
      <p>The diagram</p>
    </>
  );
}

describe('PanelBoundary', () => {
  it('keeps a failure inside its panel, says what failed, resets and offers the work', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const onDownload = vi.fn();
    render(<Harness onDownload={onDownload} />);
    expect(screen.getByRole('alert').textContent).toMatch(
      /The Traffic panel could not be shown.*icmpCode is not a number/,
    );
    expect(screen.getByText('The diagram')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Download my work' }));
    expect(onDownload).toHaveBeenCalledOnce();
    fireEvent.click(screen.getByRole('button', { name: 'Reset this panel' }));
    expect(screen.getByText('Trace shown')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
