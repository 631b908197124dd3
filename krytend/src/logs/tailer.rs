//! `tail -F` for log files: follows rotation (rename + create) and
//! truncation (copytruncate), resumes from the offset committed with the
//! last stored line, and never holds more than one over-long line's worth
//! of bytes.

use std::{io::SeekFrom, os::unix::fs::MetadataExt, path::PathBuf, time::Duration};

use tokio::{
    fs::File,
    io::{AsyncReadExt, AsyncSeekExt},
    sync::mpsc,
};
use tokio_util::sync::CancellationToken;

use crate::protocol::log::{parse_file_line, ParsedLog};

/// A complete line read from a file, with where the next line starts.
#[derive(Debug, Clone)]
pub struct FileLine {
    pub service: String,
    pub path: String,
    pub inode: u64,
    pub offset_after: u64,
    pub parsed: ParsedLog,
}

#[derive(Debug, Clone)]
pub struct TailSpec {
    pub service: String,
    pub path: PathBuf,
    pub poll: Duration,
    pub max_line: usize,
    /// (inode, offset) committed before a restart.
    pub resume: Option<(u64, u64)>,
    /// Read the file through a symbolic link. Off by default: a link can
    /// point at anything krytend may read (its client config, say), and
    /// every viewer sees the logs.
    pub follow_symlinks: bool,
}

/// What is at a tailed path.
enum Found {
    Missing,
    /// A symbolic link we do not follow.
    Link,
    File(std::fs::Metadata),
}

async fn look(spec: &TailSpec) -> Found {
    let meta = if spec.follow_symlinks {
        tokio::fs::metadata(&spec.path).await
    } else {
        tokio::fs::symlink_metadata(&spec.path).await
    };
    match meta {
        Ok(m) if m.file_type().is_symlink() => Found::Link,
        Ok(m) => Found::File(m),
        Err(_) => Found::Missing,
    }
}

const CHUNK: usize = 64 * 1024;

struct Open {
    file: File,
    inode: u64,
    /// Position of the next byte to read.
    pos: u64,
    /// Start of the line being assembled.
    line_start: u64,
    buf: Vec<u8>,
    /// Bytes of the current line beyond `max_line`, dropped.
    cut: usize,
}

pub async fn run(spec: TailSpec, tx: mpsc::Sender<FileLine>, cancel: CancellationToken) {
    let mut open: Option<Open> = None;
    let mut resume = spec.resume;
    let mut warned_missing = false;
    let mut warned_link = false;
    loop {
        if cancel.is_cancelled() {
            return;
        }
        let found = look(&spec).await;
        if !matches!(found, Found::Link) {
            warned_link = false;
        }
        let meta = match found {
            Found::File(m) => Some(m),
            Found::Link => {
                if !warned_link {
                    tracing::warn!(
                        "log file {} is a symbolic link; not following it (set follow_symlinks: true \
                         for this file or logs.follow_symlinks to read it)",
                        spec.path.display()
                    );
                    warned_link = true;
                }
                None
            }
            Found::Missing => None,
        };
        // A link where the open file was counts as a rotation: the old
        // file is read to its end and the link is not opened.
        let link = warned_link;
        match (&mut open, meta) {
            (None, None) => {
                if !warned_missing && !link {
                    tracing::warn!("log file {} does not exist (yet); waiting for it", spec.path.display());
                    warned_missing = true;
                }
            }
            (None, Some(meta)) => {
                warned_missing = false;
                let start = match resume.take() {
                    Some((inode, off)) if inode == meta.ino() && off <= meta.len() => off,
                    Some(_) => {
                        tracing::warn!(
                            "log file {} was replaced while krytend was stopped; reading the new one from its start",
                            spec.path.display()
                        );
                        0
                    }
                    None => 0,
                };
                match File::open(&spec.path).await {
                    // Swapped for a link between the look and the open:
                    // not the file that was checked.
                    Ok(file)
                        if !spec.follow_symlinks
                            && file
                                .metadata()
                                .await
                                .map_or(true, |m| m.ino() != meta.ino() || m.dev() != meta.dev()) =>
                    {
                        tracing::warn!(
                            "log file {} changed while being opened; trying again",
                            spec.path.display()
                        );
                    }
                    Ok(mut file) => {
                        if file.seek(SeekFrom::Start(start)).await.is_ok() {
                            open = Some(Open {
                                file,
                                inode: meta.ino(),
                                pos: start,
                                line_start: start,
                                buf: Vec::new(),
                                cut: 0,
                            });
                        }
                    }
                    Err(e) => tracing::warn!("cannot open log file {}: {e}", spec.path.display()),
                }
            }
            (Some(o), meta) => {
                let rotated = link || meta.as_ref().is_some_and(|m| m.ino() != o.inode);
                let truncated = meta.as_ref().is_some_and(|m| m.ino() == o.inode && m.len() < o.pos);
                if truncated {
                    tracing::info!("log file {} was truncated; reading from its start", spec.path.display());
                    let _ = o.file.seek(SeekFrom::Start(0)).await;
                    o.pos = 0;
                    o.line_start = 0;
                    o.buf.clear();
                    o.cut = 0;
                }
                if !read_available(&spec, o, &tx).await {
                    return;
                }
                if rotated {
                    // The old file is read to its end; a last line without
                    // a newline is still a line.
                    if !o.buf.is_empty() && !emit(&spec, o, o.pos, &tx).await {
                        return;
                    }
                    tracing::info!("log file {} was rotated; following the new one", spec.path.display());
                    open = None;
                    continue;
                }
            }
        }
        tokio::select! {
            _ = cancel.cancelled() => return,
            _ = tokio::time::sleep(spec.poll) => {}
        }
    }
}

/// Reads to the current end of the file; false when the receiver is gone.
async fn read_available(spec: &TailSpec, o: &mut Open, tx: &mpsc::Sender<FileLine>) -> bool {
    let mut chunk = vec![0u8; CHUNK];
    loop {
        let n = match o.file.read(&mut chunk).await {
            Ok(0) => return true,
            Ok(n) => n,
            Err(e) => {
                tracing::warn!("reading {} failed: {e}", spec.path.display());
                return true;
            }
        };
        let mut rest = &chunk[..n];
        while let Some(nl) = rest.iter().position(|b| *b == b'\n') {
            push_bounded(o, &rest[..nl], spec.max_line);
            o.pos += nl as u64 + 1;
            if !emit(spec, o, o.pos, tx).await {
                return false;
            }
            rest = &rest[nl + 1..];
        }
        push_bounded(o, rest, spec.max_line);
        o.pos += rest.len() as u64;
    }
}

fn push_bounded(o: &mut Open, bytes: &[u8], max: usize) {
    let room = max.saturating_sub(o.buf.len());
    let take = room.min(bytes.len());
    o.buf.extend_from_slice(&bytes[..take]);
    o.cut += bytes.len() - take;
}

async fn emit(spec: &TailSpec, o: &mut Open, offset_after: u64, tx: &mpsc::Sender<FileLine>) -> bool {
    let mut text = String::from_utf8_lossy(&o.buf).into_owned();
    if text.ends_with('\r') {
        text.pop();
    }
    let cut = std::mem::take(&mut o.cut);
    o.buf.clear();
    o.line_start = offset_after;
    let mut parsed = parse_file_line(&text);
    if cut > 0 {
        // Say how much of the original line is missing.
        parsed.message.push_str(&format!(" …[truncated {cut} bytes]"));
    }
    tx.send(FileLine {
        service: spec.service.clone(),
        path: spec.path.display().to_string(),
        inode: o.inode,
        offset_after,
        parsed,
    })
    .await
    .is_ok()
}
