//! Server actions whose answer survives a plain form post.
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// `ServerAction::<S>::new()`, plus, while the server renders the page a plain form post was
/// sent back to, the answer that post got (see `server::flash`): the page shows "tersimpan" or
/// the run's totals whether the form was posted by the wasm or by the browser itself. (Leptos
/// already does the same for an error, from the link.)
pub fn server_action<S>() -> ServerAction<S>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: serde::de::DeserializeOwned + Send + Sync + 'static,
{
    let action = ServerAction::<S>::new();
    #[cfg(feature = "ssr")]
    if action.value().with_untracked(Option::is_none) {
        if let Some(answer) = crate::server::flash::answer_for::<S::Output>(S::PATH) {
            action.value().set(Some(Ok(answer)));
        }
    }
    action
}

/// What [`server_action`] starts from on this page: for an island, whose props are all it gets in
/// the browser, the page reads it on the server and passes it in.
pub type Answer<S> = Option<Result<<S as ServerFn>::Output, AppError>>;

pub fn answer<S>() -> Answer<S>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: serde::de::DeserializeOwned + Clone + Send + Sync + 'static,
{
    server_action::<S>().value().get_untracked()
}

/// While the server renders a page: whether this browser's last post to `S` went through, given
/// the `answer` the page read, also when that answer was too large to carry (see
/// `server::flash::succeeded`).
pub fn went_through<S>(answer: &Answer<S>) -> bool
where
    S: ServerFn<Error = AppError>,
{
    #[cfg(feature = "ssr")]
    if crate::server::flash::succeeded(S::PATH) {
        return true;
    }
    matches!(answer, Some(Ok(_)))
}

/// In an island: a server action starting from the `answer` its page read on the server.
pub fn server_action_from<S>(answer: Answer<S>) -> ServerAction<S>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    let action = ServerAction::<S>::new();
    if answer.is_some() {
        action.value().set(answer);
    }
    action
}

/// Whether the user has typed into the form since its action last answered: a refused save's
/// field messages are about what was sent, and stand only until the fields change (issue 16).
/// Pass the events to [`note_edit`].
pub fn edited_since(answer: impl Track + Send + Sync + 'static) -> RwSignal<bool> {
    let edited = RwSignal::new(false);
    // Each answer starts afresh; effects run only in the browser.
    Effect::new(move |_| {
        answer.track();
        edited.set(false);
    });
    edited
}

/// Notes a user's own edit (not the form memory putting back what a refused post held, which
/// announces itself with untrusted events).
pub fn note_edit(ev: &leptos::ev::Event, edited: RwSignal<bool>) {
    if ev.is_trusted() {
        edited.set(true);
    }
}
