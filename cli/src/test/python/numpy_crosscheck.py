#!/usr/bin/env python3
"""Checks Tickstore's output with numpy alone, as a user of the files would.

Usage: numpy_crosscheck.py INSPECT_JSON SNAPSHOT_DIR CAT_JSON

INSPECT_JSON is `./tickstore inspect --json RUN` (or of a snapshot or store); CAT_JSON is
`./tickstore cat --json SNAPSHOT TABLE/COLUMN`. Every column file that inspect names is opened with
numpy.load(mmap_mode='r') and must have the dtype and row count inspect reports; the values cat printed
must equal the first values numpy reads from the same file. Exits non-zero naming the first difference.
"""
import json
import os
import sys

import numpy as np


def snapshots_of(doc):
    kind = doc.get("kind")
    if kind == "snapshot":
        return [doc]
    if kind == "run":
        return doc["snapshots"]
    if kind == "store":
        return [s for run in doc["runs"] for s in run["snapshots"]]
    raise SystemExit(f"unknown inspect kind {kind!r}")


def main(inspect_path, snapshot_dir, cat_path):
    with open(inspect_path) as f:
        inspected = json.load(f)
    with open(cat_path) as f:
        cat = json.load(f)

    files = 0
    for snap in snapshots_of(inspected):
        for table in snap["tables"]:
            for col in table["columns"]:
                path = col["file"]
                arr = np.load(path, mmap_mode="r")
                if not isinstance(arr, np.memmap):
                    raise SystemExit(f"{path}: numpy did not memory-map the file")
                if arr.dtype.str.replace("=", "<") != col["numpyDtype"] and not (arr.dtype.itemsize == 1 and arr.dtype.str[1:] == col["numpyDtype"][1:]):
                    raise SystemExit(f"{path}: numpy dtype {arr.dtype.str} but inspect says {col['numpyDtype']}")
                if arr.shape != (col["rows"],):
                    raise SystemExit(f"{path}: numpy shape {arr.shape} but inspect says {col['rows']} rows")
                files += 1
    if files == 0:
        raise SystemExit("inspect named no column files")

    arr = np.load(cat["file"], mmap_mode="r")
    if os.path.realpath(os.path.dirname(os.path.dirname(cat["file"]))) != os.path.realpath(snapshot_dir):
        raise SystemExit(f"cat read {cat['file']}, which is not in {snapshot_dir}")
    values = cat["values"]
    expected = arr[: len(values)].tolist()
    for i, (got, want) in enumerate(zip(values, expected)):
        if isinstance(got, str):
            got = float(got)
        if got != want and not (got != got and want != want):
            raise SystemExit(f"{cat['file']}[{i}]: tickstore cat says {got!r}, numpy reads {want!r}")
    print(f"numpy opened {files} column files with mmap; {len(values)} values of {cat['table']}/{cat['column']} match tickstore cat")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    main(*sys.argv[1:])
