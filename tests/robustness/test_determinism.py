"""Byte-identical outputs whatever the hash seed and the order the inputs are given in.

Each build runs in its own interpreter (PYTHONHASHSEED only takes effect at
start-up), on documents that share sentences and facts, so the same fact is
stated at the same offset in two documents, the case where set or dict order
would leak into the bytes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

_SHARED = (
    "Participants noted that organized crime groups traffic fentanyl and methamphetamine in British Columbia. "
    "Naloxone does not counter the effects of benzodiazepines. "
    "The RCMP seized 12 kg of fentanyl in 2020, an increase of 40% over 2019."
)
_DOCUMENTS = {
    "a/summary.txt": f"Roundtable summary\n\n{_SHARED}\n\nThe CBSA works with Canada Post on precursor chemicals.\n",
    "b/summary.txt": f"Roundtable summary\n\n{_SHARED}\n\nOntario reported a decline in cocaine seizures.\n",
    "c/notes.md": f"# Notes\n\n{_SHARED}\n",
}


def _build(tmp_path: Path, seed: str, order: list[str], name: str) -> dict[str, bytes]:
    out = tmp_path / name
    env = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run(
        [sys.executable, "-m", "rtgraph", "build", *[str(tmp_path / "in" / p) for p in order], "-o", str(out)],
        env=env, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return {f: (out / f).read_bytes() for f in ("rtgraph.ttl", "rtgraph.html")}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    root = tmp_path_factory.mktemp("determinism")
    for rel, text in _DOCUMENTS.items():
        path = root / "in" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_bytes_do_not_depend_on_hash_seed_or_input_order(inputs):
    order = sorted(_DOCUMENTS)
    reference = _build(inputs, "0", order, "ref")
    for seed, given in (("1", order[::-1]), ("4242", [order[1], order[2], order[0]]), ("random", order)):
        again = _build(inputs, seed, given, f"out-{seed}")
        for name, data in reference.items():
            assert again[name] == data, f"{name} differs with PYTHONHASHSEED={seed} and inputs {given}"
