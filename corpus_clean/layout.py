"""The output folder's layout: the ONE place that knows where things go under DIR.

```
DIR/
  clean -> current/clean            readers glob DIR/clean/*.parquet (and the other kinds)
  quarantine -> current/quarantine
  duplicates -> current/duplicates
  filtered -> current/filtered
  manifest.json -> current/manifest.json
  README.md -> current/README.md    the current version's dataset card
  current -> versions/v000007       the version pointer, swapped atomically (os.replace)
  versions/v000007/                 one complete version: a folder per kind, its manifest,
                                    card and input index (what each input file's key was),
                                    and dedup_index/ (the near-duplicate index of its rows)
  versions/.staging-<token>/        a version being built (never read by anyone else)
  runs.jsonl                        one line per run, also runs that committed nothing new
  data_docs/                        Great Expectations Data Docs of the last run
  .lock                             held (flock) by the run writing DIR
```

The kind links never change once made; only `current` moves. So a reader that resolved
`DIR/clean` sees one version's files whatever happens after, and all kinds flip at once.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# Every table a version holds, one folder each. Adding a kind is one line here.
TABLE_KINDS: tuple[str, ...] = ("clean", "quarantine", "duplicates", "filtered")

# Folders a version carries whole from the one before (hard links), never globbed by
# readers: the near-duplicate index, so each version's index matches its rows.
DEDUP_INDEX = "dedup_index"
CARRIED_FOLDERS: tuple[str, ...] = (DEDUP_INDEX,)

# Only in a version being built: each shard's MinHash signatures of its clean rows,
# written with the part and read by the dedup stage, then removed before the commit.
STAGED_SIGNATURES = ".dedup-signatures"
VERSION_PREFIX = "v"
STAGING_PREFIX = ".staging-"
MANIFEST = "manifest.json"
CARD = "README.md"
INPUT_INDEX = "inputs.json"


@dataclass(frozen=True)
class OutputLayout:
    """Paths under one output directory. Pure path arithmetic: creates nothing."""

    root: Path

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", Path(self.root).absolute())

    def table_dir(self, kind: str) -> Path:
        """The stable path readers use for a kind (a link into the current version)."""
        if kind not in TABLE_KINDS:
            raise ValueError(f"unknown table kind {kind!r}; known: {', '.join(TABLE_KINDS)}")
        return self.root / kind

    @property
    def manifest(self) -> Path:
        return self.root / MANIFEST

    @property
    def card(self) -> Path:
        return self.root / CARD

    @property
    def current(self) -> Path:
        """The version pointer: a relative symlink to versions/vNNNNNN."""
        return self.root / "current"

    @property
    def versions_dir(self) -> Path:
        return self.root / "versions"

    def version_dir(self, number: int) -> Path:
        """
        >>> OutputLayout(Path("/out")).version_dir(7).name
        'v000007'
        """
        return self.versions_dir / f"{VERSION_PREFIX}{number:06d}"

    def staging_dir(self, token: str) -> Path:
        return self.versions_dir / f"{STAGING_PREFIX}{token}"

    @property
    def runs_log(self) -> Path:
        return self.root / "runs.jsonl"

    @property
    def data_docs(self) -> Path:
        return self.root / "data_docs"

    @property
    def lock_file(self) -> Path:
        return self.root / ".lock"

    @property
    def rejected_manifest(self) -> Path:
        """Where a run that failed its accounting leaves its manifest (nothing is committed)."""
        return self.root / "manifest.rejected.json"


def is_output_root(folder: Path | str) -> bool:
    """Whether `folder` is a corpus-clean output (a `current` link and a versions folder).

    >>> is_output_root("/")
    False
    """
    # os.path, not OutputLayout: the input walk asks this of every folder it enters.
    # (Its functions answer False for a path past PATH_MAX or a folder we may not search.)
    return os.path.islink(os.path.join(folder, "current")) and os.path.isdir(os.path.join(folder, "versions"))


def output_holding(path: Path | str) -> Path | None:
    """The corpus-clean output that is `path` or holds it, if any (`path` resolved:
    ``out/clean`` is ``out/versions/v000001/clean``).

    >>> output_holding("/") is None
    True
    """
    resolved = Path(os.path.realpath(path))
    return next((folder for folder in (resolved, *resolved.parents) if is_output_root(folder)), None)


def version_number(name: str) -> int | None:
    """The number in a version folder's name, None for anything else.

    >>> version_number("v000012"), version_number(".staging-ab12"), version_number("vx")
    (12, None, None)
    """
    digits = name[len(VERSION_PREFIX):]
    if name.startswith(VERSION_PREFIX) and digits.isdigit():
        return int(digits)
    return None
