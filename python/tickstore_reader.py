"""Read Tickstore stores, runs and snapshots from Python, with numpy and nothing else.

A snapshot is a directory of numpy ``.npy`` files (one per column, plus ``_entity_id.npy`` per table) and a
self-checksummed ``manifest.json`` (the format is ``snapshot-io/FORMAT.md`` in the Tickstore repository). This module
opens what ``./tickstore run`` writes::

    import tickstore_reader as ts

    store = ts.open("data/runs")                  # a store, a run or a snapshot: whatever the path is
    store.runs()                                  # ['creatures-seed-42-20261128-170311', ...]
    run = store.run(store.runs()[0])
    run.ticks()                                   # [0, 25, 50, 75, 100]: the ticks that have a snapshot
    world = run.snapshot(100).load()              # {'creatures': {'_entity_id': array, 'energy': array, ...}}
    world = ts.load("data/runs/RUN@latest", verify=True)   # every file's CRC32C checked too

Format versions 1 and 2 are read (a newer one is refused by name). Version 2's columns of other kinds come as: an
array column (``f32[768]``, ``f64[4,3]``) the memory-mapped array of shape (rows, 768) or (rows, 4, 3); a categorical
column (``cat<u16>``) its memory-mapped codes, or with ``strings=True`` its strings (the dictionary looked up,
``Snapshot.dictionary`` gives the dictionary itself); a variable-length column (``str``, ``json``, ``str[]``) a
``Values`` sequence over the memory-mapped offsets and data, decoding one row when it is asked for: a ``str``, the
parsed JSON value (``Values.text`` gives the canonical text) or a list of ``str``.

Columns are memory-mapped read-only (``numpy.load(..., mmap_mode="r")``): loading a snapshot reads its manifest and
the ``.npy`` headers, and a column's values only when they are used. The manifest's own checksum is checked every
time a snapshot is opened; the files' checksums when asked (``verify=True`` or ``Snapshot.verify()``), with a
CRC32C vectorised in numpy (``crc32c``) that runs at a few hundred MB/s.

Every error is a ``TickstoreError`` whose message starts with the file at fault.
"""

import builtins
import json
import os
import re

import numpy as np

__all__ = [
    "open", "load", "Store", "Run", "Snapshot", "Values", "crc32c", "crc32c_file",
    "TickstoreError", "FormatError", "ChecksumError",
]

FORMAT = "tickstore-snapshot"
FORMAT_VERSIONS = (1, 2)
MANIFEST = "manifest.json"
RUN_SETTINGS = "run.json"
_SNAPSHOT_NAME = re.compile(r"^tick-(\d{20})$")
# the numpy dtype each Tickstore type is stored as (FORMAT.md, "Column files")
DTYPES = {
    "i8": "|i1", "u8": "|u1", "i16": "<i2", "u16": "<u2", "i32": "<i4", "u32": "<u4",
    "i64": "<i8", "u64": "<u8", "f32": "<f4", "f64": "<f8", "bool": "|b1",
}
# version 2's kinds of column (FORMAT.md, "Format version 2"): an array's element type and shape, a code type
_ARRAY_TYPE = re.compile(r"^([a-z0-9]+)\[(\d+(?:,\d+)*)\]$")
_CATEGORICAL_TYPE = re.compile(r"^cat<(u8|u16|u32)>$")
VARIABLE_LENGTH_TYPES = ("str", "json", "str[]")


class TickstoreError(Exception):
    """Anything this module cannot read; the message names the file first."""


class FormatError(TickstoreError):
    """A file that is not what the format says: missing, the wrong size, a header that disagrees."""


class ChecksumError(TickstoreError):
    """A CRC32C that does not hold: the file changed after it was written."""


# ---------------------------------------------------------------------------------------------------- CRC32C
#
# CRC32C (Castagnoli, reflected, as java.util.zip.CRC32C and SSE4.2's crc32 compute it). A byte at a time in
# Python runs at a few MB/s, so the bulk of the data goes through numpy: the CRC register is linear over GF(2), so
# "advance the register by n bytes" is a 32x32 bit matrix, applied to many values at once through lookup tables
# (np.take). The data is cut into rows of L pieces of 16 bytes; piece i of every row is a lane whose register follows
# Horner's rule over the rows (register = advance(register, row length) ^ crc of the lane's 16 bytes), every lane at
# once, so each numpy call works on a contiguous row. At the end each lane is advanced by its distance to the end of
# the row and the lanes are XORed together (pairwise, in a tree). The register's initial value is XORed into the
# first four bytes, which for a reflected CRC is the same thing.

_POLY = 0x82F63B78
_MASK = 0xFFFFFFFF


def _byte_table():
    t = np.arange(256, dtype=np.uint32)
    for _ in range(8):
        t = np.where(t & 1, (t >> np.uint32(1)) ^ np.uint32(_POLY), t >> np.uint32(1)).astype(np.uint32)
    return t


_TABLE = _byte_table()
_TABLE_LIST = [int(v) for v in _TABLE]


def _advance_one_byte():
    """The operator 'one zero byte through the register', as the images of the 32 basis vectors."""
    basis = np.uint32(1) << np.arange(32, dtype=np.uint32)
    return (basis >> np.uint32(8)) ^ _TABLE[basis & np.uint32(0xFF)]


def _byte_tables(op):
    """Four 256-entry tables: tables[k][b] is the operator applied to b << 8k."""
    b = np.arange(256, dtype=np.uint32)
    tables = np.zeros((4, 256), dtype=np.uint32)
    for k in range(4):
        for i in range(8):
            tables[k] ^= np.where((b >> np.uint32(i)) & np.uint32(1), op[8 * k + i], np.uint32(0)).astype(np.uint32)
    return tables


def _apply(tables, v):
    return (tables[0][v & 0xFF] ^ tables[1][(v >> 8) & 0xFF]
            ^ tables[2][(v >> 16) & 0xFF] ^ tables[3][v >> 24])


def _compose(outer, inner):
    return _apply(_byte_tables(outer), inner)


_ONE_BYTE = _advance_one_byte()
_ADVANCE = {1: _ONE_BYTE}


def _advance(n):
    """The operator 'n zero bytes through the register' (n >= 1), by squaring."""
    op = _ADVANCE.get(n)
    if op is None:
        half = _advance(n // 2)
        op = _compose(half, half)
        if n % 2:
            op = _compose(_ONE_BYTE, op)
        _ADVANCE[n] = op
    return op


def _tables16(op):
    """Two 65536-entry tables: the operator applied to the low and to the high 16 bits of a value."""
    tables = _byte_tables(op)
    x = np.arange(65536, dtype=np.uint32)
    return tables[0][x & 0xFF] ^ tables[1][x >> 8], tables[2][x & 0xFF] ^ tables[3][x >> 8]


_T16 = {}


def _tables16_for(n):
    found = _T16.get(n)
    if found is None:
        found = _T16[n] = _tables16(_advance(n))
    return found


_MAX_LANES = 1 << 14          # 16384 lanes of 16 bytes: rows of 256 KiB, measured fastest on a 2-core machine
_LANE_WORDS = 4               # 16 bytes of a lane per row
_NUMPY_FROM = 256             # shorter pieces go byte by byte


def _rows(words, lanes, register):
    """The register after the rows of ``words`` (shape (rows, 4 * lanes), uint32) from ``register``."""
    k = _LANE_WORDS
    advance_row = _tables16_for(4 * k * lanes)
    # word j of a lane's 16 bytes is followed by 4 * (k - 1 - j) more bytes of the lane
    word_tables = [_tables16_for(4 * (k - j)) for j in range(k)]
    state = np.zeros(lanes, dtype=np.uint32)
    nxt = np.empty(lanes, dtype=np.uint32)
    tmp = np.empty(lanes, dtype=np.uint32)
    idx = np.empty(lanes, dtype=np.uint32)
    first = True
    for row in words:
        if first:
            row = row.copy()
            row[0] ^= np.uint32(register)
            first = False
        # the lane's register advanced past the whole row, then each of its words advanced to the row's end; the indices
        # are 16-bit, so "clip" never clips: it only spares numpy the bounds check and the buffered copy of "raise"
        np.bitwise_and(state, 0xFFFF, out=idx)
        np.take(advance_row[0], idx, out=nxt, mode="clip")
        np.right_shift(state, 16, out=idx)
        np.take(advance_row[1], idx, out=tmp, mode="clip")
        nxt ^= tmp
        for j in range(k):
            word = row[j::k]
            low, high = word_tables[j]
            np.bitwise_and(word, 0xFFFF, out=idx)
            np.take(low, idx, out=tmp, mode="clip")
            nxt ^= tmp
            np.right_shift(word, 16, out=idx)
            np.take(high, idx, out=tmp, mode="clip")
            nxt ^= tmp
        state, nxt = nxt, state
    # lane i sits 16 * (lanes - 1 - i) bytes before the end of a row: pair neighbours, then pairs of pairs
    distance = 4 * k
    while len(state) > 1:
        state = _apply(_byte_tables(_advance(distance)), state[0::2]) ^ state[1::2]
        distance *= 2
    return int(state[0])


def _register(data, register):
    """The CRC register after ``data`` (a uint8 array) from ``register`` (no final XOR)."""
    n = len(data)
    pos = 0
    lane_bytes = 4 * _LANE_WORDS
    while n - pos >= _NUMPY_FROM:
        left = n - pos
        # as many lanes as allowed while each still gets at least 8 rows
        lanes = 1 << min(_MAX_LANES.bit_length() - 1, (left // (8 * lane_bytes)).bit_length() - 1)
        row_bytes = lane_bytes * lanes
        rows = left // row_bytes
        block = data[pos:pos + rows * row_bytes].view("<u4").reshape(rows, _LANE_WORDS * lanes)
        register = _rows(block, lanes, register)
        pos += rows * row_bytes
    table = _TABLE_LIST
    for b in data[pos:].tobytes():
        register = table[(register ^ b) & 0xFF] ^ (register >> 8)
    return register


def crc32c(data, crc=0):
    """The CRC32C of ``data`` (bytes or any buffer); pass an earlier result as ``crc`` to continue it, as with zlib.crc32."""
    array = np.frombuffer(data, dtype=np.uint8) if not isinstance(data, np.ndarray) else data.reshape(-1).view(np.uint8)
    return _register(array, (crc ^ _MASK) & _MASK) ^ _MASK


def crc32c_file(path, piece_bytes=64 << 20):
    """The CRC32C of a whole file, read through a memory map ``piece_bytes`` at a time."""
    size = os.path.getsize(path)
    if size == 0:
        return 0
    mapped = np.memmap(path, dtype=np.uint8, mode="r")
    try:
        crc = 0
        for start in range(0, size, piece_bytes):
            crc = crc32c(mapped[start:start + piece_bytes], crc)
        return crc
    finally:
        del mapped


# ---------------------------------------------------------------------------------------------------- the manifest


def _no_repeated_keys(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError("repeated key %r" % key)
        seen[key] = value
    return seen


def _canonical(tree):
    """The manifest's canonical form (FORMAT.md, "Checksums"): compact, keys sorted, minimal escaping, UTF-8."""
    return json.dumps(tree, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def read_manifest(snapshot_dir):
    """A snapshot's manifest as a dict, its format and its own checksum checked (that check is never skipped)."""
    path = os.path.join(snapshot_dir, MANIFEST)
    if os.path.islink(path):
        raise FormatError("%s: is a symbolic link; a snapshot holds its own files" % path)
    try:
        with builtins.open(path, "rb") as f:
            text = f.read()
    except FileNotFoundError:
        raise FormatError("%s: no such file: %s is not a snapshot" % (path, snapshot_dir)) from None
    try:
        manifest = json.loads(text.decode("utf-8"), object_pairs_hook=_no_repeated_keys)
    except ValueError as e:
        raise FormatError("%s: not a manifest: %s" % (path, e)) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise FormatError("%s: not a Tickstore manifest (format is %r, not %r)"
                          % (path, manifest.get("format") if isinstance(manifest, dict) else None, FORMAT))
    version = manifest.get("formatVersion")
    if type(version) is not int or version not in FORMAT_VERSIONS:
        raise FormatError("%s: format version %r; this reader knows versions %s"
                          % (path, version, " and ".join(str(v) for v in FORMAT_VERSIONS)))
    recorded = manifest.get("manifestCrc32c")
    body = {k: v for k, v in manifest.items() if k != "manifestCrc32c"}
    actual = "%08x" % crc32c(_canonical(body))
    if recorded != actual:
        raise ChecksumError("%s: the manifest's checksum is %s, but it records %s: the manifest was changed"
                            % (path, actual, recorded))
    return manifest


# ---------------------------------------------------------------------------------------------------- column layouts


class Values:
    """A variable-length column (``str``, ``json``, ``str[]``) as a read-only sequence: row i is
    ``data[offsets[i]:offsets[i + 1]]`` decoded when it is asked for (the offsets and data stay memory-mapped, only
    the row's own bytes are copied). A ``str`` row is a ``str``, a ``json`` row the parsed value (``json.loads`` of its
    canonical text, which ``text(i)`` returns as it is stored), a ``str[]`` row a list of ``str``."""

    def __init__(self, type_name, offsets, data):
        self.type = type_name
        self.offsets = offsets
        self.data = data

    def __len__(self):
        return len(self.offsets) - 1

    def __repr__(self):
        return "Values(%r, rows=%d, bytes=%d)" % (self.type, len(self), len(self.data))

    def _row(self, i):
        if not isinstance(i, (int, np.integer)):
            raise TypeError("a row is an integer, not %r" % (i,))
        n = len(self)
        row = int(i) + n if i < 0 else int(i)
        if not 0 <= row < n:
            raise IndexError("row %d of %d" % (i, n))
        return row

    def raw(self, i):
        """Row i's stored bytes."""
        row = self._row(i)
        return bytes(self.data[int(self.offsets[row]):int(self.offsets[row + 1])])

    def text(self, i):
        """Row i's bytes as text (for ``json`` the canonical JSON; for ``str[]`` the strings with their 0 ends)."""
        return self.raw(i).decode("utf-8")

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[r] for r in range(*i.indices(len(self)))]
        raw = self.raw(i)
        if self.type == "json":
            return json.loads(raw.decode("utf-8"))
        if self.type == "str[]":
            return [s.decode("utf-8") for s in raw.split(b"\0")[:-1]]
        return raw.decode("utf-8")

    def __iter__(self):
        return (self[i] for i in range(len(self)))


def _layout(type_name):
    """(kind, element dtype, shape of a row) of a column type; kind is scalar, array, categorical or variable."""
    if type_name in DTYPES:
        return "scalar", DTYPES[type_name], ()
    found = _ARRAY_TYPE.match(type_name)
    if found and found.group(1) in DTYPES:
        return "array", DTYPES[found.group(1)], tuple(int(d) for d in found.group(2).split(","))
    found = _CATEGORICAL_TYPE.match(type_name)
    if found:
        return "categorical", DTYPES[found.group(1)], ()
    if type_name in VARIABLE_LENGTH_TYPES:
        return "variable", None, ()
    return None, None, ()


def _files(column):
    """Every file entry of a manifest column entry: the column's file, its dictionary, or its offsets and data."""
    if "offsets" in column or "data" in column:
        return [column[k] for k in ("offsets", "data") if k in column]
    return [column] + ([column["dictionary"]] if "dictionary" in column else [])


# ---------------------------------------------------------------------------------------------------- stores, runs, snapshots


def _snapshot_tick(name):
    m = _SNAPSHOT_NAME.match(name)
    return int(m.group(1)) if m else None


def _is_run(path):
    try:
        names = os.listdir(path)
    except OSError:
        return False
    return any(_snapshot_tick(n) is not None and os.path.isdir(os.path.join(path, n)) for n in names) \
        or os.path.isfile(os.path.join(path, RUN_SETTINGS))


def _did_you_mean(word, candidates):
    close = [c for c in candidates if _distance(word.lower(), c.lower()) <= max(1, len(word) // 3)]
    return ("; did you mean %s?" % " or ".join(sorted(close, key=lambda c: _distance(word, c))[:3])) if close else ""


def _distance(a, b):
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


class Snapshot:
    """One snapshot: a tick of a world, one .npy file per column. The manifest is read and checked on opening."""

    def __init__(self, path):
        self.path = os.path.abspath(path)
        self.manifest = read_manifest(self.path)
        self.tick = self.manifest["tick"]
        self._tables = {t["name"]: t for t in self.manifest["tables"]}
        self.format_version = self.manifest["formatVersion"]
        manifest_path = os.path.join(self.path, MANIFEST)
        for t in self.manifest["tables"]:
            for c in t["columns"]:
                kind = _layout(c["type"])[0]
                if kind is None:
                    raise FormatError("%s: table %r column %r: column type %r is newer than this reader"
                                      % (manifest_path, t["name"], c["name"], c["type"]))
                if kind != "scalar" and self.format_version < 2:
                    raise FormatError("%s: table %r column %r: type %r needs format version 2, the manifest says %d"
                                      % (manifest_path, t["name"], c["name"], c["type"], self.format_version))

    def __repr__(self):
        return "Snapshot(%r, tick=%d)" % (self.path, self.tick)

    def tables(self):
        """The table names, in the manifest's order (name order)."""
        return list(self._tables)

    def _table(self, table):
        try:
            return self._tables[table]
        except KeyError:
            raise TickstoreError("%s: no table %r (tables: %s)%s" % (self.path, table, ", ".join(self._tables),
                                                                      _did_you_mean(table, self._tables))) from None

    def columns(self, table):
        """The column names of a table, in schema order."""
        return [c["name"] for c in self._table(table)["columns"]]

    def rows(self, table):
        return self._table(table)["rows"]

    def _entries(self, table):
        t = self._table(table)
        yield "_entity_id", "i64", t["entityIds"]
        for c in t["columns"]:
            yield c["name"], c["type"], c

    def _column_entry(self, table, column):
        for name, type_name, entry in self._entries(table):
            if name == column:
                return type_name, entry
        raise TickstoreError("%s: table %r has no column %r (columns: %s)%s" % (
            self.path, table, column, ", ".join(self.columns(table)), _did_you_mean(column, self.columns(table))))

    def _file_path(self, entry):
        return os.path.join(self.path, *entry["file"].split("/"))

    def _open_column(self, entry, type_name, verify, strings):
        kind, dtype, shape = _layout(type_name)
        if kind == "variable":
            offsets = self._open(entry["offsets"], "<i8", (entry["offsets"]["rows"],), verify)
            data = self._open(entry["data"], "|u1", (entry["data"]["rows"],), verify)
            self._check_offsets(entry, offsets, len(data))
            return Values(type_name, offsets, data)
        values = self._open(entry, dtype, (entry["rows"],) + shape, verify)
        if kind == "categorical":
            dictionary = self._open_dictionary(entry, verify)
            if strings:
                self._check_codes(entry, values, len(dictionary))
                return dictionary[values]
        return values

    def _open_dictionary(self, entry, verify):
        dictionary = entry["dictionary"]
        if not re.match(r"^<U[1-9][0-9]*$", str(dictionary.get("dtype"))):
            raise FormatError("%s: the manifest gives the dictionary dtype %r, not <Un"
                              % (self._file_path(dictionary), dictionary.get("dtype")))
        entries = self._open(dictionary, dictionary["dtype"], (dictionary["rows"],), verify)
        # a repeated entry would make two codes one string: the writer never makes one, so it is damage
        unique, first = np.unique(entries, return_index=True)
        if len(unique) != len(entries):
            repeated = int(np.setdiff1d(np.arange(len(entries)), first)[0])
            raise FormatError("%s: entry %d (%r) repeats an earlier one; a dictionary's entries are unique"
                              % (self._file_path(dictionary), repeated, str(entries[repeated])))
        return entries

    def _check_offsets(self, entry, offsets, data_bytes):
        # a damaged offsets file must be an error naming it, never a read outside the data
        path = self._file_path(entry["offsets"])
        if len(offsets) == 0 or offsets[0] != 0 or offsets[-1] != data_bytes:
            raise FormatError("%s: offsets must start at 0 and end at the data's %d bytes" % (path, data_bytes))
        steps = np.diff(offsets)
        if len(steps) and steps.min() < 0:
            raise FormatError("%s: offsets decrease at row %d" % (path, int(np.argmax(steps < 0))))

    def _check_codes(self, entry, codes, entries):
        if len(codes) and int(codes.max()) >= entries:
            row = int(np.argmax(codes >= entries))
            raise FormatError("%s: row %d holds code %d, but the dictionary has %d entries"
                              % (self._file_path(entry), row, int(codes[row]), entries))

    def _open(self, entry, dtype, shape, verify):
        relative = entry["file"]
        path = os.path.join(self.path, *relative.split("/"))
        table_dir = os.path.dirname(path)
        if os.path.islink(path) or os.path.islink(table_dir):
            raise FormatError("%s: is a symbolic link; a snapshot holds its own files" % path)
        try:
            size = os.path.getsize(path)
        except OSError:
            raise FormatError("%s: missing: the manifest lists it with %d bytes" % (path, entry["fileBytes"])) from None
        if size != entry["fileBytes"]:
            raise FormatError("%s: %d bytes, but the manifest says %d (%s)" % (path, size, entry["fileBytes"],
                                                                                "truncated" if size < entry["fileBytes"] else "too long"))
        if verify:
            actual = "%08x" % crc32c_file(path)
            if actual != entry["crc32c"]:
                raise ChecksumError("%s: CRC32C of the file is %s, the manifest says %s" % (path, actual, entry["crc32c"]))
        try:
            array = np.load(path, mmap_mode="r", allow_pickle=False)
        except ValueError as e:
            raise FormatError("%s: not a .npy file numpy reads: %s" % (path, e)) from None
        if array.dtype.str != dtype or array.shape != shape or (len(shape) > 1 and not array.flags.c_contiguous):
            raise FormatError("%s: holds %s%s, but the manifest says %s%s" % (path, array.dtype.str, array.shape, dtype, shape))
        return array

    def table(self, table, columns=None, verify=False, strings=False):
        """One table as {column: array}, '_entity_id' first; ``columns`` picks some (the entity ids always come).
        A categorical column is its codes, or its strings with ``strings=True``; a variable-length one a ``Values``."""
        known = dict((name, (type_name, entry)) for name, type_name, entry in self._entries(table))
        wanted = list(known) if columns is None else ["_entity_id"] + [c for c in columns if c != "_entity_id"]
        for name in wanted:
            if name not in known:
                raise TickstoreError("%s: table %r has no column %r (columns: %s)%s" % (
                    self.path, table, name, ", ".join(self.columns(table)), _did_you_mean(name, known)))
        return {name: self._open_column(known[name][1], known[name][0], verify, strings) for name in wanted}

    def column(self, table, column, verify=False, strings=False):
        """One column's values, memory-mapped (a categorical column's codes, or its strings with ``strings=True``)."""
        return self.table(table, [column], verify, strings)[column]

    def kind(self, table, column):
        """What a column's rows hold: scalar, array, categorical or variable (variable-length)."""
        return _layout(self._column_entry(table, column)[0])[0]

    def dictionary(self, table, column, verify=False):
        """A categorical column's dictionary: code i stands for the string dictionary[i]."""
        type_name, entry = self._column_entry(table, column)
        if "dictionary" not in entry:
            raise TickstoreError("%s: column %r of table %r is %s, not categorical: it has no dictionary"
                                 % (self.path, column, table, type_name))
        return self._open_dictionary(entry, verify)

    def load(self, verify=False, strings=False):
        """Every table as {table: {column: array}}, memory-mapped; ``verify`` checks every file's CRC32C first,
        ``strings`` turns categorical columns' codes into their strings."""
        return {name: self.table(name, verify=verify, strings=strings) for name in self._tables}

    def verify(self):
        """Checks every file's size and CRC32C against the manifest; raises naming the first that does not hold."""
        self.load(verify=True)
        return True


class Run:
    """One run: its snapshots (tick-<20 digits>/ directories) and its settings (run.json)."""

    def __init__(self, path):
        self.path = os.path.abspath(path)
        self.name = os.path.basename(self.path)
        if not os.path.isdir(self.path):
            raise TickstoreError("%s: no such run directory" % self.path)
        settings = os.path.join(self.path, RUN_SETTINGS)
        self.settings = {}
        if os.path.isfile(settings):
            with builtins.open(settings, "rb") as f:
                self.settings = json.loads(f.read().decode("utf-8"))

    def __repr__(self):
        return "Run(%r)" % self.path

    @property
    def status(self):
        """What run.json says: running, completed, stopped, failed or interrupted ('running' also after a crash)."""
        return self.settings.get("status", "stopped")

    def ticks(self):
        """The ticks that have a published snapshot, ascending."""
        ticks = []
        for name in os.listdir(self.path):
            tick = _snapshot_tick(name)
            if tick is not None and os.path.isdir(os.path.join(self.path, name)):
                ticks.append(tick)
        return sorted(ticks)

    def snapshot(self, tick):
        """The snapshot of ``tick`` ('latest' for the newest)."""
        ticks = self.ticks()
        if tick == "latest":
            if not ticks:
                raise TickstoreError("%s: the run has no snapshots" % self.path)
            tick = ticks[-1]
        tick = int(tick)
        if tick not in ticks:
            raise TickstoreError("%s: no snapshot of tick %d (snapshots: %s); ./tickstore replay %s --tick %d --out DIR "
                                 "rebuilds any tick from the event log" % (self.path, tick, _tick_list(ticks), self.path, tick))
        return Snapshot(os.path.join(self.path, "tick-%020d" % tick))

    def latest(self):
        return self.snapshot("latest")


def _tick_list(ticks):
    if len(ticks) <= 8:
        return str(ticks)
    return "[%d, %d, %d, ..., %d, %d]" % (ticks[0], ticks[1], ticks[2], ticks[-2], ticks[-1])


class Store:
    """A directory of runs (data/runs for ./tickstore)."""

    def __init__(self, path):
        self.path = os.path.abspath(path)
        if not os.path.isdir(self.path):
            raise TickstoreError("%s: no such store directory" % self.path)

    def __repr__(self):
        return "Store(%r)" % self.path

    def runs(self):
        """The run names, sorted."""
        return sorted(n for n in os.listdir(self.path)
                      if not n.startswith(".") and os.path.isdir(os.path.join(self.path, n)) and _is_run(os.path.join(self.path, n)))

    def run(self, name):
        runs = self.runs()
        if name not in runs:
            raise TickstoreError("%s: no run %r (runs: %s)%s" % (self.path, name, ", ".join(runs) or "none",
                                                                 _did_you_mean(name, runs)))
        return Run(os.path.join(self.path, name))


def open(path):
    """A Store, a Run or a Snapshot, by what is at ``path``; ``RUN@TICK`` and ``RUN@latest`` name a run's snapshot."""
    path = os.fspath(path)
    if not os.path.exists(path) and "@" in os.path.basename(path):
        run, _, tick = path.rpartition("@")
        if not os.path.isdir(run):
            raise TickstoreError("%s: no such run directory" % os.path.abspath(run))
        if tick != "latest" and not tick.isdigit():
            raise TickstoreError("%s: %r is not a tick (RUN@TICK or RUN@latest)" % (path, tick))
        return Run(run).snapshot(tick)
    if not os.path.exists(path):
        raise TickstoreError("%s: no such file or directory" % os.path.abspath(path))
    if os.path.isfile(path) and os.path.basename(path) == MANIFEST:
        return Snapshot(os.path.dirname(os.path.abspath(path)))
    if os.path.isfile(os.path.join(path, MANIFEST)):
        return Snapshot(path)
    if _is_run(path):
        return Run(path)
    if os.path.isdir(path) and any(_is_run(os.path.join(path, n)) for n in os.listdir(path)
                                   if os.path.isdir(os.path.join(path, n))):
        return Store(path)
    raise TickstoreError("%s: not a Tickstore store, run or snapshot (no manifest.json, no tick-* directories)"
                         % os.path.abspath(path))


def load(path, verify=False, strings=False):
    """A snapshot (a directory, RUN@TICK or RUN@latest) as {table: {column: array}}, memory-mapped."""
    found = open(path)
    if isinstance(found, Run):
        raise TickstoreError("%s: is a run; name one of its snapshots: %s@TICK with a tick of %s, or %s@latest"
                             % (found.path, found.path, _tick_list(found.ticks()), found.path))
    if isinstance(found, Store):
        raise TickstoreError("%s: is a store of runs (%s); name a snapshot: STORE/RUN@TICK" % (found.path, ", ".join(found.runs())))
    return found.load(verify=verify, strings=strings)
