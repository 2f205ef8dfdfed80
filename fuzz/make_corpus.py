#!/usr/bin/env python3
# Copyright (c) 2026 complog authors.
# SPDX-License-Identifier: MIT
"""Regenerates the committed seed corpus in fuzz/corpus/.

spec/   every distinct `env` input of test/conformance/cases.tsv (real TORCH_LOGS
        values, unescaped) plus a few inputs for the fuzz registry's own names;
        used by fuzz_spec and fuzz_set_logs_string.
format/ <VAR>_FORMAT values: presets, Python keys, spdlog flags, and errors.

Files are named by the SHA-1 of their content, as libFuzzer names its finds; files
named regression-* (inputs that once crashed) are kept.
Run from anywhere: python3 fuzz/make_corpus.py
"""

import hashlib
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
CASES = HERE.parent / "test" / "conformance" / "cases.tsv"

ESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}

EXTRA_SPECS = [
    "+net,wire", "-db,+dynamo,graph_code", "caf\u00e9,+\u65e5\u672c", "+app.caf\u00e9.\u00df",
    "+all,-export,schedule,bytes", "+app.net.__wire", "other.lib", "+net,\n\t db",
    "+net\x00,wire", "+n\xffet".encode("latin-1").decode("utf-8", "surrogateescape"),
    "help", "+help", "+app.unknown.module",
]

EXTRA_FORMATS = [
    "short", "basic", "%(levelname)s:%(name)s:%(message)s", "%(asctime)s %(levelno)d %(message)s",
    "[%(filename)s:%(lineno)d] %(funcName)s %(process)d %(thread)d %(pathname)s",
    "%(levelname)-8s|%(name)20s|%v", "%Y-%m-%d %H:%M:%S.%e [%l] %n: %v", "%-10!v %=8l %5#",
    "%J %K %N %^%v%$", "100%% done %v", "%", "%(levelname", "%(bogus)s", "%Q", "%(name)",
]


def unescape(field):
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and i + 1 < len(field) and field[i + 1] in ESCAPES:
            out.append(ESCAPES[field[i + 1]])
            i += 2
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def write_corpus(name, values):
    """Replaces the generated seeds; named ones (regression-*, fuzzers' finds) stay."""
    directory = HERE / "corpus" / name
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.iterdir():
        if not old.name.startswith("regression-"):
            old.unlink()
    for value in values:
        data = value.encode("utf-8", "surrogateescape")
        (directory / hashlib.sha1(data).hexdigest()).write_bytes(data)
    return len(list(directory.iterdir()))


def main():
    specs = set(EXTRA_SPECS)
    with CASES.open(encoding="utf-8", newline="\n") as cases:
        header = cases.readline().rstrip("\n").split("\t")
        kind, text = header.index("kind"), header.index("input")
        for line in cases:
            fields = line.rstrip("\n").split("\t")
            if fields[kind] == "env":
                specs.add(unescape(fields[text]))
    print("spec:", write_corpus("spec", sorted(specs)))
    print("format:", write_corpus("format", EXTRA_FORMATS))


if __name__ == "__main__":
    main()
