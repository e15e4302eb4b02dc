-- DPO Desk team database, schema 1: the vault's tables, in the schema `dpodesk`.
--
-- Every table and column of the SQLCipher vault (crates/core/migrations, as of its schema 11) is
-- here under the same name with the same meaning, so a row moves between a vault and the team
-- database without mapping: ids are UUIDv7 text, times RFC 3339 UTC text, JSON columns the same
-- serde-encoded text; only the storage types are PostgreSQL's own (boolean for 0/1 flags, bigint
-- for integers, bytea for blobs). What team mode adds is named as such:
--   row_version, changed_by, changed_at  optimistic concurrency (0003 keeps them): every
--                                        assessment, answer and register row;
--   audit_log.client_id, .position       one hash chain per client (0003);
--   signoffs.signer                      the signing login role, written by the database (0003).
-- The vault's full-text tables (search_fts, search_docs) have no counterpart: the team database
-- searches through pg_trgm indexes (0004).

CREATE TABLE dpodesk.settings (
    key   text PRIMARY KEY,
    value text NOT NULL
);

CREATE TABLE dpodesk.clients (
    id          text PRIMARY KEY,
    name        text NOT NULL,
    matter      text NOT NULL DEFAULT '',
    contact     text NOT NULL DEFAULT '',
    notes       text NOT NULL DEFAULT '',
    archived    boolean NOT NULL DEFAULT false,
    created_at  text NOT NULL,
    updated_at  text NOT NULL,
    keep_until  text,
    row_version bigint NOT NULL DEFAULT 1,
    changed_by  text NOT NULL DEFAULT session_user,
    changed_at  text NOT NULL DEFAULT ''
);
CREATE INDEX clients_keep_until ON dpodesk.clients (keep_until) WHERE keep_until IS NOT NULL;

CREATE TABLE dpodesk.data_sources (
    id          text PRIMARY KEY,
    client_id   text NOT NULL REFERENCES dpodesk.clients (id),
    name        text NOT NULL,
    channel     text NOT NULL DEFAULT '',
    platform    text NOT NULL DEFAULT '',
    notes       text NOT NULL DEFAULT '',
    archived    boolean NOT NULL DEFAULT false,
    created_at  text NOT NULL,
    updated_at  text NOT NULL,
    row_version bigint NOT NULL DEFAULT 1,
    changed_by  text NOT NULL DEFAULT session_user,
    changed_at  text NOT NULL DEFAULT ''
);
CREATE INDEX data_sources_client ON dpodesk.data_sources (client_id);

CREATE TABLE dpodesk.vendors (
    id          text PRIMARY KEY,
    client_id   text NOT NULL REFERENCES dpodesk.clients (id),
    name        text NOT NULL,
    country     text NOT NULL DEFAULT '',
    service     text NOT NULL DEFAULT '',
    contact     text NOT NULL DEFAULT '',
    next_review text,
    notes       text NOT NULL DEFAULT '',
    archived    boolean NOT NULL DEFAULT false,
    created_at  text NOT NULL,
    updated_at  text NOT NULL,
    row_version bigint NOT NULL DEFAULT 1,
    changed_by  text NOT NULL DEFAULT session_user,
    changed_at  text NOT NULL DEFAULT ''
);
CREATE INDEX vendors_client ON dpodesk.vendors (client_id);

-- Each template snapshot once, by the SHA-256 of its canonical JSON (as the vault's schema 9):
-- an assessment names its snapshot; here the reference is a real foreign key.
CREATE TABLE dpodesk.template_snapshots (
    sha256           text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    template_id      text NOT NULL,
    template_version text NOT NULL,
    size             bigint NOT NULL,
    content          bytea NOT NULL
);

-- `version` is the assessment's own version (a re-opened assessment is version + 1, as in the
-- vault); `row_version` counts saves of this row, for concurrency. An assessment with no client
-- is seen by its creator and the admins only (0002).
CREATE TABLE dpodesk.assessments (
    id               text PRIMARY KEY,
    kind             text NOT NULL CHECK (kind IN ('data_source', 'vendor', 'pia', 'transfer')),
    template_id      text NOT NULL,
    template_version text NOT NULL,
    template_sha256  text NOT NULL REFERENCES dpodesk.template_snapshots (sha256),
    title            text NOT NULL,
    client_id        text REFERENCES dpodesk.clients (id),
    data_source_id   text REFERENCES dpodesk.data_sources (id),
    vendor_id        text REFERENCES dpodesk.vendors (id),
    status           text NOT NULL DEFAULT 'draft'
                     CHECK (status IN ('draft', 'in_review', 'approved', 'rejected', 'superseded')),
    version          bigint NOT NULL DEFAULT 1,
    previous_id      text REFERENCES dpodesk.assessments (id),
    dpo_opinion      text NOT NULL DEFAULT '',
    created_by       text NOT NULL,
    created_at       text NOT NULL,
    updated_at       text NOT NULL,
    keep_until       text,
    row_version      bigint NOT NULL DEFAULT 1,
    changed_by       text NOT NULL DEFAULT session_user,
    changed_at       text NOT NULL DEFAULT ''
);
CREATE INDEX assessments_client ON dpodesk.assessments (client_id);
CREATE INDEX assessments_status ON dpodesk.assessments (status);
CREATE INDEX assessments_previous ON dpodesk.assessments (previous_id);
CREATE INDEX assessments_template ON dpodesk.assessments (template_sha256);
CREATE INDEX assessments_keep_until ON dpodesk.assessments (keep_until, id)
    WHERE keep_until IS NOT NULL;

CREATE TABLE dpodesk.assessment_links (
    assessment_id text NOT NULL REFERENCES dpodesk.assessments (id),
    linked_id     text NOT NULL REFERENCES dpodesk.assessments (id),
    PRIMARY KEY (assessment_id, linked_id)
);

CREATE TABLE dpodesk.answers (
    assessment_id text NOT NULL REFERENCES dpodesk.assessments (id),
    question_id   text NOT NULL,
    value         text NOT NULL,
    note          text NOT NULL DEFAULT '',
    updated_by    text NOT NULL,
    updated_at    text NOT NULL,
    row_version   bigint NOT NULL DEFAULT 1,
    changed_by    text NOT NULL DEFAULT session_user,
    changed_at    text NOT NULL DEFAULT '',
    PRIMARY KEY (assessment_id, question_id)
);

CREATE TABLE dpodesk.evidence (
    id            text PRIMARY KEY,
    assessment_id text NOT NULL REFERENCES dpodesk.assessments (id),
    question_id   text NOT NULL,
    file_name     text NOT NULL,
    media_type    text NOT NULL DEFAULT 'application/octet-stream',
    size          bigint NOT NULL,
    sha256        text NOT NULL,
    content       bytea NOT NULL,
    added_by      text NOT NULL,
    added_at      text NOT NULL
);
CREATE INDEX evidence_assessment ON dpodesk.evidence (assessment_id);

CREATE TABLE dpodesk.actions (
    id            text PRIMARY KEY,
    assessment_id text REFERENCES dpodesk.assessments (id),
    client_id     text REFERENCES dpodesk.clients (id),
    finding_id    text NOT NULL DEFAULT '',
    title         text NOT NULL,
    owner         text NOT NULL DEFAULT '',
    due_date      text,
    status        text NOT NULL DEFAULT 'open'
                  CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
    note          text NOT NULL DEFAULT '',
    created_at    text NOT NULL,
    updated_at    text NOT NULL,
    title_zh      text NOT NULL DEFAULT '',
    title_en      text NOT NULL DEFAULT '',
    row_version   bigint NOT NULL DEFAULT 1,
    changed_by    text NOT NULL DEFAULT session_user,
    changed_at    text NOT NULL DEFAULT ''
);
CREATE INDEX actions_assessment ON dpodesk.actions (assessment_id);
CREATE INDEX actions_client ON dpodesk.actions (client_id);
CREATE INDEX actions_due ON dpodesk.actions (due_date);
CREATE INDEX actions_finding ON dpodesk.actions (assessment_id, finding_id);

-- `name` and `role` are the display name and title the signer gives; `signer` (0003) is who
-- signed, as the database knows him.
CREATE TABLE dpodesk.signoffs (
    id             text PRIMARY KEY,
    assessment_id  text NOT NULL REFERENCES dpodesk.assessments (id),
    name           text NOT NULL,
    role           text NOT NULL,
    decision       text NOT NULL CHECK (decision IN ('approve', 'reject')),
    comment        text NOT NULL DEFAULT '',
    attestations   text NOT NULL DEFAULT '[]',
    answers_sha256 text NOT NULL,
    signed_at      text NOT NULL,
    outcome        text NOT NULL DEFAULT '',
    engine_version text NOT NULL DEFAULT '',
    law_version    text NOT NULL DEFAULT '',
    reservations   text NOT NULL DEFAULT '[]',
    signer         text NOT NULL DEFAULT session_user
);
CREATE INDEX signoffs_assessment ON dpodesk.signoffs (assessment_id);

CREATE TABLE dpodesk.reports (
    id            text PRIMARY KEY,
    kind          text NOT NULL CHECK (kind IN ('memo', 'vendor', 'pia', 'transfer')),
    assessment_id text REFERENCES dpodesk.assessments (id),
    client_id     text REFERENCES dpodesk.clients (id),
    lang          text NOT NULL CHECK (lang IN ('zh', 'en', 'bi')),
    format        text NOT NULL DEFAULT 'pdf',
    sha256        text NOT NULL,
    content       bytea NOT NULL,
    generated_by  text NOT NULL,
    generated_at  text NOT NULL
);
CREATE INDEX reports_assessment ON dpodesk.reports (assessment_id);
CREATE INDEX reports_client ON dpodesk.reports (client_id);

CREATE TABLE dpodesk.cnil_records (
    assessment_id text PRIMARY KEY REFERENCES dpodesk.assessments (id) ON DELETE CASCADE,
    document      text NOT NULL,
    imported_by   text NOT NULL,
    imported_at   text NOT NULL
);

-- The vault's audit log, one chain per client: `client_id` names the chain (NULL: the firm's own
-- chain of entries about no client, which admins alone see) and `position` orders it. Entries
-- outlive an erased client, so `client_id` is not a foreign key. 0003 fills every column the
-- chain covers.
CREATE TABLE dpodesk.audit_log (
    seq           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id            text NOT NULL UNIQUE DEFAULT gen_random_uuid()::text,
    at            text NOT NULL DEFAULT '',
    actor         text NOT NULL DEFAULT '',
    action        text NOT NULL,
    entity_type   text NOT NULL,
    entity_id     text NOT NULL,
    summary       text NOT NULL,
    prev_hash     text NOT NULL DEFAULT '',
    hash          text NOT NULL DEFAULT '',
    detail_sha256 text NOT NULL DEFAULT '',
    scheme        integer NOT NULL DEFAULT 2 CHECK (scheme IN (1, 2)),
    client_id     text,
    position      bigint NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX audit_log_chain ON dpodesk.audit_log (coalesce(client_id, ''), position);
CREATE INDEX audit_log_entity ON dpodesk.audit_log (entity_id);

-- Each chain's head, apart from the log (the vault's audit_anchor, one row per chain): a cut-off
-- tail no longer matches it. '' is the firm's chain.
CREATE TABLE dpodesk.audit_heads (
    chain     text PRIMARY KEY,
    head_hash text NOT NULL,
    count     bigint NOT NULL
);

CREATE TABLE dpodesk.bundle_imports (
    id               text PRIMARY KEY,
    client_id        text NOT NULL REFERENCES dpodesk.clients (id),
    exported_by      text NOT NULL,
    exported_at      text NOT NULL,
    source_head_hash text NOT NULL,
    source_count     bigint NOT NULL,
    head_hash        text NOT NULL,
    count            bigint NOT NULL,
    imported_by      text NOT NULL,
    imported_at      text NOT NULL
);

CREATE TABLE dpodesk.bundle_audit (
    import_id   text NOT NULL REFERENCES dpodesk.bundle_imports (id),
    position    bigint NOT NULL,
    id          text NOT NULL,
    at          text NOT NULL,
    actor       text NOT NULL,
    action      text NOT NULL,
    entity_type text NOT NULL,
    entity_id   text NOT NULL,
    summary     text NOT NULL,
    prev_hash   text NOT NULL,
    hash        text NOT NULL,
    PRIMARY KEY (import_id, position)
);
