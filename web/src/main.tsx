import { Component, ComponentChildren, render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ApiError, Connection, forgetToken, saveToken, savedToken, signIn } from "./api";
import { signinCode } from "./series";
import { Login } from "./pages/Login";
import { Overview } from "./pages/Overview";
import { ServicePage } from "./pages/Service";
import { Events } from "./pages/Events";
import { Logs } from "./pages/Logs";
import { Audit } from "./pages/Audit";
import { Alerts } from "./pages/Alerts";
import "./styles.css";

/** Pages, by hash route; later pages add themselves here. */
const NAV: { path: string; label: string; key: string }[] = [
  { path: "#/", label: "Overview", key: "s" },
  { path: "#/events", label: "Events", key: "e" },
  { path: "#/logs", label: "Logs", key: "l" },
  { path: "#/alerts", label: "Alerts", key: "r" },
  { path: "#/audit", label: "Audit", key: "a" },
];

/**
 * A page that throws shows what went wrong, with the shell still there,
 * instead of a blank page; moving to another page clears it.
 */
class PageGuard extends Component<{ children: ComponentChildren }, { error: Error | null }> {
  state = { error: null as Error | null };
  componentDidCatch(error: Error) {
    console.error(error);
    this.setState({ error });
  }
  render() {
    if (this.state.error) {
      return (
        <div class="error" role="alert" data-page-error>
          <h2>This page failed</h2>
          <p>{this.state.error.message}</p>
          <button onClick={() => location.reload()}>Reload</button>
        </div>
      );
    }
    return this.props.children;
  }
}

function useHash(): string {
  const [hash, setHash] = useState(location.hash || "#/");
  useEffect(() => {
    const f = () => setHash(location.hash || "#/");
    addEventListener("hashchange", f);
    return () => removeEventListener("hashchange", f);
  }, []);
  return hash;
}

function useConnState(conn: Connection) {
  const [, bump] = useState(0);
  useEffect(() => {
    const off = conn.onState(() => bump((n) => n + 1));
    // The session may have opened before this listener was added.
    bump((n) => n + 1);
    return off;
  }, [conn]);
  return conn.state;
}

function Shell({ conn, token, onLogout }: { conn: Connection; token: string; onLogout: () => void }) {
  const hash = useHash();
  const state = useConnState(conn);
  const [help, setHelp] = useState(false);
  const [theme, setTheme] = useState(localStorage.getItem("krytend.theme") ?? "dark");
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem("krytend.theme", theme);
  }, [theme]);
  // Keyboard: "/" search, "g s|e|l|a" pages, "?" help.
  useEffect(() => {
    let g = false;
    const f = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT") return;
      if (e.key === "/") {
        e.preventDefault();
        (document.querySelector("[data-search]") as HTMLInputElement | null)?.focus();
      } else if (e.key === "?") setHelp((h) => !h);
      else if (e.key === "g") {
        g = true;
        setTimeout(() => (g = false), 1000);
      } else if (g) {
        const n = NAV.find((x) => x.key === e.key);
        if (n) location.hash = n.path;
        g = false;
      }
    };
    addEventListener("keydown", f);
    return () => removeEventListener("keydown", f);
  }, []);
  if (state === "unauthorized") {
    return (
      <main class="login">
        <h1>Signed out</h1>
        <p>The token was refused, revoked or has expired.</p>
        <button onClick={onLogout}>Sign in again</button>
      </main>
    );
  }
  let page;
  if (hash.startsWith("#/services/")) page = <ServicePage conn={conn} token={token} name={decodeURIComponent(hash.slice(11))} />;
  else if (hash.startsWith("#/events")) page = <Events conn={conn} token={token} key={hash} />;
  else if (hash.startsWith("#/logs")) page = <Logs conn={conn} token={token} key={hash} />;
  else if (hash.startsWith("#/audit")) page = <Audit token={token} />;
  else if (hash.startsWith("#/alerts/")) page = <Alerts conn={conn} token={token} fingerprint={decodeURIComponent(hash.slice(9))} />;
  else if (hash.startsWith("#/alerts")) page = <Alerts conn={conn} token={token} />;
  else page = <Overview conn={conn} />;
  const current = NAV.find((n) => n.path !== "#/" && hash.startsWith(n.path))?.path ?? (hash.startsWith("#/services") ? "" : "#/");
  return (
    <div class="shell">
      <header>
        <a class="brand" href="#/">Kryten mission control</a>
        <nav>
          {NAV.map((n) => (
            <a href={n.path} class={current === n.path ? "active" : ""}>{n.label}</a>
          ))}
        </nav>
        <span class={`conn conn-${state}`} data-conn={state} title="Connection to krytend">
          {state === "open" ? "live" : state}
        </span>
        <span class="role" data-role={conn.role ?? ""}>{conn.role ?? ""}</span>
        <button class="ghost" onClick={() => setTheme(theme === "dark" ? "light" : "dark")} title="Theme">
          {theme === "dark" ? "☀" : "☾"}
        </button>
        <button class="ghost" onClick={onLogout} data-logout>Sign out</button>
      </header>
      {state !== "open" && <div class="banner">Connection lost — reconnecting; nothing is missed when it is back.</div>}
      {help && (
        <div class="help" onClick={() => setHelp(false)}>
          <h2>Keyboard</h2>
          <p><kbd>/</kbd> search · <kbd>g</kbd> <kbd>s</kbd> overview · <kbd>g</kbd> <kbd>e</kbd> events · <kbd>g</kbd> <kbd>l</kbd> logs · <kbd>g</kbd> <kbd>r</kbd> alerts · <kbd>g</kbd> <kbd>a</kbd> audit · <kbd>?</kbd> this help</p>
        </div>
      )}
      <main>
        <PageGuard key={hash.split("?")[0]}>{page}</PageGuard>
      </main>
    </div>
  );
}

/** Takes the code out of the address bar (it is single-use; a reload must not resend it). */
function dropCode() {
  history.replaceState(null, "", `${location.pathname}${location.search}#/`);
}

function App() {
  const [token, setToken] = useState<string | null>(() => (signinCode(location.hash) ? null : savedToken()));
  const [conn, setConn] = useState<Connection | null>(null);
  const [code, setCode] = useState<string | null>(() => signinCode(location.hash));
  const [linkError, setLinkError] = useState<string | null>(null);
  useEffect(() => {
    const f = () => {
      const c = signinCode(location.hash);
      if (c) setCode(c);
    };
    addEventListener("hashchange", f);
    return () => removeEventListener("hashchange", f);
  }, []);
  // A sign-in link (`krytenctl ui`): its code for a session token, kept
  // for this tab only, as if typed without "remember me".
  useEffect(() => {
    if (!code) return;
    let gone = false;
    setLinkError(null);
    signIn(code)
      .then((r) => {
        if (gone) return;
        forgetToken();
        saveToken(r.token, false);
        dropCode();
        setCode(null);
        setToken(r.token);
      })
      .catch((e) => {
        if (gone) return;
        dropCode();
        setCode(null);
        setToken(null);
        setLinkError(
          e instanceof ApiError && e.status === 401
            ? "This sign-in link is not valid: it was used already, has expired, or is unknown. Run krytenctl ui for a new one, or sign in with a token below."
            : e instanceof ApiError && e.status === 429
              ? (e as Error).message
              : `The sign-in link could not be used: ${(e as Error).message}`,
        );
      });
    return () => {
      gone = true;
    };
  }, [code]);
  useEffect(() => {
    if (!token) return;
    const c = new Connection(token);
    setConn(c);
    return () => {
      c.close();
      setConn(null);
    };
  }, [token]);
  if (code) return <main class="login" data-signin-link><h1>Kryten mission control</h1><p class="muted">Signing in with the link…</p></main>;
  if (!token || !conn) return <Login onToken={(t) => (setLinkError(null), setToken(t))} notice={linkError} />;
  return (
    <Shell
      conn={conn}
      token={token}
      onLogout={() => {
        forgetToken();
        conn.close();
        setConn(null);
        setToken(null);
      }}
    />
  );
}

const root = document.getElementById("app")!;
root.textContent = "";
render(<App />, root);
