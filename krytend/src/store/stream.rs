//! What JetStream ingest keeps in the store besides its rows: which stream
//! numbers them (a store numbered by one stream must not be filled from
//! another, nor from krytend's own numbering), and whether a sequence
//! number is stored already (a message delivered again after a crash).

use rusqlite::{params, OptionalExtension};

use super::{pool::Pool, StoreError};

#[derive(Clone)]
pub struct StreamTable {
    pool: Pool,
}

type Result<T> = std::result::Result<T, StoreError>;

const CREATE: &str = "CREATE TABLE IF NOT EXISTS ingest_stream (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    stream TEXT NOT NULL,
    since_us INTEGER NOT NULL
)";

/// What the store says about a stream krytend is about to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// The store is numbered by this stream already (or was empty and now is).
    Ours,
    /// Another stream numbers it.
    OtherStream(String),
    /// It holds rows numbered by krytend itself (core mode), up to this.
    CoreNumbered(u64),
}

impl StreamTable {
    pub(super) fn new(pool: Pool) -> Self {
        Self { pool }
    }

    /// Marks the store as numbered by `stream`, if it is empty or is
    /// already; says who numbers it otherwise.
    pub async fn claim(&self, stream: String, now_us: i64) -> Result<Claim> {
        self.pool
            .run(move |c| {
                c.execute_batch(CREATE)?;
                let tx = c.transaction()?;
                let marked: Option<String> = tx
                    .query_row("SELECT stream FROM ingest_stream WHERE id = 1", [], |r| r.get(0))
                    .optional()?;
                let claim = match marked {
                    Some(s) if s == stream => Claim::Ours,
                    Some(s) => Claim::OtherStream(s),
                    None => {
                        let max: i64 = tx.query_row(
                            "SELECT MAX(COALESCE((SELECT MAX(seq) FROM events), 0),
                                        COALESCE((SELECT MAX(seq) FROM logs), 0))",
                            [],
                            |r| r.get(0),
                        )?;
                        if max > 0 {
                            Claim::CoreNumbered(max as u64)
                        } else {
                            tx.execute(
                                "INSERT INTO ingest_stream (id, stream, since_us) VALUES (1, ?1, ?2)",
                                params![stream, now_us],
                            )?;
                            Claim::Ours
                        }
                    }
                };
                tx.commit()?;
                Ok(claim)
            })
            .await
    }

    /// Whether an event or log record with this number is stored.
    pub async fn has_seq(&self, seq: u64) -> Result<bool> {
        self.pool
            .run(move |c| {
                Ok(c.query_row(
                    "SELECT EXISTS(SELECT 1 FROM events WHERE seq = ?1) OR EXISTS(SELECT 1 FROM logs WHERE seq = ?1)",
                    params![seq as i64],
                    |r| r.get(0),
                )?)
            })
            .await
    }
}
