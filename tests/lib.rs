//! Intentionally empty: this package exists for its integration test target `it`.
