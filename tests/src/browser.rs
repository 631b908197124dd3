//! A real browser for the web UI tests: Debian's Chromium driven by
//! Playwright (`web/e2e/driver.mjs`, one JSON command per line). `./x test`
//! installs Chromium and the UI's npm packages; a missing one fails the
//! test, it is not skipped.

use std::{path::PathBuf, process::Stdio, time::Duration};

use serde_json::{json, Value};
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader, Lines},
    process::{Child, ChildStdin, ChildStdout, Command},
};

pub struct Browser {
    _child: Child,
    stdin: ChildStdin,
    stdout: Lines<BufReader<ChildStdout>>,
}

/// The web UI's source folder (with its `node_modules`).
pub fn web_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("web")
}

/// Where screenshots are kept for people to look at.
pub fn artifacts() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("target")
        .join("ui-artifacts");
    std::fs::create_dir_all(&dir).expect("artifacts directory");
    dir
}

impl Browser {
    pub async fn launch() -> Browser {
        let web = web_dir();
        assert!(
            web.join("node_modules").join("playwright-core").exists(),
            "web/node_modules is missing: run `./x test` (it installs web/'s npm packages)"
        );
        let chromium = std::env::var("KRYTEN_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        assert!(
            std::path::Path::new(&chromium).exists(),
            "no Chromium at {chromium}: `./x test` installs Debian's chromium"
        );
        let mut child = Command::new("node")
            .arg(web.join("e2e").join("driver.mjs"))
            .current_dir(&web)
            .env("KRYTEN_CHROMIUM", &chromium)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .expect("node runs the browser driver");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = BufReader::new(child.stdout.take().expect("stdout")).lines();
        Browser {
            _child: child,
            stdin,
            stdout,
        }
    }

    /// Sends one command; its value, or the browser's error.
    pub async fn try_op(&mut self, cmd: Value) -> Result<Value, String> {
        let line = format!("{cmd}\n");
        self.stdin.write_all(line.as_bytes()).await.expect("send to the driver");
        let answer = tokio::time::timeout(Duration::from_secs(90), self.stdout.next_line())
            .await
            .unwrap_or_else(|_| panic!("the browser did not answer {cmd}"))
            .expect("read the driver")
            .unwrap_or_else(|| panic!("the browser driver ended during {cmd}"));
        let v: Value = serde_json::from_str(&answer).expect("a JSON answer");
        if v["ok"] == true {
            Ok(v["value"].clone())
        } else {
            Err(v["error"].as_str().unwrap_or("?").to_string())
        }
    }

    pub async fn op(&mut self, cmd: Value) -> Value {
        let shown = cmd.to_string();
        match self.try_op(cmd).await {
            Ok(v) => v,
            Err(e) => {
                // What the page showed when it went wrong, for the person
                // reading the failure.
                let path = artifacts().join(format!(
                    "failure-{}.png",
                    std::thread::current().name().unwrap_or("test").replace("::", "-")
                ));
                let _ = self
                    .try_op(json!({"op": "screenshot", "path": path, "fullPage": true}))
                    .await;
                let errors = self.try_op(json!({"op": "consoleErrors"})).await.unwrap_or_default();
                panic!(
                    "browser: {shown}: {e}\n(screenshot: {}; console errors: {errors})",
                    path.display()
                )
            }
        }
    }

    pub async fn open(&mut self, url: &str) -> u64 {
        self.op(json!({"op": "open", "url": url})).await.as_u64().unwrap_or(0)
    }

    pub async fn wait_for(&mut self, selector: &str) -> u64 {
        self.op(json!({"op": "waitFor", "selector": selector}))
            .await
            .as_u64()
            .unwrap_or(0)
    }

    pub async fn wait_for_text(&mut self, selector: &str, text: &str, timeout_ms: u64) -> u64 {
        self.op(json!({"op": "waitForText", "selector": selector, "text": text, "timeout": timeout_ms}))
            .await
            .as_u64()
            .unwrap_or(0)
    }

    pub async fn click(&mut self, selector: &str) {
        self.op(json!({"op": "click", "selector": selector})).await;
    }

    pub async fn fill(&mut self, selector: &str, text: &str) {
        self.op(json!({"op": "fill", "selector": selector, "text": text})).await;
    }

    pub async fn text(&mut self, selector: &str) -> String {
        self.op(json!({"op": "text", "selector": selector}))
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub async fn count(&mut self, selector: &str) -> u64 {
        self.op(json!({"op": "count", "selector": selector}))
            .await
            .as_u64()
            .unwrap_or(0)
    }

    pub async fn eval(&mut self, js: &str) -> Value {
        self.op(json!({"op": "eval", "js": js})).await
    }

    /// Polls a JavaScript expression in the page (every 100 ms) until it is
    /// truthy, and gives its value; fails after `timeout_ms`.
    pub async fn wait_js(&mut self, expr: &str, timeout_ms: u64) -> Value {
        let shown = serde_json::to_string(expr).expect("a string");
        let js = format!(
            "new Promise((ok, no) => {{ const t0 = Date.now(); const f = () => {{ let v;
               try {{ v = ({expr}); }} catch (e) {{ v = undefined; }}
               if (v) return ok(v);
               if (Date.now() - t0 > {timeout_ms}) return no(new Error('timed out after {timeout_ms} ms waiting for ' + {shown}));
               setTimeout(f, 100); }}; f(); }})"
        );
        self.op(json!({"op": "eval", "js": js})).await
    }

    /// How many points series `series` (1 = the first after x) of the
    /// uPlot chart `[data-chart=NAME]` has, once it has at least `min`.
    pub async fn chart_points(&mut self, name: &str, series: usize, min: usize, timeout_ms: u64) -> u64 {
        let expr = format!(
            "(() => {{ const u = document.querySelector('[data-chart={name}]')?.__uplot;
               const n = u ? u.data[{series}].filter((v) => v != null).length : 0;
               return n >= {min} ? n : 0; }})()"
        );
        self.wait_js(&expr, timeout_ms).await.as_u64().unwrap_or(0)
    }

    /// Picks `value` in the `<select>` at `selector`, as a person choosing
    /// from the list does (the page sees a `change` event).
    pub async fn select(&mut self, selector: &str, value: &str) {
        let js = format!(
            "(() => {{ const s = document.querySelector({sel}); if (!s) throw new Error('no ' + {sel});
               s.value = {value}; if (s.value !== {value}) throw new Error('no option ' + {value});
               s.dispatchEvent(new Event('change', {{ bubbles: true }})); return true; }})()",
            sel = serde_json::to_string(selector).expect("a string"),
            value = serde_json::to_string(value).expect("a string"),
        );
        self.eval(&js).await;
    }

    /// The value of attribute `name` of the first element at `selector`.
    pub async fn attr(&mut self, selector: &str, name: &str) -> String {
        self.op(json!({"op": "attr", "selector": selector, "name": name}))
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Opens `url` in a page of its own (`page`), signed in with `token`,
    /// at a `width` × `height` viewport (a phone, say), once `selector` shows.
    pub async fn open_sized(&mut self, page: &str, url: &str, token: &str, width: u32, height: u32, selector: &str) {
        self.op(json!({"op": "openSignedIn", "page": page, "url": url, "token": token,
            "viewport": {"width": width, "height": height}, "selector": selector}))
            .await;
    }

    /// A screenshot of the viewport of page `page` (see `open_sized`).
    pub async fn screenshot_of(&mut self, page: &str, name: &str) -> PathBuf {
        let path = artifacts().join(format!("{name}.png"));
        self.op(json!({"op": "screenshot", "page": page, "path": path, "fullPage": false}))
            .await;
        path
    }

    /// A full-page screenshot in the artifacts folder; its path.
    pub async fn screenshot(&mut self, name: &str) -> PathBuf {
        let path = artifacts().join(format!("{name}.png"));
        self.op(json!({"op": "screenshot", "path": path, "fullPage": false}))
            .await;
        path
    }

    /// Signs in with `token` at `base` and waits for the shell.
    pub async fn sign_in(&mut self, base: &str, token: &str) {
        self.open(&format!("{base}/")).await;
        self.fill("input[name=token]", token).await;
        self.click("button[type=submit]").await;
        self.wait_for("[data-conn=open]").await;
    }
}
