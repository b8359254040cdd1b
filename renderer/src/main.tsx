import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { SignIn } from './components/SignIn';
import { isSignedIn, onSignedOut } from './api/webBridge';
import './styles.css';

/** Electron's preload provides the bridge; in a browser the tab signs in first. */
function Root() {
  const needsSignIn = !window.imr;
  const [signedIn, setSignedIn] = useState(!needsSignIn || isSignedIn());
  const [ended, setEnded] = useState(false);
  useEffect(() => {
    if (!needsSignIn) return;
    return onSignedOut(() => {
      setEnded(true);
      setSignedIn(false);
    });
  }, [needsSignIn]);
  // The app stays mounted under the sign-in after a sign-out, so nothing on screen is lost.
  const [started, setStarted] = useState(signedIn);
  return (
    <>
      {started ? (
        <div hidden={!signedIn} className="app-root">
          <App />
        </div>
      ) : null}
      {signedIn ? null : (
        <SignIn
          ended={ended}
          onSignedIn={() => {
            setSignedIn(true);
            setStarted(true);
          }}
        />
      )}
    </>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary area="the workbench">
        <Root />
      </ErrorBoundary>
    </StrictMode>,
  );
}
