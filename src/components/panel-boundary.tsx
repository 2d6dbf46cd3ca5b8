/**
 * One panel's safety net: if something in it fails to render, only that panel shows what failed;
 * the document stays as it is, and the user can reset the panel or download their work.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** The panel's name, as the user knows it ("Traffic", "Details"). */
  readonly name: string;
  readonly children: ReactNode;
  /** Clears what the panel was showing (a selection, a trace) before it renders again. */
  readonly onReset?: () => void;
  readonly onDownload?: () => void;
}

interface State {
  readonly error: Error | null;
}

export class PanelBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(_error: unknown, info: ErrorInfo): void {
    // kept for whoever opens the console; the panel itself says what failed
    console.warn(`SG Lab: the ${this.props.name} panel failed at`, info.componentStack);
  }

  private reset = () => {
    this.props.onReset?.();
    this.setState({ error: null });
  };

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="panel-failed" role="alert">
        <h2>The {this.props.name} panel could not be shown</h2>
        <p>
          Something in it failed: <code>{error.message.slice(0, 300)}</code>. Your scenario is
          unchanged and the rest of the app keeps working.
        </p>
        <div className="actions">
          <button type="button" className="primary" onClick={this.reset}>
            Reset this panel
          </button>
          {this.props.onDownload && (
            <button type="button" onClick={this.props.onDownload}>
              Download my work
            </button>
          )}
        </div>
      </div>
    );
  }
}
