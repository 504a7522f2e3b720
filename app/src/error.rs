//! The one error type that crosses the wire between server functions and pages.
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// What a user may be told. Internal details (SQL, I/O) are logged on the server, never sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// A field's value is not acceptable; `field` is the form field's name.
    #[error("{message}")]
    Validation { field: String, message: String },
    /// Wrong identifier or password: deliberately does not say which.
    #[error("Nama pengguna/NIP atau kata sandi salah.")]
    InvalidCredentials,
    #[error("Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {minutes} menit.")]
    TooManyAttempts { minutes: i64 },
    /// Too many password checks at once (each takes about 19 MiB): refused rather than queued.
    #[error("Server sedang sibuk. Coba lagi sebentar.")]
    Busy,
    #[error("Silakan masuk terlebih dahulu.")]
    Unauthenticated,
    #[error("Anda tidak berhak melakukan tindakan ini.")]
    Forbidden,
    #[error("Data tidak ditemukan.")]
    NotFound,
    #[error("{0}")]
    Conflict(String),
    #[error("Terjadi kesalahan pada server. Silakan coba lagi; bila berulang, hubungi admin BKPSDM.")]
    Internal,
    #[error("Tidak dapat menghubungi server ({0}). Periksa koneksi Anda lalu coba lagi.")]
    Transport(String),
}

impl AppError {
    pub fn validation(field: &str, message: impl Into<String>) -> Self {
        AppError::Validation { field: field.to_string(), message: message.into() }
    }

    /// The message for one form field, if this error is about it.
    pub fn field_message(&self, field: &str) -> Option<String> {
        match self {
            AppError::Validation { field: f, message } if f == field => Some(crate::i18n::message(message)),
            _ => None,
        }
    }

    /// The message in the page's language.
    pub fn user_message(&self) -> String {
        crate::i18n::message(&self.to_string())
    }

    /// The HTTP status a server function answers this error with (server_fn sends every error as
    /// 500; the server maps it once, here, so clients and logs see what happened).
    pub fn http_status(&self) -> u16 {
        match self {
            AppError::Validation { .. } => 422,
            AppError::InvalidCredentials | AppError::Unauthenticated => 401,
            AppError::TooManyAttempts { .. } => 429,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Conflict(_) => 409,
            AppError::Busy => 503,
            AppError::Internal => 500,
            AppError::Transport(_) => 502,
        }
    }

    /// True when the error belongs to no single field (shown above the form).
    pub fn is_general(&self) -> bool {
        !matches!(self, AppError::Validation { .. })
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(e) | ServerFnErrorErr::Response(e) => AppError::Transport(e),
            other => {
                // A request the server function could not take (arguments that do not parse, a
                // missing argument, ...): the user sees "Internal", the log says why.
                #[cfg(feature = "ssr")]
                tracing::warn!(error = %other, "server function call not understood");
                let _ = other;
                AppError::Internal
            }
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(e: sea_orm::DbErr) -> Self {
        tracing::error!(error = %e, "database error");
        AppError::Internal
    }
}
