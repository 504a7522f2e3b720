//! The browser bundle's file names (issue 15). A release build (`make build`) names each file
//! after a hash of its content (`pakta.<hash>.wasm`), so it can be cached for a year and a new
//! build is fetched at once; cargo-leptos writes the hashes to `hash.txt`, which the build copies
//! into the site root beside `pkg/`. A debug build (the tests' bundle) has plain names.
use leptos::prelude::LeptosOptions;
use std::path::{Path, PathBuf};

/// The hash file inside the site root.
pub const HASH_FILE: &str = "hash.txt";

/// The hash file of this site root, if the bundle there was built with hashed names.
pub fn hash_file(site_root: &str) -> Option<PathBuf> {
    let path = std::path::absolute(Path::new(site_root).join(HASH_FILE)).ok()?;
    path.is_file().then_some(path)
}

/// The hash cargo-leptos recorded for one kind of file (`js`, `wasm`, `css`).
fn hash_of(hashes: &str, kind: &str) -> Option<String> {
    hashes
        .lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim() == kind)
        .map(|(_, h)| h.trim().to_string())
}

/// The stylesheet's address: `/pkg/pakta.<hash>.css` when the names are hashed. Read on each
/// page, as Leptos reads the script's hashes: a small file, and a new build is seen at once.
pub fn stylesheet_href(options: &LeptosOptions) -> String {
    let name = &options.output_name;
    let pkg = &options.site_pkg_dir;
    let hashed = options
        .hash_files
        .then(|| std::fs::read_to_string(options.hash_file.as_ref()).ok())
        .flatten()
        .and_then(|hashes| hash_of(&hashes, "css"));
    match hashed {
        Some(hash) => format!("/{pkg}/{name}.{hash}.css"),
        None => format!("/{pkg}/{name}.css"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_each_kind_of_hash() {
        let hashes = "js: AbC123\nwasm: dEf456\ncss: 0x9\n";
        assert_eq!(hash_of(hashes, "css").as_deref(), Some("0x9"));
        assert_eq!(hash_of(hashes, "wasm").as_deref(), Some("dEf456"));
        assert_eq!(hash_of(hashes, "split"), None);
    }
}
