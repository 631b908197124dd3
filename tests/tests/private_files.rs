//! Everything krytend creates is private to its user: the state directory,
//! the database (tokens, the redaction key, the audit, every payload) with
//! its WAL and shared-memory files, the socket.

use kryten_e2e::{
    api_guard::{self, mode, with_suffix, Launch},
    nats, FAST_LIVENESS,
};

#[tokio::test]
async fn the_state_directory_database_wal_shm_and_socket_are_private() {
    let nats = nats().await;
    let tmp = tempfile::tempdir().expect("tmp");
    let d = api_guard::start(
        tmp.path(),
        &nats.url(),
        FAST_LIVENESS,
        Launch {
            default_paths: true,
            ..Launch::default()
        },
    )
    .await;
    // Something written, so the WAL and shared-memory files exist.
    let out = d.ctl(&["token", "create", "--name", "x", "--role", "viewer"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", kryten_e2e::stderr(&out));
    let state = tmp.path().join("xdg-state").join("kryten");
    assert_eq!(d.db, state.join("krytend.db"));
    let modes = [
        ("state directory", mode(&state), 0o700),
        ("its parent, created too", mode(&tmp.path().join("xdg-state")), 0o700),
        ("database", mode(&d.db), 0o600),
        ("WAL", mode(&with_suffix(&d.db, "-wal")), 0o600),
        ("shared memory", mode(&with_suffix(&d.db, "-shm")), 0o600),
        ("socket", mode(&d.socket), 0o600),
    ];
    for (what, got, want) in modes {
        assert_eq!(got, want, "{what}: {got:o}, want {want:o}");
    }
}
