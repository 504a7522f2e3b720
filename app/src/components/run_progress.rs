//! The progress of a TPP run, polled from the server while the run is going (the run records its
//! progress in the database, so this works whichever app server handles the poll).
use crate::api::tpp::{tpp_progress, RunProgress};
use crate::i18n::{is_en, t};
use leptos::prelude::*;
use std::time::Duration;

const POLL: Duration = Duration::from_millis(700);

#[component]
pub fn RunProgressBar(
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
