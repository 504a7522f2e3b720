//! The progress of a TPP run, polled from the server while the run is going (the run records its
//! progress in the database, so this works whichever app server handles the poll).
use crate::api::tpp::{tpp_progress, RunProgress, RunTpp};
use crate::i18n::{is_en, t};
use leptos::prelude::*;
use std::time::Duration;

const POLL: Duration = Duration::from_millis(700);

/// The run button and, once pressed, the run's progress: an island. The form itself is plain (it
/// works without JavaScript, and the page it returns to shows the run's totals); the wasm only
/// watches the run while the browser waits for that page.
#[island(lazy)]
pub fn RunForm(year: i32, quarter: u32) -> impl IntoView {
    let active = RwSignal::new(false);
    view! {
        <form method="post" action={<RunTpp as leptos::server_fn::ServerFn>::PATH} class="inline-form"
            on:submit=move |_| active.set(true)>
            <input type="hidden" name="year" value=year.to_string()/>
            <input type="hidden" name="quarter" value=quarter.to_string()/>
            <button type="submit" class="button-primary" disabled=move || active.get()>
                {move || if active.get() { t("Menghitung…", "Calculating…") } else { t("Jalankan perhitungan", "Run the calculation") }}
            </button>
        </form>
        <RunProgressBar year quarter active/>
    }
}

#[component]
fn RunProgressBar(
    #[prop(into)] year: Signal<i32>,
    #[prop(into)] quarter: Signal<u32>,
    /// The run action is pending (started from this page).
    #[prop(into)]
    active: Signal<bool>,
) -> impl IntoView {
    let progress = RwSignal::new(None::<RunProgress>);
    // Effects run only in the browser: the poll starts with the run and stops when it returns.
    Effect::new(move |previous: Option<Option<IntervalHandle>>| {
        if let Some(Some(handle)) = previous {
            handle.clear();
        }
        if !active.get() {
            return None;
        }
        progress.set(None);
        set_interval_with_handle(
            move || {
                leptos::task::spawn_local(async move {
                    if let Ok(p) = tpp_progress(year.get_untracked(), quarter.get_untracked()).await {
                        progress.set(p);
                    }
                });
            },
            POLL,
        )
        .ok()
    });
    move || {
        active.get().then(|| {
            let p = progress.get().filter(|p| p.running);
            let (done, total) = p.as_ref().map_or((0, 0), |p| (p.processed, p.total.max(1)));
            let label = match &p {
                Some(p) if is_en() => format!("Calculating: {} of {} officials", p.processed, p.total),
                Some(p) => format!("Menghitung: {} dari {} pejabat", p.processed, p.total),
                None => t("Menyiapkan perhitungan…", "Preparing the calculation…").to_string(),
            };
            view! {
                <div role="status" aria-live="polite">
                    <label for="kemajuan-tpp">{label}</label>
                    <progress id="kemajuan-tpp" class="progress" max=total.to_string() value=done.to_string()></progress>
                </div>
            }
        })
    }
}
