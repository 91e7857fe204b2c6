"""The dataset card: a README.md per version that renders as a Hugging Face dataset card.

YAML front matter (the fields the Hub reads: languages, size category, the data files of
each config), then the schema, counts, languages, pipeline version and parameters, what
was removed and how often, and how to load one language of this version.
"""
from __future__ import annotations

import json

import yaml

from corpus_clean.records import SCHEMA_FILE


def size_category(rows: int) -> str:
    """The Hub's size_categories bucket.

    >>> size_category(5), size_category(12_000), size_category(3_000_000)
    ('n<1K', '10K<n<100K', '1M<n<10M')
    """
    bounds = [(1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"),
              (10_000_000, "1M<n<10M"), (100_000_000, "10M<n<100M")]
    return next((label for bound, label in bounds if rows < bound), "n>100M")


def dataset_card(manifest: dict) -> str:
    dataset = manifest.get("dataset") or {}
    clean_rows = dataset.get("clean", {}).get("rows", 0)
    languages = sorted(code for code in manifest.get("dataset_languages") or manifest.get("languages", {}) if code)
    front = {
        "pretty_name": "corpus-clean output",
        "language": languages,
        "size_categories": [size_category(clean_rows)],
        "task_categories": ["text-generation"],
        "tags": ["corpus-clean", "web-text", "cleaned"],
        "configs": [
            {"config_name": "default", "default": True, "data_files": [{"split": "train", "path": "clean/*.parquet"}]},
            *[{"config_name": kind, "data_files": [{"split": "train", "path": f"{kind}/*.parquet"}]}
              for kind, info in dataset.items() if kind != "clean" and info.get("rows")],
        ],
    }
    schema = json.loads(SCHEMA_FILE.read_text())
    version = manifest.get("version")
    lines = ["---", yaml.safe_dump(front, sort_keys=False, allow_unicode=True).strip(), "---", "",
             f"# corpus-clean dataset, version {version}", "",
             f"Cleaned by corpus-clean {manifest['pipeline_version']} (run `{manifest['run_id']}`, "
             f"{manifest.get('ended_at', '')}) from `{manifest.get('input_path')}`.", "",
             "## Counts", "", "| table | rows | files |", "|---|---:|---:|"]
    lines += [f"| {kind} | {info['rows']:,} | {info['files']} |" for kind, info in dataset.items()]
    lines += ["", "This run: " + ", ".join(f"{key.replace('_', ' ')} {value:,}"
                                            for key, value in manifest["totals"].items()) + ".", ""]
    if manifest.get("dataset_languages"):
        lines += ["## Languages (clean rows, whole version)", "", "| lang | rows |", "|---|---:|"]
        lines += [f"| {code or 'unknown'} | {count:,} |" for code, count in manifest["dataset_languages"].items()]
        lines += [""]
    lines += ["## Pipeline", "", f"- version: `{manifest['pipeline_version']}`",
              f"- parameters: `{json.dumps(manifest.get('parameters'), sort_keys=True)}`", ""]
    if manifest.get("removed_by_rule"):
        lines += ["## What was removed (this run)", "", "| rule | spans | chars |", "|---|---:|---:|"]
        lines += [f"| `{rule}` | {count:,} | {manifest['chars_removed_by_rule'].get(rule, 0):,} |"
                  for rule, count in list(manifest["removed_by_rule"].items())[:30]]
        lines += [""]
    if manifest.get("quarantine_by_check"):
        lines += ["## Quarantine reasons (this run)", "", "| check | rows |", "|---|---:|"]
        lines += [f"| `{check}` | {count:,} |" for check, count in manifest["quarantine_by_check"].items()]
        lines += [""]
    lines += ["## Schema (clean/*.parquet)", "", "| column | type | meaning |", "|---|---|---|"]
    lines += [f"| {f['name']} | `{f['type']}` | {f['doc'].replace('|', '/')} |" for f in schema["fields"]]
    lines += ["", "Rows are sorted by `lang`, `source`, `published` inside each file, with min/max statistics per",
              "row group, so filters on those columns skip most of the data.", "",
              "## How to load one language", "", "```python",
              "import pandas as pd",
              "pd.read_parquet('clean', filters=[('lang', '==', 'en')])",
              "import polars as pl",
              "pl.scan_parquet('clean/*.parquet').filter(pl.col('lang') == 'en').collect()",
              "import duckdb",
              "duckdb.sql(\"select * from 'clean/*.parquet' where lang = 'en'\")",
              "from datasets import load_dataset",
              "load_dataset('parquet', data_files='clean/*.parquet', split='train').filter(lambda r: r['lang'] == 'en')",
              "```", "",
              "Paths are relative to this version's folder (or to the output folder for the current version).", ""]
    return "\n".join(lines)
