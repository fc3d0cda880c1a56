import { useState, type FormEvent } from 'react';
import { postJson } from '../api/http.ts';
import { describeError } from './StateMessage.tsx';

/**
 * The server was started with a token: trade it for an HttpOnly session cookie. The token is sent
 * once and never kept by the page.
 */
export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await postJson('/session', { token }, undefined);
      setToken('');
      onSignedIn();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="sign-in" onSubmit={(event) => void submit(event)}>
      <h1>Sign in</h1>
      <p>This slicescope server asks for the token it was started with.</p>
      <label htmlFor="token">Token</label>
      <input
        id="token"
        type="password"
        autoComplete="current-password"
        value={token}
        onChange={(event) => setToken(event.target.value)}
        aria-invalid={error !== undefined}
        aria-describedby={error ? 'token-error' : undefined}
        required
      />
      {error && (
        <p id="token-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy || token === ''}>
        Sign in
      </button>
    </form>
  );
}
