//! Fails when the checked-in `include/softone_go.h` is not what cbindgen generates from
//! `src/lib.rs` with `cbindgen.toml`. Regenerate with
//! `UPDATE_HEADER=1 cargo test -p softone-go-c --test header`.

use std::path::PathBuf;

fn generate() -> String {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let config =
        cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).expect("read cbindgen.toml");
    let bindings = cbindgen::Builder::new()
        .with_config(config)
        .with_src(crate_dir.join("src/lib.rs"))
        .generate()
        .expect("cbindgen generates the header");
    let mut out = Vec::new();
    bindings.write(&mut out);
    String::from_utf8(out).expect("the header is UTF-8")
}

#[test]
fn header_is_up_to_date() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../include/softone_go.h");
    let generated = generate();
    if std::env::var_os("UPDATE_HEADER").is_some() {
        std::fs::write(&path, &generated).expect("write include/softone_go.h");
        return;
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == generated,
        "include/softone_go.h is stale: regenerate it with `UPDATE_HEADER=1 cargo test -p softone-go-c --test header` and commit it"
    );
}

#[test]
fn header_has_the_contract() {
    let h = generate();
    for name in [
        "#ifndef SOFTONE_GO_H",
        "extern \"C\"",
        "SOFTONE_OK",
        "SOFTONE_ERR_INVALID_ARGUMENT",
        "SOFTONE_ERR_AUTHENTICATION",
        "SOFTONE_ERR_RATE_LIMITED",
        "SOFTONE_ERR_API",
        "SOFTONE_ERR_TIMEOUT",
        "SOFTONE_ERR_TRANSPORT",
        "SOFTONE_ERR_DECODE",
        "SOFTONE_ENTRY_TYPE_UNKNOWN",
        "softone_client_new(",
        "softone_client_from_env(",
        "softone_client_free(",
        "softone_time_stamp_entries(",
        "softone_entry_list_free(",
        "softone_simulator_start(",
        "softone_simulator_url(",
        "softone_simulator_free(",
        "softone_version(",
        "softone_error_message(",
        "softone_error_status(",
        "softone_error_http_status(",
        "softone_error_free(",
    ] {
        assert!(h.contains(name), "the header lacks {name}");
    }
}
