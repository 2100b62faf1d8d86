#!/usr/bin/env python3
"""Turns the BenchmarkDotNet CSV of ResultReaderBenchmarks into the README's "Result readers" table.

Usage: result-readers-table.py REPORT.csv BYTES_1000 BYTES_100000
(payload sizes are printed by the benchmark's setup: "// payload N rows: B bytes").
MB/s uses 10^6 bytes; B/row is BenchmarkDotNet's allocated bytes per operation divided by the row count;
"x STJ source-gen" is throughput relative to System.Text.Json source-gen (higher is faster);
"bytes vs STJ source-gen" is allocated bytes relative to it; "x floor" is time relative to the bare Utf8JsonReader token scan (lower is better, 1.00 = the floor).
"""
import csv
import sys


def seconds(text):
    value, unit = text.replace(",", "").split()
    return float(value) * {"ns": 1e-9, "us": 1e-6, "μs": 1e-6, "ms": 1e-3, "s": 1.0}[unit]


def allocated(text):
    text = text.replace(",", "").strip()
    if text in ("-", "", "0"):
        return 0.0
    value, unit = text.split()
    return float(value) * {"B": 1, "KB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}[unit]


def main():
    report, sizes = sys.argv[1], {1000: int(sys.argv[2]), 100000: int(sys.argv[3])}
    with open(report, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    by_rows = {}
    for row in rows:
        by_rows.setdefault(int(row["Rows"]), []).append(row)
    for count, group in sorted(by_rows.items()):
        stj = next(seconds(r["Mean"]) for r in group if "source-gen" in r["Method"])
        stj_bytes = next(allocated(r["Allocated"]) for r in group if "source-gen" in r["Method"])
        floor = next(seconds(r["Mean"]) for r in group if "floor" in r["Method"])
        print(f"\n**{count:,} rows** ({sizes[count] / 1e6:.2f} MB payload)\n")
        print("| Reader | Mean | MB/s | B/row | x STJ source-gen (speed) | bytes vs STJ source-gen | x floor (time) |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for r in group:
            mean = seconds(r["Mean"])
            name = r["Method"].strip("'")
            print(f"| {name} | {r['Mean']} | {sizes[count] / mean / 1e6:,.0f} | {allocated(r['Allocated']) / count:,.1f} "
                  f"| {stj / mean:.2f} | {allocated(r['Allocated']) / stj_bytes:.1%} | {mean / floor:.2f} |")


if __name__ == "__main__":
    main()
