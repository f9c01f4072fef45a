"""Backups of the database and the uploaded media into a timestamped folder, and their restore.

A backup folder holds `database.dump` (pg_dump's custom format) or `database.sqlite3`
(SQLite's online backup: consistent while the site runs), `media.tar.gz` (MEDIA_ROOT, when
media are stored locally) and `manifest.json` (what was saved, and the counts of stories and
comments at that moment).
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connections

DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, for the operator."""


def _vendor(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"Chỉ sao lưu được PostgreSQL và SQLite, không phải {vendor}.")
    return vendor


def _pg_command(program: str, alias: str, *args: str) -> tuple[list[str], dict[str, str]]:
    """A PostgreSQL client command for the database `alias`, and its environment."""
    db = connections[alias].settings_dict
    command = [shutil.which(program) or program]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            command += [flag, str(db[key])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return [*command, *args], env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} không chạy được: {result.stderr.strip()}")


def _counts(alias: str) -> dict[str, int]:
    with connections[alias].cursor() as cursor:
        counts = {}
        for name, table in (("stories", "articles_article"), ("comments", "comments_comment")):
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            counts[name] = cursor.fetchone()[0]
    return counts


def local_media() -> bool:
    backend = settings.STORAGES["default"]["BACKEND"]
    return backend == "django.core.files.storage.FileSystemStorage"


def backup(into: Path, *, alias: str = "default", now: datetime | None = None) -> Path:
    """Back up the database and the media into a new folder under `into`; return the folder."""
    vendor = _vendor(alias)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    folder = Path(into) / stamp
    # Readers' email and IP addresses are in there: for the operator's eyes only.
    folder.mkdir(mode=0o700, parents=True, exist_ok=False)
    target = folder / DATABASE_FILES[vendor]
    counts = _counts(alias)
    if vendor == "postgresql":
        name = connections[alias].settings_dict["NAME"]
        command, env = _pg_command(
            "pg_dump", alias, "--format=custom", "--no-owner", f"--file={target}", name
        )
        _run(command, env)
    else:
        connection = connections[alias]
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
    media = Path(settings.MEDIA_ROOT)
    if local_media() and media.is_dir():
        with tarfile.open(folder / "media.tar.gz", "w:gz") as archive:
            archive.add(media, arcname="media")
    manifest = {"made_at": stamp, "database": vendor, **counts}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return folder


def describe(alias: str = "default") -> str:
    """The database `alias` as an operator would name it: the SQLite file, or name and server."""
    db = connections[alias].settings_dict
    if connections[alias].vendor == "sqlite":
        return f"SQLite {Path(db['NAME']).resolve()}"
    return f"PostgreSQL {db['NAME']} trên {db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}"


def confirmation_word(alias: str = "default") -> str:
    """What the operator types to confirm overwriting `alias`: the file's or database's name."""
    name = connections[alias].settings_dict["NAME"]
    return Path(name).name if connections[alias].vendor == "sqlite" else str(name)


def _tables(alias: str) -> list[str]:
    with connections[alias].cursor() as cursor:
        return connections[alias].introspection.table_names(cursor)


def _sqlite_holders(path: Path) -> list[int]:
    """Other processes that have the SQLite file (or its WAL or shared memory) open.

    Read from /proc, so Linux only; elsewhere nobody is found and the table check stands alone.
    """
    files = {str(path.resolve()) + suffix for suffix in ("", "-wal", "-shm")}
    holders = []
    for fd_dir in Path("/proc").glob("[0-9]*/fd"):
        pid = int(fd_dir.parent.name)
        if pid == os.getpid():
            continue
        try:
            if any(os.readlink(fd) in files for fd in fd_dir.iterdir()):
                holders.append(pid)
        except OSError:  # gone, or not ours to read
            continue
    return sorted(holders)


def check_target(alias: str = "default") -> None:
    """Refuse a restore into a database that is not new and empty, or that a server has open."""
    where = describe(alias)
    tables = _tables(alias)
    if tables:
        raise BackupError(
            f"Cơ sở dữ liệu {where} đã có {len(tables)} bảng: khôi phục sẽ ghi đè dữ liệu đang"
            " có (có thể là trang đang chạy). Hãy trỏ DATABASE_URL tới một cơ sở dữ liệu mới,"
            " trống; hoặc thêm --force nếu thật sự muốn ghi đè."
        )
    if connections[alias].vendor == "sqlite":
        holders = _sqlite_holders(Path(connections[alias].settings_dict["NAME"]))
        if holders:
            raise BackupError(
                f"Tệp {where} đang được tiến trình khác mở (PID {', '.join(map(str, holders))}):"
                " hãy dừng máy chủ của trang trước khi khôi phục, hoặc thêm --force."
            )


def restore(
    folder: Path, *, alias: str = "default", media_root: Path | None = None, force: bool = False
) -> dict:
    """Restore a backup folder into the database `alias` and the media.

    The database must be new and empty, and on SQLite no other process may have it open,
    unless `force`: then what it holds is replaced. Returns the manifest, with the counts found
    in the database after the restore.
    """
    folder = Path(folder)
    if not (folder / "manifest.json").is_file():
        raise BackupError(f"{folder} không phải một thư mục sao lưu (không có manifest.json).")
    vendor = _vendor(alias)
    source = folder / DATABASE_FILES[vendor]
    if not source.exists():
        raise BackupError(f"{folder} không có {source.name}: đây không phải bản sao lưu {vendor}.")
    if not force:
        check_target(alias)
    if vendor == "postgresql":
        name = connections[alias].settings_dict["NAME"]
        connections[alias].close()
        replace = ["--clean", "--if-exists"] if force else []
        command, env = _pg_command(
            "pg_restore",
            alias,
            "--no-owner",
            "--exit-on-error",
            *replace,
            f"--dbname={name}",
            str(source),
        )
        _run(command, env)
    else:
        connection = connections[alias]
        connection.ensure_connection()
        with sqlite3.connect(source) as saved:
            saved.backup(connection.connection)
        saved.close()
    archive_path = folder / "media.tar.gz"
    if archive_path.exists():
        media = Path(media_root or settings.MEDIA_ROOT)
        media.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive_path) as archive:
            for member in archive.getmembers():
                if not (member.isfile() or member.isdir()) or not member.name.startswith("media"):
                    continue
                member.name = member.name.removeprefix("media").lstrip("/") or "."
                archive.extract(member, media, filter="data")
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["restored"] = _counts(alias)
    return manifest
