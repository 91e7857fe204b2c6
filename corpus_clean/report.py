"""The run's manifest (manifest.json) and its human report (markdown + tables).

The manifest is the accounting record of a run: per input file, read = clean +
quarantined + skipped (clean and quarantined counted in the written tables), records
lost in a damaged part of a file listed as unreadable, and, where the format declares
its record count, read + unreadable = declared. The list of files is checked against
the run's own walk of the input tree, not against what the readers reported. A run
whose numbers do not add up fails after writing the manifest.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from corpus_clean import __version__
from corpus_clean.output import write_json
from corpus_clean.preflight import RunError
from corpus_clean.readers import InputFile


class AccountingError(RunError):
    """Records went missing: read ≠ clean + quarantined + skipped, a file declares more
    records than were read or found unreadable, or an input entry has no accounting."""

TOTAL_KEYS = ("read", "clean", "quarantined", "skipped", "unreadable")


def file_entry(counts) -> dict:
    """One input file's line in the manifest."""
    return {
        "read": counts.read, "clean": counts.clean, "quarantined": counts.quarantined,
        "skipped": counts.skipped, "skipped_reasons": counts.skipped_reasons,
        "records": counts.records, "unreadable": counts.unreadable,
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
        total.update(getattr(summary, attribute))
    return dict(sorted(total.items(), key=lambda item: (-item[1], item[0])))


def _merge_validation(summaries: list) -> list[dict]:
    merged: dict[str, dict] = {}
    for summary in summaries:
        for result in summary.validation:
            entry = merged.setdefault(result["name"], {**result, "unexpected_count": 0, "success": True})
            entry["unexpected_count"] += result.get("unexpected_count") or 0
            entry["success"] = entry["success"] and result["success"]
    return list(merged.values())


def build_manifest(run_id: str, files: list[InputFile], summaries: list, context: dict,
                   output_dir: Path) -> dict:
    counted = {source: counts for summary in summaries for source, counts in summary.files.items()}
    per_file = {source: file_entry(counts) for source, counts in counted.items()}
    mismatches = accounting_mismatches([f.source for f in files], counted)
    unbalanced = list(mismatches)
    totals = {key: sum(c[key] for c in per_file.values()) for key in TOTAL_KEYS}
    docs = [s.data_docs_index for s in summaries if s.data_docs_index]
    manifest = {
        "run_id": run_id,
        "pipeline_version": __version__,
        **context,
        "output": {
            "clean": sorted(str(output_dir / "clean" / f"{s.name}.parquet") for s in summaries),
            "quarantine": sorted(str(output_dir / "quarantine" / f"{s.name}.parquet") for s in summaries),
            "data_docs": docs,
        },
        "totals": totals,
        "accounting_ok": not unbalanced,
        "unbalanced_files": unbalanced,
        "accounting_errors": mismatches,
        "files": dict(sorted(per_file.items())),
        "fixes": _sum_counters(summaries, "fixes"),
        "removed_by_rule": _sum_counters(summaries, "removed_by_rule"),
        "chars_removed_by_rule": _sum_counters(summaries, "chars_removed_by_rule"),
        "validation": _merge_validation(summaries),
        "quarantine_examples": [e for s in summaries for e in s.quarantine_examples][:50],
    }
    write_json(manifest, output_dir / "manifest.json")
    if unbalanced:
        first = unbalanced[0]
        raise AccountingError(f"records unaccounted for in {len(unbalanced)} file(s), first {first}: "
                              f"{'; '.join(mismatches[first])} (see {output_dir / 'manifest.json'})")
    return manifest


def report_markdown(manifest: dict) -> str:
    totals = manifest["totals"]
    lines = [
        f"# corpus-clean run `{manifest['run_id']}`",
        "",
        f"Input `{manifest.get('input_path')}` → output `{manifest.get('output_dir')}`",
        "",
        "| read | clean | quarantined | skipped | unreadable | accounting |",
        "|---:|---:|---:|---:|---:|---|",
        f"| {totals['read']} | {totals['clean']} | {totals['quarantined']} | {totals['skipped']} | "
        f"{totals.get('unreadable', 0)} | {'ok' if manifest['accounting_ok'] else 'FAILED'} |",
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
        "| expectation | success | failing rows |",
        "|---|---|---:|",
        *[f"| {v['name']} | {'yes' if v['success'] else 'no'} | {v['unexpected_count']} |"
          for v in manifest["validation"]],
        "",
    ]
    if manifest["output"].get("data_docs"):
        lines += ["Great Expectations Data Docs, one site per shard:", ""]
        lines += [f"- [{path}](file://{path})" for path in manifest["output"]["data_docs"]]
        lines += [""]
    if manifest["quarantine_examples"]:
        lines += ["## Quarantined (first examples)", "", "| source | record | reasons |", "|---|---:|---|"]
        lines += [f"| {e['source']} | {e['record_index']} | {e['reasons'].replace('|', '/')} |"
                  for e in manifest["quarantine_examples"][:20]]
    return "\n".join(lines)


def report_table(manifest: dict) -> list[dict]:
    return [
        {"file": source, "read": c["read"], "clean": c["clean"], "quarantined": c["quarantined"],
         "skipped": c["skipped"], "skipped_reasons": "; ".join(c["skipped_reasons"])[:200],
         "unreadable": c.get("unreadable", 0), "unreadable_reasons": "; ".join(c.get("unreadable_reasons", []))[:200]}
        for source, c in manifest["files"].items()
    ]
