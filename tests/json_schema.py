"""Every JSON document zaitaku writes about its validation matches the
published schema (docs/validation_report.schema.json), validated by an
independent implementation (jsonschema, draft 2020-12, formats checked):
the build's validation_report.json, and `check --format json` with and
without --all, of an edition that passes and of one that fails.

Usage: json_schema.py ZAITAKU OUTPUT_DIR"""
import json
import subprocess
import sys
from pathlib import Path

import jsonschema

ROOT = Path(__file__).resolve().parent.parent
bin, output = sys.argv[1], Path(sys.argv[2])
schema = json.loads((ROOT / "docs" / "validation_report.schema.json").read_text(encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())

documents = {"validation_report.json": json.loads((output / "validation_report.json").read_text(encoding="utf-8"))}
seed = str(next((ROOT / "raw").glob("*.txt")))
failing = str(ROOT / "tests/fixtures/invalid/changed_page_two_percentage.txt")
for name, path, code in [("seed", seed, 0), ("failing", failing, 1)]:
    for flags in ([], ["--all"]):
        run = subprocess.run([bin, "check", "--format", "json", *flags, path], capture_output=True, text=True)
        assert run.returncode == code, f"check {name} {flags}: exit {run.returncode}: {run.stderr}"
        documents[f"check {' '.join(flags)} {name}"] = json.loads(run.stdout)

problems = []
for name, doc in documents.items():
    problems += [f"{name}: {'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]
# The same keys whatever the flags; the failing edition's failures listed.
keys = {name: sorted(doc) for name, doc in documents.items()}
if len(set(map(tuple, keys.values()))) != 1:
    problems.append(f"the documents' keys differ: {keys}")
if not documents["check  failing"]["failures"]:
    problems.append("the failing edition lists no failure")
for p in problems:
    print(f"json_schema.py: {p}", file=sys.stderr)
if problems:
    sys.exit(1)
print(f"json_schema.py: {len(documents)} documents match docs/validation_report.schema.json")
