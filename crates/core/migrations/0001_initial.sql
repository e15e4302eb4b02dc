-- DPO Desk vault, schema 1. Ids are UUIDv7 text; times are RFC 3339 UTC text; JSON columns hold
-- serde-encoded values whose shape is owned by core. Later schemas add columns and tables; they do
-- not rewrite these.

-- The application id marks a SQLCipher database as a DPO Desk vault ("DPOD").
PRAGMA application_id = 1146113860;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

-- A client of the firm, or a matter for that client: a lawyer keeps several apart.
CREATE TABLE clients (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    matter      TEXT NOT NULL DEFAULT '',
    contact     TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

-- One collection channel of a client (an e-commerce store, a lead form, a purchased list, …).
CREATE TABLE data_sources (
    id          TEXT PRIMARY KEY NOT NULL,
    client_id   TEXT NOT NULL REFERENCES clients (id),
    name        TEXT NOT NULL,
    channel     TEXT NOT NULL DEFAULT '',
    platform    TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX data_sources_client ON data_sources (client_id);

CREATE TABLE vendors (
    id           TEXT PRIMARY KEY NOT NULL,
    client_id    TEXT NOT NULL REFERENCES clients (id),
    name         TEXT NOT NULL,
    country      TEXT NOT NULL DEFAULT '',
    service      TEXT NOT NULL DEFAULT '',
    contact      TEXT NOT NULL DEFAULT '',
    next_review  TEXT,
    notes        TEXT NOT NULL DEFAULT '',
    archived     INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX vendors_client ON vendors (client_id);

-- An assessment pins the template it was started with (id, version and a full snapshot), so later
-- template versions never change it. A re-opened assessment is a new row linked to the old one.
CREATE TABLE assessments (
    id                TEXT PRIMARY KEY NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('data_source', 'vendor', 'pia')),
    template_id       TEXT NOT NULL,
    template_version  TEXT NOT NULL,
    template_snapshot TEXT NOT NULL,
    title             TEXT NOT NULL,
    client_id         TEXT REFERENCES clients (id),
    data_source_id    TEXT REFERENCES data_sources (id),
    vendor_id         TEXT REFERENCES vendors (id),
    status            TEXT NOT NULL DEFAULT 'draft'
                      CHECK (status IN ('draft', 'in_review', 'approved', 'rejected', 'superseded')),
    version           INTEGER NOT NULL DEFAULT 1,
    previous_id       TEXT REFERENCES assessments (id),
    dpo_opinion       TEXT NOT NULL DEFAULT '',
    created_by        TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
) STRICT;
CREATE INDEX assessments_client ON assessments (client_id);
CREATE INDEX assessments_status ON assessments (status);

-- Links a PIA to the data-source and vendor assessments it relies on.
CREATE TABLE assessment_links (
    assessment_id TEXT NOT NULL REFERENCES assessments (id),
    linked_id     TEXT NOT NULL REFERENCES assessments (id),
    PRIMARY KEY (assessment_id, linked_id)
) STRICT;

-- One answer per question; a repeatable group (processing activities, risks, sub-processors) is one
-- answer whose JSON value is the list of rows, so pure scoring sees PIA risks as answers.
CREATE TABLE answers (
    assessment_id TEXT NOT NULL REFERENCES assessments (id),
    question_id   TEXT NOT NULL,
    value         TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    updated_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (assessment_id, question_id)
) STRICT, WITHOUT ROWID;

-- Attachments live inside the encrypted vault, never beside it.
CREATE TABLE evidence (
    id            TEXT PRIMARY KEY NOT NULL,
    assessment_id TEXT NOT NULL REFERENCES assessments (id),
    question_id   TEXT NOT NULL,
    file_name     TEXT NOT NULL,
    media_type    TEXT NOT NULL DEFAULT 'application/octet-stream',
    size          INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    content       BLOB NOT NULL,
    added_by      TEXT NOT NULL,
    added_at      TEXT NOT NULL
) STRICT;
CREATE INDEX evidence_assessment ON evidence (assessment_id);

CREATE TABLE actions (
    id            TEXT PRIMARY KEY NOT NULL,
    assessment_id TEXT REFERENCES assessments (id),
    client_id     TEXT REFERENCES clients (id),
    finding_id    TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL,
    owner         TEXT NOT NULL DEFAULT '',
    due_date      TEXT,
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
    note          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX actions_assessment ON actions (assessment_id);
CREATE INDEX actions_due ON actions (due_date);

CREATE TABLE signoffs (
    id             TEXT PRIMARY KEY NOT NULL,
    assessment_id  TEXT NOT NULL REFERENCES assessments (id),
    name           TEXT NOT NULL,
    role           TEXT NOT NULL,
    decision       TEXT NOT NULL CHECK (decision IN ('approve', 'reject')),
    comment        TEXT NOT NULL DEFAULT '',
    attestations   TEXT NOT NULL DEFAULT '[]',
    answers_sha256 TEXT NOT NULL,
    signed_at      TEXT NOT NULL
) STRICT;
CREATE INDEX signoffs_assessment ON signoffs (assessment_id);

-- Every generated report is kept byte for byte, so the exact document sent to a client can be
-- produced again.
CREATE TABLE reports (
    id            TEXT PRIMARY KEY NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('memo', 'vendor', 'pia')),
    assessment_id TEXT REFERENCES assessments (id),
    client_id     TEXT REFERENCES clients (id),
    lang          TEXT NOT NULL CHECK (lang IN ('zh', 'en', 'bi')),
    format        TEXT NOT NULL DEFAULT 'pdf',
    sha256        TEXT NOT NULL,
    content       BLOB NOT NULL,
    generated_by  TEXT NOT NULL,
    generated_at  TEXT NOT NULL
) STRICT;

-- Append-only; each entry's hash covers the previous entry's hash and its own content, so an edit,
-- a deletion or a reordering breaks the chain. Summaries never hold personal data values.
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    summary     TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
) STRICT;

-- The chain head kept apart from the log itself, so a cut-off tail no longer matches it.
CREATE TABLE audit_anchor (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    head_hash TEXT NOT NULL,
    count     INTEGER NOT NULL
) STRICT;
