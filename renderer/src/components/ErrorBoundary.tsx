/** Catches render errors in one area so a bug never leaves a blank screen. */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  area: string;
  children: ReactNode;
}
interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Error in ${this.props.area}:`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="error-panel" role="alert">
        <h2>Something went wrong in {this.props.area}</h2>
        <p>{error.message.split('\n')[0] || 'An unexpected error occurred.'}</p>
        <p className="muted">Your saved corrections are safe; only this view failed to draw.</p>
        <button type="button" className="btn" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
