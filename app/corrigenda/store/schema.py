"""The project file's schema and its forward migrations.

`PRAGMA user_version` holds the schema version and `PRAGMA application_id` marks the file as a
Corrigenda project. A migration is a list of SQL statements that takes version n-1 to n.
"""

from __future__ import annotations

APPLICATION_ID = 0x436F7272  # "Corr"
SCHEMA_VERSION = 2

SCHEMA = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL                      -- JSON
);
CREATE TABLE images (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL,
    format TEXT NOT NULL,                    -- PNG, JPEG, TIFF
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    dpi INTEGER,
    data BLOB NOT NULL                       -- the original file's bytes: last, so that reading
                                             -- the columns above never walks the blob's pages
);
CREATE TABLE pages (
    id INTEGER PRIMARY KEY,
    position INTEGER NOT NULL,
    image_id INTEGER NOT NULL REFERENCES images(id),
    name TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'new',
    removed INTEGER NOT NULL DEFAULT 0,      -- removed pages stay for the audit trail
    ocr_run_id INTEGER REFERENCES ocr_runs(id),
    next_word_id INTEGER NOT NULL DEFAULT 1,
    next_region_id INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE ocr_runs (
    id INTEGER PRIMARY KEY,
    page_id INTEGER NOT NULL REFERENCES pages(id),
    engine TEXT NOT NULL,
    engine_version TEXT NOT NULL,
    languages TEXT NOT NULL,
    params TEXT NOT NULL,                    -- JSON
    created TEXT NOT NULL,
    raw TEXT NOT NULL,                       -- the engine's own output (Tesseract TSV)
    baseline TEXT NOT NULL,                  -- JSON list of lines: the OCR as it came
    baseline_sha256 TEXT NOT NULL,
    mean_conf REAL
);
CREATE TABLE lines (
    page_id INTEGER NOT NULL REFERENCES pages(id),
    id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    data TEXT NOT NULL,                      -- JSON of model.Line: the current transcript
    PRIMARY KEY (page_id, id)
);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    actor TEXT NOT NULL,
    page_id INTEGER,
    kind TEXT NOT NULL,
    location TEXT NOT NULL,                  -- JSON
    before TEXT,
    after TEXT,
    source TEXT NOT NULL,                    -- JSON
    comment TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
);
CREATE TABLE regions (
    page_id INTEGER NOT NULL REFERENCES pages(id),
    id INTEGER NOT NULL,                     -- unique within the page, never reused
    data TEXT NOT NULL,                      -- JSON of model.Region: type, box, description
    PRIMARY KEY (page_id, id)
);
CREATE INDEX events_page ON events(page_id, id);
CREATE INDEX events_kind ON events(kind, id);
CREATE INDEX pages_position ON pages(position);
"""

# MIGRATIONS[n] takes a file from version n to n + 1. Each released schema version keeps a
# fixture in tests/fixtures so that every later version is tested against it.
MIGRATIONS: dict[int, list[str]] = {
    # 1 -> 2: typed regions of a page (handwriting, furniture, marks); lines name theirs in
    # their JSON, so existing lines need no change.
    1: [
        "CREATE TABLE regions (page_id INTEGER NOT NULL REFERENCES pages(id), "
        "id INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (page_id, id))",
        "ALTER TABLE pages ADD COLUMN next_region_id INTEGER NOT NULL DEFAULT 1",
    ],
}
