"""The run's manifest (manifest.json) and its human report (markdown + tables).

The manifest is the accounting record of a run: per input file, read = clean +
quarantined + skipped. A run whose numbers do not add up fails after writing it.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from corpus_clean import __version__
from corpus_clean.output import write_json
from corpus_clean.readers import InputFile
from corpus_clean.shards import ShardSummary
from corpus_clean.steps import StepStats


class AccountingError(RuntimeError):
    """Records went missing: read ≠ clean + quarantined + filtered + skipped."""

COUNT_KEYS = ("read", "clean", "quarantined", "filtered", "skipped")


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


def _merge_step_stats(summaries: list[ShardSummary]) -> list[dict]:
    """Per-step stats summed over shards, as a list in pipeline order (the order the steps
    ran; a list because the manifest's JSON keys are sorted)."""
    merged: dict[str, StepStats] = {}
    for summary in summaries:
        for name, stats in summary.steps.items():
            step_stats = merged.setdefault(name, StepStats())
            step_stats.merge(StepStats(**{k: v for k, v in stats.items() if k != "chars_removed"}))
    return [{"step": name, **stats.as_dict()} for name, stats in merged.items()]


def build_manifest(run_id: str, files: list[InputFile], summaries: list[ShardSummary], context: dict,
                   output_dir: Path) -> dict:
    per_file: dict[str, dict] = {}
    for summary in summaries:
        for source, counts in summary.files.items():
            per_file[source] = {
                "read": counts.read, "clean": counts.clean, "quarantined": counts.quarantined,
                "filtered": counts.filtered, "skipped": counts.skipped, "skipped_reasons": counts.skipped_reasons,
            }
    unbalanced = [source for source, c in per_file.items()
                  if c["read"] != c["clean"] + c["quarantined"] + c["filtered"] + c["skipped"]]
    unbalanced += [f.source for f in files if f.source not in per_file]  # a file no shard saw
    totals = {key: sum(c[key] for c in per_file.values()) for key in COUNT_KEYS}
    docs = [s.data_docs_index for s in summaries if s.data_docs_index]
    manifest = {
        "run_id": run_id,
        "pipeline_version": __version__,
        **context,
        "output": {
            "clean": sorted(str(output_dir / "clean" / f"{s.name}.parquet") for s in summaries),
            "quarantine": sorted(str(output_dir / "quarantine" / f"{s.name}.parquet") for s in summaries),
            "filtered": sorted(str(output_dir / "filtered" / f"{s.name}.parquet")
                               for s in summaries if s.filtered_rows),
            "data_docs": docs,
        },
        "totals": totals,
        "accounting_ok": not unbalanced,
        "unbalanced_files": unbalanced,
        "files": dict(sorted(per_file.items())),
        "fixes": _sum_counters(summaries, "fixes"),
        "removed_by_rule": _sum_counters(summaries, "removed_by_rule"),
        "chars_removed_by_rule": _sum_counters(summaries, "chars_removed_by_rule"),
        "steps": _merge_step_stats(summaries),
        "validation": _merge_validation(summaries),
        "quarantine_examples": [e for s in summaries for e in s.quarantine_examples][:50],
    }
    write_json(manifest, output_dir / "manifest.json")
    if unbalanced:
        raise AccountingError(f"records unaccounted for in {len(unbalanced)} file(s): "
                              f"{unbalanced[:5]} (see {output_dir / 'manifest.json'})")
    return manifest


def report_markdown(manifest: dict) -> str:
    totals = manifest["totals"]
    lines = [
        f"# corpus-clean run `{manifest['run_id']}`",
        "",
        f"Input `{manifest.get('input_path')}` → output `{manifest.get('output_dir')}`",
        "",
        "| read | clean | quarantined | filtered | skipped | accounting |",
        "|---:|---:|---:|---:|---:|---|",
        f"| {totals['read']} | {totals['clean']} | {totals['quarantined']} | {totals.get('filtered', 0)} | "
        f"{totals['skipped']} | {'ok' if manifest['accounting_ok'] else 'FAILED'} |",
        "",
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
         "filtered": c.get("filtered", 0), "skipped": c["skipped"], "skipped_reasons": "; ".join(c["skipped_reasons"])[:200]}
        for source, c in manifest["files"].items()
    ]
