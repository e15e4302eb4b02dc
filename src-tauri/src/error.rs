//! The shell's error type is core's wire error: a tag the UI switches on and a message already in
//! the user's language. Nothing else crosses IPC as an error.

pub use dpodesk_core::api::ApiError;

pub type CommandResult<T> = Result<T, ApiError>;
