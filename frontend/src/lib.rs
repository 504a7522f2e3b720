//! The browser entry point. Pages are server-rendered HTML; only their islands (the `#[island]`
//! components of `app`) hydrate, each from the props the server wrote beside it (issue 15).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Links the islands in: `app`'s `#[island]` components export themselves to the loader.
    app::islands_linked();
    leptos::mount::hydrate_islands();
}
