//! The payload classifier: any subject, any bytes, always an answer.
//! The first line of the input is the subject, the rest the payload, so
//! the fuzzer reaches every subject shape (`kryten.lifecycle.x.startup`,
//! `kryten.logs.x`, ...) with every payload.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (subject, payload) = match data.iter().position(|&b| b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let subject = String::from_utf8_lossy(subject);
    let _ = krytend::protocol::classify(&subject, payload);
});
