//! krytend's configuration file, as `Config::load` reads it, then the
//! checks and the settings derived from it at start-up.
#![no_main]

use krytend::config::Config;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(c) = serde_yaml::from_str::<Config>(text) else {
        return;
    };
    if c.validate().is_ok() {
        let _ = c.store_config();
        let _ = c.liveness_config();
        let _ = c.websocket.settings();
        let _ = c.configs.settings();
    }
});
