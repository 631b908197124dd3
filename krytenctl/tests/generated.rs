//! The checked-in completions and man pages match the CLI definitions.
//! Regenerate with `./x generate`.

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn check(dir: &Path, files: Vec<(String, Vec<u8>)>) {
    let update = std::env::var_os("KRYTEN_UPDATE_GENERATED").is_some();
    let mut stale = Vec::new();
    if update {
        std::fs::create_dir_all(dir).expect("create dir");
        for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    for (name, content) in &files {
        let path = dir.join(name);
        if update {
            std::fs::write(&path, content).expect("write generated file");
        } else if std::fs::read(&path).ok().as_ref() != Some(content) {
            stale.push(path.display().to_string());
        }
    }
    if !update {
        let expected: Vec<&String> = files.iter().map(|f| &f.0).collect();
        for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !expected.contains(&&name) {
                stale.push(format!("{} (no longer generated)", entry.path().display()));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files (run ./x generate):\n{}",
        stale.join("\n")
    );
}

#[test]
fn completions_are_fresh() {
    check(&repo().join("completions"), krytenctl::generate::completions());
}

#[test]
fn man_pages_are_fresh() {
    check(
        &repo().join("man"),
        krytenctl::generate::man_pages().expect("render man pages"),
    );
}
