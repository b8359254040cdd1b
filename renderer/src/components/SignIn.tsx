/**
 * Browser host only: the access code the host printed on its terminal, swapped
 * for a session this tab keeps in memory (api/webBridge.ts). Shown at start,
 * after a reload, and when the host stops knowing this tab.
 */
import { useState, type FormEvent } from 'react';
import { signIn } from '../api/webBridge';

export function SignIn({ onSignedIn, ended }: { onSignedIn(): void; ended: boolean }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const problem = await signIn(code);
    setBusy(false);
    if (problem) setError(problem);
    else {
      setCode('');
      onSignedIn();
    }
  };

  return (
    <main className="sign-in">
      <form className="sign-in-card" onSubmit={(e) => void submit(e)} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">IMR Workbench</h1>
        <p>
          {ended
            ? 'This tab was signed out (the host was restarted, or the session ended). '
            : 'This workbench runs on this computer only. '}
          Enter the access code printed where you started it (<code>npm run web</code> or <code>npm start</code>).
        </p>
        <label className="field-label" htmlFor="access-code">
          Access code
        </label>
        <input
          id="access-code"
          className="sign-in-code mono"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          // The one thing to do on this page: the code goes in without a click or a Tab first.
          autoFocus
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"
          aria-describedby={error ? 'sign-in-error' : undefined}
          required
        />
        {error ? (
          <p id="sign-in-error" className="error-text" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="btn primary large" disabled={busy || code.trim() === ''}>
          Open the workbench
        </button>
        <p className="muted sign-in-note">
          The code is never stored by this page: a reload or a new tab asks for it again.
        </p>
      </form>
    </main>
  );
}
