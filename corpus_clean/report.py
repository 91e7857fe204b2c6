"""The run's manifest (manifest.json) and its human report (markdown with charts + tables).

The manifest is the accounting record of a run: per input file it cleaned, read = clean
+ quarantined + duplicates + filtered + skipped (counted in the written tables), records
lost in a damaged part of a file listed as unreadable, and, where the format declares
its record count, read + unreadable = declared. The list of files is checked against
the run's own walk of the input tree, not against what the readers reported. A run
whose numbers do not add up fails and commits nothing.
"""
from __future__ import annotations

from collections import Counter
from datetime import datetime

from corpus_clean import __version__
from corpus_clean.charts import bar_chart, trend_chart
from corpus_clean.preflight import RunError
from corpus_clean.readers import InputFile
from corpus_clean.shards import ShardSummary
from corpus_clean.steps import StepStats

TOTAL_KEYS = ("read", "clean", "quarantined", "duplicates", "filtered", "skipped", "unreadable",
              "files_processed", "files_unchanged")
# Per input file: read = clean + quarantined + duplicates + filtered + skipped; unreadable
# counts records lost in a damaged part of the file (not in `read`).
FILE_COUNT_KEYS = ("read", "clean", "quarantined", "duplicates", "filtered", "skipped", "unreadable")
# Trend charts show this many of the latest runs.
TREND_RUNS = 14


class AccountingError(RunError):
    """Records went missing: read ≠ clean + quarantined + duplicates + filtered + skipped,
    a file declares more records than were read or found unreadable, or an input entry
    has no accounting."""


def file_entry(counts) -> dict:
    """One input file's line in the manifest."""
    return {
        **{key: getattr(counts, key) for key in FILE_COUNT_KEYS},
        "skipped_reasons": counts.skipped_reasons, "records": counts.records,
        "unreadable_reasons": counts.unreadable_reasons, "declared": counts.declared,
    }


def accounting_mismatches(listed: list[str], counted: dict) -> dict[str, list[str]]:
    """Per source, what does not add up: the file's own counts (`FileCounts.mismatches`),
    an entry of the input listing that no shard accounted for, or a source no listing has.

    >>> accounting_mismatches(["a.txt", "b.txt"], {})
    {'a.txt': ['listed in the input tree but never read'], 'b.txt': ['listed in the input tree but never read']}
    """
    found: dict[str, list[str]] = {}
    for source, counts in counted.items():
        if counts.mismatches():
            found[source] = counts.mismatches()
    for source in set(listed) - set(counted):
        found[source] = ["listed in the input tree but never read"]
    for source in set(counted) - set(listed):
        found[source] = ["read but not in the input listing"]
    return dict(sorted(found.items()))


def _sum_counters(summaries: list, attribute: str) -> dict[str, int]:
    total: Counter = Counter()
    for summary in summaries:
        total.update(getattr(summary, attribute, {}) or {})
    return dict(sorted(total.items(), key=lambda item: (-item[1], item[0])))


def _merge_validation(summaries: list) -> list[dict]:
    merged: dict[str, dict] = {}
    for summary in summaries:
        for result in summary.validation:
            entry = merged.setdefault(result["name"], {**result, "unexpected_count": 0, "success": True})
            entry["unexpected_count"] += result.get("unexpected_count") or 0
            entry["success"] = entry["success"] and result["success"]
    return list(merged.values())


def _merge_step_stats(summaries: list[ShardSummary]) -> list[dict]:
    """Per-step stats summed over shards, as a list in pipeline order (the order the steps
    ran; a list because the manifest's JSON keys are sorted)."""
    merged: dict[str, StepStats] = {}
    for summary in summaries:
        for name, stats in summary.steps.items():
            merged.setdefault(name, StepStats()).merge(stats)
    return [{"step": name, **stats.as_dict()} for name, stats in merged.items()]


def build_manifest(run_id: str, files: list[InputFile], summaries: list[ShardSummary], context: dict,
                   unchanged: list[InputFile] = (), missing: list[str] = ()) -> dict:
    """The run's manifest (not written: the version commit writes it). `files` are the
    files this run cleaned (the run's own walk of the input tree); `unchanged` and
    `missing` are the ones it left as they were."""
    counted = {source: counts for summary in summaries for source, counts in summary.files.items()}
    per_file = {source: file_entry(counts) for source, counts in counted.items()}
    mismatches = accounting_mismatches([f.source for f in files], counted)
    unbalanced = list(mismatches)
    totals = {key: sum(c[key] for c in per_file.values()) for key in FILE_COUNT_KEYS}
    totals["files_processed"] = len(files)
    totals["files_unchanged"] = len(unchanged)
    docs = [s.data_docs_index for s in summaries if s.data_docs_index]
    return {
        "run_id": run_id,
        "pipeline_version": __version__,
        **context,
        "output": {"data_docs": docs},
        "totals": {key: totals[key] for key in TOTAL_KEYS},
        "inputs": {"processed": [f.source for f in files], "unchanged": [f.source for f in unchanged],
                   "missing": list(missing), "archive_members": archive_members(files)},
        "chars": {"in": sum(getattr(s, "chars_in", 0) for s in summaries),
                  "out": sum(getattr(s, "chars_out", 0) for s in summaries)},
        "accounting_ok": not unbalanced,
        "unbalanced_files": unbalanced,
        "accounting_errors": mismatches,
        "files": dict(sorted(per_file.items())),
        "languages": _sum_counters(summaries, "languages"),
        "quarantine_by_check": _sum_counters(summaries, "quarantine_by_check"),
        "fixes": _sum_counters(summaries, "fixes"),
        "removed_by_rule": _sum_counters(summaries, "removed_by_rule"),
        "chars_removed_by_rule": _sum_counters(summaries, "chars_removed_by_rule"),
        "steps": _merge_step_stats(summaries),
        "validation": _merge_validation(summaries),
        "quarantine_examples": [e for s in summaries for e in s.quarantine_examples][:50],
    }


def archive_members(files: list[InputFile]) -> dict[str, dict[str, int]]:
    """Per archive in the input (``corpus_clean.archives``): its members this run processed,
    and how many of them were refused by name (each also has its own entry under "files").

    >>> from corpus_clean.readers import InputFile
    >>> archive_members([InputFile("zip://a.txt::/d/c.zip", "c.zip/a.txt", 3, archive="c.zip"),
    ...                  InputFile("zip://b.zip::/d/c.zip", "c.zip/b.zip", 0, "nested", archive="c.zip")])
    {'c.zip': {'members': 2, 'refused': 1}}
    """
    found: dict[str, dict[str, int]] = {}
    for file in files:
        if file.archive is not None:
            counts = found.setdefault(file.archive, {"members": 0, "refused": 0})
            counts["members"] += 1
            counts["refused"] += file.skip_reason is not None
    return dict(sorted(found.items()))


def check_accounting(manifest: dict, where: str = "the manifest") -> None:
    """Raise AccountingError naming the first file that does not add up, and why."""
    if not manifest["accounting_ok"]:
        unbalanced = manifest["unbalanced_files"]
        first = unbalanced[0]
        raise AccountingError(f"records unaccounted for in {len(unbalanced)} file(s), first {first}: "
                              f"{'; '.join(manifest['accounting_errors'][first])} (see {where})")


def add_timing(manifest: dict, started_at: datetime, ended_at: datetime) -> dict:
    """started_at, ended_at (ISO 8601, UTC) and duration_s."""
    manifest["started_at"] = started_at.isoformat()
    manifest["ended_at"] = ended_at.isoformat()
    manifest["duration_s"] = round((ended_at - started_at).total_seconds(), 3)
    return manifest


def no_new_records(manifest: dict) -> bool:
    """A run that added nothing: no input file changed, or the changed ones held no record."""
    return manifest["totals"]["read"] == 0


def damaged_files(manifest: dict) -> list[str]:
    """Why each file that could not be read to its end stopped, one reason per file
    (a truncated ``.gz``, a broken Parquet row group): records after the damage are lost,
    and their number is often unknown, so the totals alone would not show it.

    >>> damaged_files({"files": {"a.jsonl.gz": {"unreadable_reasons": ["a.jsonl.gz: unreadable after line 21"]},
    ...                          "b.txt": {"unreadable_reasons": []}}})
    ['a.jsonl.gz: unreadable after line 21']
    """
    return [entry["unreadable_reasons"][0] for _, entry in sorted(manifest.get("files", {}).items())
            if entry.get("unreadable_reasons")]


def run_log_entry(manifest: dict) -> dict:
    """One line of runs.jsonl: what the trend charts plot."""
    totals = manifest["totals"]
    duration = manifest.get("duration_s") or 0.0
    return {
        "version": manifest.get("version"), "run_id": manifest["run_id"], "started_at": manifest.get("started_at"),
        "duration_s": duration, **totals,
        "chars_in": manifest["chars"]["in"], "chars_out": manifest["chars"]["out"],
        "quarantine_rate": round(totals["quarantined"] / totals["read"], 4) if totals["read"] else 0.0,
        "docs_per_s": round(totals["read"] / duration, 2) if duration else 0.0,
    }


def report_markdown(manifest: dict, runs: list[dict] = ()) -> str:
    """The run report shown in the Prefect UI: headline numbers, charts, then details."""
    totals = manifest["totals"]
    lines = [f"# corpus-clean run {manifest['run_id']}", ""]
    if no_new_records(manifest):
        lines += ["> **⚠ No new records.** " + _no_new_records_reason(manifest), ""]
    lines += [
        f"Input `{manifest.get('input_path')}` → output `{manifest.get('output_dir')}`, "
        f"dataset version **{manifest.get('version')}**, {manifest.get('duration_s', 0):.1f} s",
        "",
        "| read | clean | quarantined | duplicates | filtered | skipped | unreadable | files processed "
        "| files unchanged | accounting |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        f"| {totals['read']} | {totals['clean']} | {totals['quarantined']} | {totals['duplicates']} | "
        f"{totals['filtered']} | {totals['skipped']} | {totals['unreadable']} | {totals['files_processed']} | "
        f"{totals['files_unchanged']} | {'ok' if manifest['accounting_ok'] else 'FAILED'} |",
        "",
    ]
    dataset = manifest.get("dataset") or {}
    if dataset:
        lines += ["Rows in this version: " + ", ".join(f"{kind} {info['rows']:,} ({info['files']} files)"
                                                       for kind, info in dataset.items()), ""]
    lines += ["## Charts", "",
              bar_chart("Boilerplate removed, by rule (spans)", manifest["removed_by_rule"]), "",
              bar_chart("Repairs, by kind", manifest["fixes"]), "",
              bar_chart("Quarantine reasons (rows per check)", manifest.get("quarantine_by_check", {})), "",
              bar_chart("Language mix (clean rows)", manifest.get("languages", {})), ""]
    lines += _trend_lines(runs)
    lines += [
        "## Steps",
        "",
        "| step | documents in | documents out | chars in | chars out | chars removed | seconds |",
        "|---|---:|---:|---:|---:|---:|---:|",
        *[f"| `{st['step']}` | {st['documents_in']} | {st['documents_out']} | {st['chars_in']} | {st['chars_out']} | "
          f"{st['chars_removed']} | {st['seconds']:.2f} |" for st in manifest.get("steps", [])],
        "",
        "## Boilerplate removed, by rule",
        "",
        "| rule | spans | chars |",
        "|---|---:|---:|",
        *[f"| `{rule}` | {count} | {manifest['chars_removed_by_rule'].get(rule, 0)} |"
          for rule, count in manifest["removed_by_rule"].items()],
        "",
        "## Repairs",
        "",
        "| fix | count |",
        "|---|---:|",
        *[f"| `{kind}` | {count} |" for kind, count in manifest["fixes"].items()],
        "",
        "## Validation (Great Expectations)",
        "",
        "Every expectation's result is also in this run's `-validation` table artifact.",
        "",
        "| expectation | success | failing rows |",
        "|---|---|---:|",
        *[f"| {v['name']} | {'yes' if v['success'] else 'no'} | {v['unexpected_count']} |"
          for v in manifest["validation"]],
        "",
    ]
    if manifest["output"].get("data_docs"):
        # Paths, not file:// links: a browser on another machine (or this one) will not open those.
        lines += ["Great Expectations Data Docs on the worker's disk (open in a browser there):", ""]
        lines += [f"- `{path}`" for path in manifest["output"]["data_docs"]]
        lines += [""]
    if manifest["quarantine_examples"]:
        lines += ["## Quarantined (first examples)", "", "| source | record | reasons |", "|---|---:|---|"]
        lines += [f"| {e['source']} | {e['record_index']} | {e['reasons'].replace('|', '/')} |"
                  for e in manifest["quarantine_examples"][:20]]
    return "\n".join(lines)


def _no_new_records_reason(manifest: dict) -> str:
    if manifest.get("input_missing"):
        return f"The input `{manifest.get('input_path')}` does not exist; earlier results are kept as they were."
    unchanged = manifest["totals"]["files_unchanged"]
    if unchanged:
        return f"All {unchanged} input files are unchanged since the last run; nothing was cleaned again."
    return "The input holds no records; earlier results are kept as they were."


def _trend_lines(runs: list[dict]) -> list[str]:
    runs = list(runs)[-TREND_RUNS:]
    if not runs:
        return []
    labels = [f"v{r.get('version')}" for r in runs]
    series = [("Documents read", "read"), ("Characters in", "chars_in"), ("Characters out", "chars_out"),
              ("Quarantine rate", "quarantine_rate"), ("Throughput (docs/s)", "docs_per_s"),
              ("Duration (s)", "duration_s")]
    lines = [f"## Trends over the last {len(runs)} runs", ""]
    lines += [trend_chart("Trends", [(title, [float(r.get(key) or 0) for r in runs]) for title, key in series],
                          labels), ""]
    return lines


def report_table(manifest: dict) -> list[dict]:
    return [
        {"file": source, "read": c["read"], "clean": c["clean"], "quarantined": c["quarantined"],
         "duplicates": c.get("duplicates", 0), "filtered": c.get("filtered", 0), "skipped": c["skipped"],
         "skipped_reasons": "; ".join(c["skipped_reasons"])[:200],
         "unreadable": c.get("unreadable", 0), "unreadable_reasons": "; ".join(c.get("unreadable_reasons", []))[:200]}
        for source, c in manifest["files"].items()
    ]


def validation_table(manifest: dict) -> list[dict]:
    """One row per expectation: the validation results, readable in the UI itself."""
    return [
        {"expectation": v["name"], "success": "yes" if v["success"] else "no",
         "failing rows": v["unexpected_count"],
         **{key: str(v[key])[:200] for key in ("expectation_type", "column", "purpose") if v.get(key) is not None}}
        for v in manifest["validation"]
    ]
