//! A WebSocket client's text frame, as the session reads it: the message
//! itself, and the id a malformed one meant to carry for its error reply.
#![no_main]

use krytend::api::ws::protocol::{request_id_of, ClientMessage, ServerMessage};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if serde_json::from_str::<ClientMessage>(text).is_err() {
        let id = request_id_of(text);
        // The error reply is always valid JSON, whatever the id was.
        let reply = ServerMessage::error("bad_request", "malformed", id).to_text();
        assert!(serde_json::from_str::<serde_json::Value>(&reply).is_ok());
    }
});
