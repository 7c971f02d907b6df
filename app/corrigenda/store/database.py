"""Opening, checking, creating and migrating project files.

A file is checked before anything is written to it: that it is SQLite, that it is a Corrigenda
project (application_id), that its schema is not newer than ours, and that it holds no
triggers or views (a file from elsewhere must not run code when we write to it).
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from corrigenda.errors import ProjectError
from corrigenda.fileio import SQLITE_MAGIC
from corrigenda.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA, SCHEMA_VERSION


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection with the project's pragmas; autocommit, transactions are explicit."""
    conn = None
    try:
        conn = _open(path, "ro" if readonly else "rw")
        if readonly:
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as exc:
        if conn is not None:
            conn.close()
        if not readonly:
            raise ProjectError(f"cannot open project {path}: {exc}") from exc
        # On read-only media SQLite cannot make the WAL index beside the file; nobody can be
        # writing there either, so read the file as immutable.
        conn = _open(path, "ro&immutable=1")
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        if conn is not None:
            conn.close()
        raise damaged(path, exc) from exc
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL in WAL mode survives a killed process; a power cut may lose the last commit.
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("BEGIN IMMEDIATE")  # fails now, not at the first edit, if unwritable
            conn.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        conn.close()
        raise storage_error(path, exc) from exc
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        conn.close()
        raise damaged(path, exc) from exc
    return conn


def damaged(path: Path, exc: BaseException) -> ProjectError:
    """A file SQLite or our readers cannot make sense of: say so, and what to do."""
    reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
    return ProjectError(
        f"{path} is damaged ({reason}): Corrigenda cannot read it. Restore the project from a "
        "backup copy; keep this file unchanged, so that someone who knows SQLite can recover "
        "what it still holds (sqlite3's .recover command)"
    )


def _open(path: Path, mode: str) -> sqlite3.Connection:
    return sqlite3.connect(
        f"{path.resolve().as_uri()}?mode={mode}",
        uri=True,
        isolation_level=None,
        check_same_thread=False,
        timeout=10,
    )


def storage_error(path: Path, exc: sqlite3.Error) -> ProjectError:
    """A message for a write the environment refused; the transaction was rolled back."""
    reason = str(exc)
    if "full" in reason:
        reason = "the disk is full: free some space"
    elif "readonly" in reason or "read-only" in reason:
        reason = "the file or its folder is read-only: check permissions, or use Save a copy as"
    elif "locked" in reason or "busy" in reason:
        reason = "another program holds the file: close it and try again"
    return ProjectError(f"cannot save to {path}: {reason}. Nothing was changed.")


def check_file(path: Path) -> int:
    """Refuse what is not a project we can open; return its schema version."""
    if not path.exists():
        raise ProjectError(f"no such project: {path} (create one with 'corrigenda new')")
    if path.is_dir():
        raise ProjectError(f"{path} is a folder, not a project file")
    try:
        with path.open("rb") as handle:
            magic = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise ProjectError(f"cannot read project {path}: {exc.strerror}") from exc
    if magic != SQLITE_MAGIC:
        raise ProjectError(f"{path} is not a Corrigenda project (not an SQLite file)")
    conn = connect(path, readonly=True)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise ProjectError(f"{path} is an SQLite file but not a Corrigenda project")
        if version > SCHEMA_VERSION:
            raise ProjectError(
                f"{path} was made by a newer Corrigenda (schema {version}; this one reads up to "
                f"{SCHEMA_VERSION}): update Corrigenda to open it. The file was not changed."
            )
        if version == SCHEMA_VERSION:
            _check_columns(path, conn)
        hostile = conn.execute(
            "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view')"
        ).fetchall()
        if hostile:
            kinds = ", ".join(f"{row['type']} {row['name']}" for row in hostile)
            raise ProjectError(
                f"{path} holds {kinds}, which Corrigenda never makes: refused, file not changed"
            )
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise ProjectError(f"{path} is damaged or not a Corrigenda project: {exc}") from exc
    finally:
        conn.close()
    return int(version)


def _expected_columns() -> dict[str, set[str]]:
    model = sqlite3.connect(":memory:")
    try:
        model.executescript(SCHEMA)
        tables = [r[0] for r in model.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: {r[1] for r in model.execute(f"PRAGMA table_info({t})")} for t in tables}
    finally:
        model.close()


def _check_columns(path: Path, conn: sqlite3.Connection) -> None:
    """Every table and column our readers use is there (a damaged or hand-edited schema would
    otherwise fail deep inside a command)."""
    for table, columns in _expected_columns().items():
        found = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        missing = sorted(columns - found)
        if missing:
            what = f"table {table}" if not found else f"column {missing[0]} of table {table}"
            raise ProjectError(
                f"{path} is damaged: its {what} is missing; restore it from a backup"
            )


def migrate(path: Path, version: int) -> None:
    """Bring an older file to SCHEMA_VERSION, working on a copy that replaces the file only
    when every step succeeded."""
    if version == SCHEMA_VERSION:
        return
    with _sibling_temp(path) as temp:
        # The backup API reads through the WAL: a plain file copy would miss commits that a
        # crashed session left there. Read-only, so a failed migration changes no byte.
        source = connect(path, readonly=True)
        conn = connect_new(temp)
        try:
            source.backup(conn)
            for step in range(version, SCHEMA_VERSION):
                conn.execute("BEGIN IMMEDIATE")
                for statement in MIGRATIONS[step]:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {step + 1}")
                conn.execute("COMMIT")
            conn.execute("PRAGMA journal_mode = DELETE")
        except sqlite3.Error as exc:
            raise ProjectError(
                f"cannot bring {path} from schema {version} to {SCHEMA_VERSION} ({exc}): "
                "the file was not changed; please report this with the file"
            ) from exc
        finally:
            source.close()
            conn.close()
        os.replace(temp, path)


def initialise(conn: sqlite3.Connection) -> None:
    """Create the schema in an empty database."""
    # One transaction: statement by statement, each CREATE would be its own synced commit
    # (a quarter of a second for a new project, on every `corrigenda new`).
    conn.executescript(f"BEGIN;\n{SCHEMA}\nCOMMIT;")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


@contextmanager
def _sibling_temp(path: Path) -> Iterator[Path]:
    """A temporary file in the same folder as `path`, so that os.replace is atomic."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
    finally:
        for leftover in (temp, Path(f"{temp}-wal"), Path(f"{temp}-shm")):
            leftover.unlink(missing_ok=True)


@contextmanager
def building(path: Path) -> Iterator[sqlite3.Connection]:
    """Build a new project beside `path` and move it into place only when complete."""
    if path.exists():
        raise ProjectError(f"{path} already exists: choose another name or remove it first")
    if not path.parent.is_dir():
        raise ProjectError(f"cannot create {path}: folder {path.parent} does not exist")
    try:
        with _sibling_temp(path) as temp:
            temp.unlink()
            conn = connect_new(temp)
            try:
                # Nothing in the file must survive a crash before it is complete, since only
                # then does it appear under its name: SQLite syncs nothing while it is built
                # (a few syncs per page were most of a `new`'s time), rollback still works,
                # and the whole file is synced once before it is moved into place.
                conn.execute("PRAGMA synchronous = OFF")
                conn.execute("PRAGMA journal_mode = MEMORY")
                initialise(conn)
                yield conn
                conn.execute("PRAGMA journal_mode = DELETE")
            finally:
                conn.close()
            _sync(temp)
            os.replace(temp, path)
    except (OSError, sqlite3.OperationalError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else str(exc)
        raise ProjectError(f"cannot write {path}: {reason}") from exc


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def connect_new(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    return conn
