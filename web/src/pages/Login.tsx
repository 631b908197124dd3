import { useState } from "preact/hooks";
import { ApiError, rest, saveToken } from "../api";

export function Login({ onToken, notice }: { onToken: (t: string) => void; notice?: string | null }) {
  const [token, setToken] = useState("");
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await rest(token.trim(), "/status");
      saveToken(token.trim(), remember);
      onToken(token.trim());
    } catch (err) {
      const status = err instanceof ApiError ? err.status : 0;
      setError(
        status === 401 ? "That token is not valid (unknown, expired or revoked)."
          : status === 429 ? (err as Error).message
          : `Could not reach krytend: ${(err as Error).message}`,
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="login">
      <h1>Kryten mission control</h1>
      {notice && <p class="error notice" role="alert" data-link-refused>{notice}</p>}
      <form onSubmit={submit}>
        <label>
          API token
          <input
            type="password"
            name="token"
            autocomplete="off"
            value={token}
            onInput={(e) => setToken((e.target as HTMLInputElement).value)}
            placeholder="kt_…"
            autofocus
          />
        </label>
        <label class="inline">
          <input type="checkbox" checked={remember} onChange={(e) => setRemember((e.target as HTMLInputElement).checked)} />
          Remember me on this browser
        </label>
        <button type="submit" disabled={busy || !token.trim()}>Sign in</button>
        {error && <p class="error" role="alert">{error}</p>}
      </form>
      <p class="hint">
        Make one with <code>krytenctl token create --name me --role viewer</code>, or open the one-time link{" "}
        <code>krytenctl ui</code> prints.
      </p>
    </main>
  );
}
