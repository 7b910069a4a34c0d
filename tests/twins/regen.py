"""Regenerate the CPython oracle output of every twin case.

    python3 tests/twins/regen.py

Runs cases/NAME.py through vclock.py and writes its stdout to expected/NAME.out,
and the exact CPython version to expected/PYTHON_VERSION. The oracle is pinned to
CPython 3.11: any other release is refused, since asyncio's scheduling details
differ between releases.
The .out files are never edited by hand: twins.test.ts reruns each .py and
fails if its output no longer matches, so they cannot go stale silently.
A case must finish cleanly; one that fails or deadlocks is reported and its
.out left as it was.
"""

import pathlib
import platform
import subprocess
import sys

ORACLE_RELEASE = (3, 11)
HERE = pathlib.Path(__file__).resolve().parent
CASES = HERE / "cases"
EXPECTED = HERE / "expected"


def run_case(program):
    return subprocess.run(
        [sys.executable, str(HERE / "vclock.py"), program.name],
        cwd=CASES, capture_output=True, text=True, timeout=60,
    )


def main():
    if sys.version_info[:2] != ORACLE_RELEASE:
        wanted = ".".join(map(str, ORACLE_RELEASE))
        sys.exit(f"regen.py: this is CPython {platform.python_version()}, but the oracle is "
                 f"CPython {wanted}; run it with a python{wanted} (e.g. python{wanted} {sys.argv[0]})")
    EXPECTED.mkdir(exist_ok=True)
    (EXPECTED / "PYTHON_VERSION").write_text(platform.python_version() + "\n")
    programs = sorted(CASES.glob("*.py"))
    failed = changed = 0
    for program in programs:
        name = program.stem
        run = run_case(program)
        if run.returncode != 0:
            failed += 1
            print(f"{name}: exited with status {run.returncode}\n{run.stderr}",
                  file=sys.stderr)
            continue
        out = EXPECTED / f"{name}.out"
        if not out.exists() or out.read_text() != run.stdout:
            changed += 1
            out.write_text(run.stdout)
            print(f"{name}: written")
    stale = sorted(p.name for p in EXPECTED.glob("*.out")
                   if not (CASES / f"{p.stem}.py").exists())
    for name in stale:
        print(f"{name}: no case of that name; delete it", file=sys.stderr)
    print(f"{len(programs)} cases on CPython {platform.python_version()}: "
          f"{changed} written, {failed} failed")
    sys.exit(1 if failed or stale else 0)


if __name__ == "__main__":
    main()
