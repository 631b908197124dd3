import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { Connection, forgetToken, savedToken } from "./api";
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
  else if (hash.startsWith("#/events")) page = <Events conn={conn} />;
  else if (hash.startsWith("#/logs")) page = <Logs conn={conn} />;
  else if (hash.startsWith("#/audit")) page = <Audit token={token} />;
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
      <main>{page}</main>
    </div>
  );
}

function App() {
  const [token, setToken] = useState<string | null>(savedToken());
  const [conn, setConn] = useState<Connection | null>(null);
  useEffect(() => {
    if (!token) return;
    const c = new Connection(token);
    setConn(c);
    return () => c.close();
  }, [token]);
  if (!token || !conn) return <Login onToken={setToken} />;
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
