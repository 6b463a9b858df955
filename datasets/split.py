#!/usr/bin/env python3
"""Deterministic 70/30 split of pairs/dev.tsv into dev-tune.tsv and dev-test.tsv.

A pair goes to the test split when the first 4 bytes of SHA-256 over its unordered text
("min(a,b)\\tmax(a,b)", UTF-8), read as a big-endian integer, modulo 100 are < 30.
Re-running it reproduces the same files byte for byte."""
import hashlib, pathlib

here = pathlib.Path(__file__).resolve().parent / "pairs"
lines = (here / "dev.tsv").read_text(encoding="utf-8").splitlines()
header, rows = lines[0], lines[1:]
assert header == "a\tb\tlabel\tcategory\tlang\tsource", header
tune, test = [header], [header]
for row in rows:
    a, b = row.split("\t")[:2]
    key = "\t".join(sorted((a, b))).encode("utf-8")
    bucket = int.from_bytes(hashlib.sha256(key).digest()[:4], "big") % 100
    (test if bucket < 30 else tune).append(row)
(here / "dev-tune.tsv").write_text("\n".join(tune) + "\n", encoding="utf-8")
(here / "dev-test.tsv").write_text("\n".join(test) + "\n", encoding="utf-8")
print(f"tune {len(tune) - 1}, test {len(test) - 1}")
