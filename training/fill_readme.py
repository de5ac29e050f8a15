"""Write training/scores.json into the score table of README.md and training/README.md.

    python training/fill_readme.py

The tables sit between ``<!-- scores -->`` and ``<!-- /scores -->``, so the
README never quotes scores other than the committed ones.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def table(scores: dict) -> str:
    ewt, gum = scores["test-ewt"], scores["test-gum"]

    def pct(value):
        return f"{100 * value:.1f}"

    return "\n".join([
        "| test split | UPOS | lemma | UAS | LAS | mention F1 |",
        "|---|---|---|---|---|---|",
        f"| UD English EWT test (2,077 sentences) | {pct(ewt['pos_acc'])} | {pct(ewt['lemma_acc'])} | {pct(ewt['dep_uas'])} | {pct(ewt['dep_las'])} | — (no entity layer) |",
        f"| UD English GUM test, CC BY part (775 sentences) | {pct(gum['pos_acc'])} | {pct(gum['lemma_acc'])} | {pct(gum['dep_uas'])} | {pct(gum['dep_las'])} | {pct(gum['ents_f'])} |",
        "",
        "Mention F1 by GUM type: " + ", ".join(
            f"{label} {pct(values['f'])}" for label, values in sorted(gum["ents_per_type"].items())
        ) + ".",
    ])


def main() -> None:
    scores = json.loads((ROOT / "training" / "scores.json").read_text())
    for path in (ROOT / "README.md", ROOT / "training" / "README.md"):
        text = path.read_text()
        new = re.sub(r"<!-- scores -->.*?<!-- /scores -->", "<!-- scores -->\n" + table(scores) + "\n<!-- /scores -->",
                     text, flags=re.S)
        path.write_text(new)


if __name__ == "__main__":
    main()
