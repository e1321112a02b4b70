"""Zip archives: list files served zipped (OFAC's *.ZIP) and xlsx workbooks.

Both come from the internet, so a zip is checked before anything is read from it: its
declared sizes and compression ratios, and then the bytes actually unpacked, because a
hostile archive can understate its sizes in the central directory.
"""

from __future__ import annotations

import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from screener.model import SourceFormatError

# Largest uncompressed size accepted (SDN_ADVANCED.XML is about 130 MB unpacked in 2026).
MAX_UNPACKED = 1024 * 1024 * 1024
MAX_RATIO = 200  # a member expanding more than this (and beyond 10 MB) is treated as a zip bomb
_RATIO_FLOOR = 10 * 1024 * 1024
_CHUNK = 1 << 20
# What zipfile raises on a damaged, encrypted or oddly compressed member.
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError)


def is_zip(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04")


def check_sizes(zf: zipfile.ZipFile, label: str, limit: int = MAX_UNPACKED) -> None:
    """Refuse an archive whose members declare a bomb-like size or compression ratio."""
    total = 0
    for info in zf.infolist():
        total += info.file_size
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO \
                and info.file_size > _RATIO_FLOOR:
            raise SourceFormatError(f"{label}: member {info.filename} expands "
                                    f"{info.file_size // info.compress_size}x; refused as a zip bomb")
    if total > limit:
        raise SourceFormatError(f"{label}: unpacks to {total} bytes (limit {limit}); "
                                "refused as a zip bomb")


def open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise SourceFormatError(f"{path.name}: a damaged or truncated zip archive ({exc})") from exc


def is_workbook(path: Path) -> bool:
    """True for an xlsx (a zip whose parsers read it as a zip, not a wrapped list file)."""
    try:
        with zipfile.ZipFile(path) as zf:
            return "xl/workbook.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def single_member(zf: zipfile.ZipFile, label: str) -> zipfile.ZipInfo:
    """The one file a publisher's zip holds; anything else is refused, not guessed at."""
    members = [i for i in zf.infolist() if not i.is_dir()]
    if len(members) != 1:
        names = ", ".join(i.filename for i in members[:5]) or "nothing"
        raise SourceFormatError(f"{label}: a zip archive holding {len(members)} files ({names}); "
                                "a list file zipped by its publisher holds exactly one")
    return members[0]


def member_head(path: Path, size: int) -> bytes:
    """The first `size` bytes of the single member of a zipped list file."""
    with open_zip(path) as zf:
        check_sizes(zf, path.name)
        info = single_member(zf, path.name)
        try:
            with zf.open(info) as fh:
                return fh.read(size)
        except _ZIP_ERRORS as exc:
            raise SourceFormatError(f"{path.name}: an unreadable zip archive ({exc})") from exc


@contextmanager
def unpacked(path: Path, limit: int = MAX_UNPACKED) -> Iterator[Path]:
    """The list file inside a zipped download, unpacked to a private temporary directory
    for as long as the caller reads it; counts the bytes really written against `limit`."""
    with open_zip(path) as zf:
        check_sizes(zf, path.name, limit)
        info = single_member(zf, path.name)
        with tempfile.TemporaryDirectory(prefix="screener-unzip-") as tmp:
            # Only the base name is used: a member called ../../x cannot escape the directory.
            target = Path(tmp) / (Path(info.filename).name or "member")
            written = 0
            try:
                with zf.open(info) as src, open(target, "wb") as dst:
                    while chunk := src.read(_CHUNK):
                        written += len(chunk)
                        if written > limit:
                            raise SourceFormatError(f"{path.name}: {info.filename} unpacks beyond "
                                                    f"{limit} bytes; refused as a zip bomb")
                        dst.write(chunk)
            except _ZIP_ERRORS as exc:
                raise SourceFormatError(f"{path.name}: an unreadable zip archive ({exc})") from exc
            yield target
