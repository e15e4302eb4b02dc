//! Entity ids: UUIDv7 text. Time-ordered, so indexes stay compact, and globally unique, so bundles
//! and imports between vaults never collide.

/// A new id for any entity (client, assessment, audit entry, …).
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
