//! The xtask's one error type: each variant is a one-line explanation, never a stack of errors.

#[derive(Debug, thiserror::Error)]
pub enum XtaskError {
    #[error("{0}")]
    Usage(&'static str),

    #[error("missing prerequisite: {0}")]
    Prerequisite(String),

    #[error("step failed: {step} ({status})")]
    StepFailed { step: String, status: String },

    #[error("cannot start {program}: {source}")]
    Spawn {
        program: String,
        #[source]
        source: std::io::Error,
    },
}
