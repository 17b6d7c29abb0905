"""Tests of tickstore_reader against files the Java side wrote.

    python3 python/test_tickstore_reader.py                     # the golden files in data/golden
    python3 python/test_tickstore_reader.py EXPECTATIONS.json   # a store a Java test wrote, with what it holds

The build runs the second form from cli's PythonReaderTest, whose EXPECTATIONS.json lists the store's runs and ticks
and, for every snapshot, every value of every column as the raw bits Java read. Exit 0 when every check holds; the
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
    return [int(v) for v in np.ascontiguousarray(array).view("<u%d" % width)]


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
    for table, columns in world.items():
        assert list(columns)[0] == "_entity_id"
        for name, array in columns.items():
            assert isinstance(array, np.memmap), (table, name, type(array))
            assert not array.flags.writeable
            assert len(array) == snapshot.rows(table)
    if expected is not None:
        assert snapshot.tick == expected["tick"], (snapshot.tick, expected["tick"])
        assert sorted(world) == sorted(expected["tables"]), (sorted(world), sorted(expected["tables"]))
        for table, columns in expected["tables"].items():
            assert list(world[table]) == list(columns), (table, list(world[table]), list(columns))
            for name, bits in columns.items():
                assert unsigned_bits(world[table][name]) == bits, "%s %s/%s differs from what Java read" % (path, table, name)
    return snapshot


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
    measure_crc32c()
    print("all checks hold")


if __name__ == "__main__":
    main(sys.argv)
