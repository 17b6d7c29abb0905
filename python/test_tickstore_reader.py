"""Tests of tickstore_reader against files the Java side wrote.

    python3 python/test_tickstore_reader.py                     # the golden files in data/golden
    python3 python/test_tickstore_reader.py EXPECTATIONS.json   # a store a Java test wrote, with what it holds

The build runs the second form from cli's PythonReaderTest, whose EXPECTATIONS.json lists the store's runs and ticks
and, for every snapshot, every value of every column as Java read it (see same_values). Exit 0 when every check holds; the
CRC32C speed measured on this machine is printed (not asserted: timing belongs to benchmarks).
"""

import json
import os
import shutil
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import tickstore_reader as ts  # noqa: E402


def raises(error, call, *message_parts):
    try:
        call()
    except error as e:
        text = str(e)
        for part in message_parts:
            assert part in text, "%r not in %r" % (part, text)
        return text
    raise AssertionError("%s was not raised" % error.__name__)


def unsigned_bits(array):
    """Every value as the unsigned integer of its bits, as the Java side wrote them."""
    width = array.dtype.itemsize
    return [int(v) for v in np.ascontiguousarray(array).reshape(-1).view("<u%d" % width)]


def check_crc32c():
    assert ts.crc32c(b"123456789") == 0xE3069283, "the check value of FORMAT.md"
    assert ts.crc32c(b"") == 0
    rng = np.random.default_rng(1)
    table = ts._TABLE_LIST

    def slow(data, crc=0):
        register = crc ^ 0xFFFFFFFF
        for b in data:
            register = table[(register ^ b) & 0xFF] ^ (register >> 8)
        return register ^ 0xFFFFFFFF

    for n in [1, 7, 255, 256, 257, 4095, 4096, 65536 + 13, 1 << 20]:
        data = rng.integers(0, 256, n, dtype=np.uint8).tobytes()
        expected = slow(data)
        assert ts.crc32c(data) == expected, n
        cut = n // 3
        assert ts.crc32c(data[cut:], ts.crc32c(data[:cut])) == expected, "continued at %d of %d" % (cut, n)
    print("crc32c: the check value and random lengths agree with the byte-at-a-time definition")


def measure_crc32c():
    data = np.random.default_rng(2).integers(0, 256, 256 << 20, dtype=np.uint8)
    ts.crc32c(data[: 1 << 20])  # tables built
    best = None
    for _ in range(3):
        started = time.perf_counter()
        ts.crc32c(data)
        took = time.perf_counter() - started
        best = took if best is None else min(best, took)
    print("crc32c speed: %.0f MB/s (256 MiB, best of 3, numpy %s)" % (len(data) / best / 1e6, np.__version__))


def check_snapshot(path, expected=None):
    snapshot = ts.open(path)
    assert isinstance(snapshot, ts.Snapshot), snapshot
    world = snapshot.load(verify=True)
    assert list(world) == snapshot.tables()
    decoded = snapshot.load(strings=True)
    for table, columns in world.items():
        assert list(columns)[0] == "_entity_id"
        for name, values in columns.items():
            assert len(values) == snapshot.rows(table)
            kind = "scalar" if name == "_entity_id" else snapshot.kind(table, name)
            if kind == "variable":
                assert isinstance(values, ts.Values), (table, name, type(values))
                for part in (values.offsets, values.data):
                    assert isinstance(part, np.memmap) and not part.flags.writeable, (table, name)
                continue
            assert isinstance(values, np.memmap), (table, name, type(values))
            assert not values.flags.writeable
            if kind == "categorical":
                strings = decoded[table][name]
                assert list(strings) == [str(s) for s in snapshot.dictionary(table, name)[np.asarray(values)]], (table, name)
    if expected is not None:
        assert snapshot.tick == expected["tick"], (snapshot.tick, expected["tick"])
        assert sorted(world) == sorted(expected["tables"]), (sorted(world), sorted(expected["tables"]))
        for table, columns in expected["tables"].items():
            assert list(world[table]) == list(columns), (table, list(world[table]), list(columns))
            for name, want in columns.items():
                assert same_values(world[table][name], decoded[table][name], want), \
                    "%s %s/%s differs from what Java read" % (path, table, name)
    return snapshot


def same_values(values, decoded, want):
    """Java's values: a list of bits for a scalar or an array column (every element, row after row), {"strings": [...]}
    for a categorical one (with its codes as "bits"), {"values": [...]} for a variable-length one (json as its text)."""
    if isinstance(values, ts.Values):
        got = [values.text(i) for i in range(len(values))] if values.type == "json" else list(values)
        return got == want["values"]
    if isinstance(want, dict):
        return unsigned_bits(values) == want["bits"] and [str(s) for s in decoded] == want["strings"]
    return unsigned_bits(values) == want


def check_damage(snapshot_path):
    work = tempfile.mkdtemp(prefix="tickstore-reader-test-")
    try:
        copy = os.path.join(work, "snap")
        shutil.copytree(snapshot_path, copy)
        snap = ts.open(copy)
        table = snap.tables()[0]
        column = snap.columns(table)[0]
        entry = next(c for c in snap.manifest["tables"][0]["columns"] if c["name"] == column)
        file = os.path.join(copy, *entry["file"].split("/"))

        # the manifest reformatted keeps its checksum: it is over the canonical form
        manifest_path = os.path.join(copy, "manifest.json")
        with open(manifest_path) as f:
            tree = json.load(f)
        with open(manifest_path, "w") as f:
            json.dump(tree, f, separators=(",", ":"))
        ts.open(copy).verify()

        # a flipped bit in a column: loading maps it, a check names the file
        with open(file, "r+b") as f:
            f.seek(entry["dataOffset"])
            byte = f.read(1)
            f.seek(entry["dataOffset"])
            f.write(bytes([byte[0] ^ 1]))
        ts.open(copy).load()
        raises(ts.ChecksumError, lambda: ts.open(copy).verify(), file, "CRC32C of the file is", entry["crc32c"])
        raises(ts.ChecksumError, lambda: ts.load(copy, verify=True), file)

        # a changed value in the manifest is caught on every open, checked or not
        tree["tick"] = tree["tick"] + 1
        with open(manifest_path, "w") as f:
            json.dump(tree, f, indent=2)
        raises(ts.ChecksumError, lambda: ts.open(copy), manifest_path, "the manifest was changed")
        tree["tick"] = tree["tick"] - 1
        with open(manifest_path, "w") as f:
            json.dump(tree, f, indent=2)

        # a truncated file, a missing one, a link in place of a file
        with open(file, "r+b") as f:
            f.truncate(entry["fileBytes"] - 1)
        raises(ts.FormatError, lambda: ts.open(copy).load(), file, "truncated")
        os.remove(file)
        raises(ts.FormatError, lambda: ts.open(copy).load(), file, "missing")
        os.symlink(os.path.join(snapshot_path, *entry["file"].split("/")), file)
        raises(ts.FormatError, lambda: ts.open(copy).load(), file, "symbolic link")

        # misspelt names get the close ones
        raises(ts.TickstoreError, lambda: snap.table(table[:-1]), "did you mean %s?" % table)
        raises(ts.TickstoreError, lambda: snap.column(table, column + "x"), "did you mean %s" % column)
    finally:
        shutil.rmtree(work)
    print("damage: flipped bit, edited manifest, truncated, missing and linked files are each named; reformatting is not damage")


def check_golden_v2(path):
    """The golden version-2 snapshot's values of every kind, as data/golden/README.md describes them."""
    snap = check_snapshot(path)
    assert snap.format_version == 2
    hexes = snap.table("hexes")
    assert [snap.kind("hexes", c) for c in ("id", "county", "position", "tensor", "note", "attributes", "org_ids")] == \
        ["scalar", "categorical", "array", "array", "variable", "variable", "variable"]
    assert list(snap.dictionary("hexes", "terrain")) == ["plain", "hill", "river"]
    assert list(hexes["county"][:4]) == [1, 2, 3, 0]
    assert list(snap.column("hexes", "county", strings=True)[:4]) == ["Travis", "東京", "Bexar", "unknown"]
    assert hexes["tensor"].shape == (11, 4, 3) and hexes["tensor"][1, 3, 2] == 111.0
    assert hexes["embedding"].shape == (11, 8) and hexes["embedding"].dtype == np.float32
    note, attributes, org_ids = hexes["note"], hexes["attributes"], hexes["org_ids"]
    assert len(note) == 11 and note[3] == "note 3 é中" and note[-1] == "" and note[1:3][0] == "note 1 "
    assert attributes[1] == {"hex": 1, "ok": False, "tags": ["a", "é"], "w": 0.25} and attributes[0] == {}
    assert attributes.text(1) == '{"hex":1,"ok":false,"tags":["a","é"],"w":0.25}', attributes.text(1)
    assert org_ids[2] == ["org-2", "", "é😀2"] and org_ids[0] == [] and list(org_ids)[1] == ["org-1", ""]
    raises(IndexError, lambda: note[11], "row 11 of 11")
    empty = snap.load(strings=True)["empty"]
    assert len(empty["note"]) == 0 and empty["tensor"].shape == (0, 4, 3) and len(empty["county"]) == 0
    raises(ts.TickstoreError, lambda: snap.dictionary("hexes", "note"), "not categorical")
    print("golden: snapshot-v2 loads every kind of column (arrays, categorical codes and strings, str, json, str[])")


def check_damage_v2(snapshot_path):
    """Version 2's files: each checked, damaged contents named before use, an unknown version refused."""
    work = tempfile.mkdtemp(prefix="tickstore-reader-test-")
    try:
        copy = os.path.join(work, "snap")
        shutil.copytree(snapshot_path, copy)
        manifest_path = os.path.join(copy, "manifest.json")
        with open(manifest_path, encoding="utf-8") as f:
            tree = json.load(f)
        table = next(t for t in tree["tables"] if t["rows"] > 0)
        kinds = {c["type"]: c for c in table["columns"]}
        categorical = next(c for t, c in kinds.items() if t.startswith("cat<"))
        variable = next(c for t, c in kinds.items() if t in ts.VARIABLE_LENGTH_TYPES)

        def flip(entry, at):
            file = os.path.join(copy, *entry["file"].split("/"))
            with open(file, "r+b") as f:
                f.seek(entry["dataOffset"] + at)
                byte = f.read(1)
                f.seek(entry["dataOffset"] + at)
                f.write(bytes([byte[0] ^ 0x40]))
            return file

        # every file a column needs is checked: a dictionary's, an offsets' and a data file's damage is named
        for entry in (categorical["dictionary"], variable["data"]):
            file = flip(entry, 0)
            raises(ts.ChecksumError, lambda: ts.open(copy).verify(), file, "CRC32C of the file is")
            flip(entry, 0)
        ts.open(copy).verify()

        # offsets that leave the data, codes beyond the dictionary: errors naming the file, never a read outside it
        file = flip(variable["offsets"], 8 * variable["offsets"]["rows"] - 1)   # the last offset's high byte
        raises(ts.FormatError, lambda: ts.open(copy).table(table["name"]), file, "offsets")
        flip(variable["offsets"], 8 * variable["offsets"]["rows"] - 1)
        file = flip(categorical, 0)
        raises(ts.FormatError, lambda: ts.open(copy).column(table["name"], categorical["name"], strings=True), file,
               "dictionary has")
        flip(categorical, 0)

        # a dictionary with a repeated entry (the same size, so only its contents are wrong)
        file = os.path.join(copy, *categorical["dictionary"]["file"].split("/"))
        entries = np.load(file)
        if len(entries) > 1:
            kept = entries.copy()
            entries[1] = entries[0]
            np.save(file, entries)
            raises(ts.FormatError, lambda: ts.open(copy).column(table["name"], categorical["name"]), file,
                   "entry 1 (%r) repeats" % str(entries[0]))
            np.save(file, kept)
            ts.open(copy).verify()

        # a version this reader does not know, and a version-1 manifest claiming a column of another kind
        for version, message in ((3, "format version 3; this reader knows versions 1 and 2"),
                                 (1, "needs format version 2")):
            changed = dict(tree, formatVersion=version)
            del changed["manifestCrc32c"]
            changed["manifestCrc32c"] = "%08x" % ts.crc32c(ts._canonical(changed))
            with open(manifest_path, "w", encoding="utf-8") as f:
                json.dump(changed, f, ensure_ascii=False)
            raises(ts.FormatError, lambda: ts.open(copy), manifest_path, message)
    finally:
        shutil.rmtree(work)
    print("damage v2: dictionary, offsets and data files checked; bad offsets, codes and repeated dictionary entries named; version 3 refused")


def check_store(expectations):
    store = ts.open(expectations["store"])
    assert isinstance(store, ts.Store), store
    assert store.runs() == sorted(expectations["runs"]), (store.runs(), expectations["runs"])
    for name, ticks in expectations["runs"].items():
        run = store.run(name)
        assert run.ticks() == ticks, (name, run.ticks(), ticks)
        assert run.status == "completed", run.status
        assert run.latest().tick == ticks[-1]
        assert ts.open(run.path + "@latest").tick == ticks[-1]
        assert ts.open(run.path + "@%d" % ticks[0]).tick == ticks[0]
        raises(ts.TickstoreError, lambda: ts.load(run.path), "is a run", "@latest")
        raises(ts.TickstoreError, lambda: run.snapshot(ticks[-1] + 1), "no snapshot of tick %d" % (ticks[-1] + 1),
               "./tickstore replay")
        raises(ts.TickstoreError, lambda: store.run(name + "x"), "did you mean %s?" % name)
    for snapshot in expectations["snapshots"]:
        check_snapshot(snapshot["path"], snapshot)
    print("store: %d runs, %d snapshots, every value equal to what Java read, checksums checked"
          % (len(expectations["runs"]), len(expectations["snapshots"])))
    check_damage(expectations["snapshots"][-1]["path"])
    v2 = [s["path"] for s in expectations["snapshots"] if ts.open(s["path"]).format_version == 2]
    if v2:
        check_damage_v2(v2[-1])


def main(argv):
    check_crc32c()
    if len(argv) > 1:
        with open(argv[1]) as f:
            check_store(json.load(f))
    else:
        golden = os.path.join(HERE, "..", "data", "golden")
        check_snapshot(os.path.join(golden, "snapshot-v1"))
        run = ts.open(os.path.join(golden, "run-v1"))
        for tick in run.ticks():
            check_snapshot(run.snapshot(tick).path)
        check_damage(os.path.join(golden, "snapshot-v1"))
        print("golden: snapshot-v1 and every snapshot of run-v1 load with their checksums checked")
        check_golden_v2(os.path.join(golden, "snapshot-v2"))
        run = ts.open(os.path.join(golden, "run-v2"))
        for tick in run.ticks():
            check_snapshot(run.snapshot(tick).path)
        check_damage_v2(os.path.join(golden, "snapshot-v2"))
    measure_crc32c()
    print("all checks hold")


if __name__ == "__main__":
    main(sys.argv)
