"""CI check of the research package (#13), run by .ci/run in a venv with pandas and frictionless.

    python .ci/research.py OUT README.md

OUT is an output folder of `referat extract fixtures`. Checks that
- `frictionless validate OUT/datapackage.json` passes (types, keys, enums, foreign keys);
- pandas, reading with the package's types, gets codes and item numbers as strings and counts
  as integers;
- every Python block of the README's "For researchers" section runs against OUT (from OUT's
  parent folder, as `output/`) and prints something.
"""

import contextlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path


def validate(out: Path) -> None:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "frictionless"), "validate", "--json",
         str(out / "datapackage.json")],
        capture_output=True,
        text=True,
    )
    report = json.loads(result.stdout)
    if not report.get("valid"):
        errors = []
        for task in report.get("tasks", []):
            for error in task.get("errors", [])[:5]:
                errors.append(f"{task.get('name')}: {error.get('message')}")
        for error in report.get("errors", [])[:5]:
            errors.append(error.get("message"))
        sys.exit("frictionless validate failed:\n  " + "\n  ".join(errors))
    print(f"frictionless: {len(report.get('tasks', []))} tables valid")


def readme_blocks(readme: Path) -> list[str]:
    text = readme.read_text(encoding="utf-8")
    section = text.split("## For researchers", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def check_dtypes(namespace: dict) -> None:
    load = namespace["load"]
    meetings = load("meetings")
    assert str(meetings["municipality_code"].dtype) == "string", meetings.dtypes
    assert "751" in set(meetings["municipality_code"].dropna()), "a code stays 751, not 751.0"
    assert str(meetings["participants"].dtype) == "Int64"
    assert str(meetings["extraordinary"].dtype) == "boolean"
    items = load("items")
    assert str(items["number"].dtype) == "string"
    assert any("." in n for n in items["number"].dropna()), "an item number like 2.1 stays a string"
    print("pandas: codes and item numbers are strings, counts integers, flags booleans")


def main() -> None:
    out, readme = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    validate(out)
    blocks = readme_blocks(readme)
    assert len(blocks) >= 6, f"the README's For researchers section has {len(blocks)} Python blocks"
    os.chdir(out.parent)
    if out.name != "output":
        sys.exit("OUT must be a folder named output (the README's snippets read output/)")
    namespace: dict = {}
    for i, block in enumerate(blocks):
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(block, f"README block {i + 1}", "exec"), namespace)
        shown = printed.getvalue()
        if i > 0 and not shown.strip():
            sys.exit(f"README block {i + 1} printed nothing")
        print(f"--- README block {i + 1}\n{shown.strip()[:600]}")
    check_dtypes(namespace)


if __name__ == "__main__":
    main()
