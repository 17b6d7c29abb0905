package io.tickstore.columns;

import io.tickstore.columns.internal.OffHeap;
import io.tickstore.columns.internal.TableRecorder;
import java.nio.ByteBuffer;
import org.agrona.UnsafeApi;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap;

/**
 * A struct-of-arrays table that lives off-heap: one contiguous buffer per column, plus one of stable 64-bit
 * entity ids, all allocated from a child allocator that this table owns.
 *
 * <h2>Column kinds</h2>
 * A scalar column's buffer holds one value a row; an array column's ({@code f32[768]}) every row's elements, row
 * after row; a categorical column's ({@code cat<u16>}) every row's code into the column's {@link CategoryDictionary},
 * which the table keeps; a variable-length column's ({@code str}, {@code json}, {@code str[]}) a 16-byte reference a
 * row into an arena of the values' bytes that the table also owns (see {@link ColumnLayout}). Each kind has its own
 * accessors: the scalar ones below, element and whole-row ones for arrays ({@link #getFloat(int, long, int)},
 * {@link #setArray(int, long, float[])}), strings for the others ({@link #getString}, {@link #setString},
 * {@link #getStrings}, {@link #setStrings}); an accessor of the wrong kind or type throws naming the column.
 *
 * <h2>Rows, slots and entity ids</h2>
 * Rows are dense: slots {@code 0 .. rowCount()-1} are live. {@link #removeRow} moves the last row into the
 * hole (swap-remove), so a slot is not a stable name for an entity; the entity id is. {@link #slotOf} maps an
 * id to its current slot through a primitive hash map that is rebuilt lazily after a bulk load, so loading a
 * snapshot costs no hashing until someone asks for an id.
 *
 * <h2>Access</h2>
 * Typed get/set take a column index and a {@code long} row. They are bounds- and type-checked unless the
 * system property {@value #DISABLE_BOUNDS_CHECKS_PROP} is {@code true} at class load (the Agrona
 * convention); with checks off a bad index reads or writes wild memory, so turn them off only for code
 * whose indices are proven. Addresses are {@code long} throughout; a column may exceed 2 GiB.
 *
 * <h2>Lifecycle</h2>
 * {@link #close()} frees every buffer and closes the table's allocator, which fails if anything allocated
 * from it is still held: a leak is reported where it happens. Close is idempotent; any access after it
 * throws {@link IllegalStateException} (with checks on). A table is not thread-safe: one thread writes it,
 * or callers synchronise.
 */
public final class Table implements AutoCloseable {
    /** Set to {@code true} to compile out bounds and type checks on the hot path. */
    public static final String DISABLE_BOUNDS_CHECKS_PROP = "tickstore.disable.bounds.checks";
    public static final boolean SHOULD_BOUNDS_CHECK = !Boolean.getBoolean(DISABLE_BOUNDS_CHECKS_PROP);

    private static final long MIN_CAPACITY = 16;
    private static final int ENTITY_ID_SHIFT = 3;

    private final Schema schema;
    private final BufferAllocator allocator;
    /** The stored type of each column's fixed buffer: element type, code type, or u8 for variable-length columns. */
    private final ColumnType[] types;
    /** A scalar column's type, null for other kinds: what the scalar accessors accept. */
    private final ColumnType[] scalarTypes;
    /** An array column's element type, null for other kinds: what the element accessors accept. */
    private final ColumnType[] arrayTypes;
    private final ColumnKind[] kinds;
    /** Bytes a row takes in each column's buffer. */
    private final int[] rowBytes;
    /** Elements a row holds: an array's, 1 for every other kind. */
    private final int[] elements;
    /** The arena of each variable-length column; null for other kinds. */
    private final VariableValues[] values;
    /** The dictionary of each categorical column; null for other kinds. */
    private final CategoryDictionary[] dictionaries;
    /** The code of each categorical column's default string. */
    private final int[] defaultCodes;
    /** The stored bytes of each variable-length column's default. */
    private final byte[][] defaultBytes;
    private final ArrowBuf[] buffers;
    private final long[] addresses;
    private JsonText.Checker jsonChecker;
    private ArrowBuf entityIds;
    private long entityIdAddress;
    private long capacity;
    private long rowCount;
    private long nextEntityId;
    private final LongLongHashMap slotById = new LongLongHashMap();
    private boolean slotIndexStale;
    private boolean closed;
    // set while a recording follows this table; every write below reports to it after applying
    private TableRecorder recorder;

    private Table(Schema schema, BufferAllocator allocator, long capacity, FirstBuffers first) {
        this.schema = schema;
        this.allocator = allocator;
        int n = schema.columnCount();
        this.types = new ColumnType[n];
        this.scalarTypes = new ColumnType[n];
        this.arrayTypes = new ColumnType[n];
        this.kinds = new ColumnKind[n];
        this.rowBytes = new int[n];
        this.elements = new int[n];
        this.values = new VariableValues[n];
        this.dictionaries = new CategoryDictionary[n];
        this.defaultCodes = new int[n];
        this.defaultBytes = new byte[n][];
        this.buffers = new ArrowBuf[n];
        this.addresses = new long[n];
        for (int i = 0; i < n; i++) {
            ColumnSpec spec = schema.column(i);
            ColumnLayout layout = spec.layout();
            types[i] = layout.type();
            kinds[i] = layout.kind();
            rowBytes[i] = layout.fixedRowBytes();
            elements[i] = layout.elements();
            if (kinds[i] == ColumnKind.SCALAR) {
                scalarTypes[i] = types[i];
            } else if (kinds[i] == ColumnKind.ARRAY) {
                arrayTypes[i] = types[i];
            } else if (kinds[i] == ColumnKind.CATEGORICAL) {
                dictionaries[i] = new CategoryDictionary(spec.name(), types[i]);
                defaultCodes[i] = dictionaries[i].append(spec.defaultText());
            } else {
                values[i] = new VariableValues(allocator);
                defaultBytes[i] = spec.defaultBytes();
            }
        }
        this.capacity = 0;
        reallocate(capacity, first);
    }

    /**
     * Allocates an empty table. Its memory comes from a new child of {@code parent} named after the table,
     * so a leak names the table that caused it.
     */
    public static Table allocate(Schema schema, BufferAllocator parent, long initialCapacity) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("initial capacity " + initialCapacity + " is negative");
        }
        return allocate(schema, parent, Math.max(MIN_CAPACITY, initialCapacity), null);
    }

    /**
     * Allocates an empty table of exactly {@code capacity} rows whose first fixed-width buffers {@code first} may
     * supply instead of the allocator (a copy-on-write mapping of a snapshot's files, for one); see
     * {@link FirstBuffers}. A loader then declares the rows with {@link #adoptLoadedRows}. On failure every buffer
     * made so far, supplied ones included, is closed.
     */
    public static Table allocate(Schema schema, BufferAllocator parent, long capacity, FirstBuffers first) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity " + capacity + " is negative");
        }
        BufferAllocator child = parent.newChildAllocator("table:" + schema.name(), 0, Long.MAX_VALUE);
        try {
            return new Table(schema, child, capacity, first);
        } catch (RuntimeException | Error e) {
            child.close();
            throw e;
        }
    }

    public Schema schema() {
        return schema;
    }

    public String name() {
        return schema.name();
    }

    /** Live rows. */
    public long rowCount() {
        return rowCount;
    }

    /** Rows that fit before the next growth. */
    public long capacity() {
        return capacity;
    }

    /** The id the next {@link #addRow()} will assign; ids are never reused. */
    public long nextEntityId() {
        return nextEntityId;
    }

    /** The column's position in the schema; throws naming the table when there is no such column. */
    public int columnIndex(String columnName) {
        int index = schema.indexOf(columnName);
        if (index < 0) {
            throw new IllegalArgumentException("table '" + name() + "' has no column '" + columnName + "' (columns: "
                    + String.join(", ", schema.columnNames()) + ")" + io.tickstore.columns.internal.DidYouMean.suffix(columnName,
                    schema.columnNames()));
        }
        return index;
    }

    /**
     * The type of the column's stored values: a scalar's type, an array's element type, a categorical column's code
     * type, {@code u8} for a variable-length column (see {@link ColumnLayout#type()}).
     */
    public ColumnType columnType(int column) {
        return types[column];
    }

    /** What the column's rows hold. */
    public ColumnKind columnKind(int column) {
        return kinds[column];
    }

    /** The column's layout, as its schema declares it. */
    public ColumnLayout columnLayout(int column) {
        return schema.column(column).layout();
    }

    public boolean isClosed() {
        return closed;
    }

    // ------------------------------------------------------------------ rows

    /**
     * Appends a row with a fresh entity id; every column holds its default. Returns the new slot. Throws
     * {@link IllegalStateException} once every id below {@code Long.MAX_VALUE} has been used.
     */
    public long addRow() {
        ensureOpen();
        long id = nextEntityId;
        if (id == Long.MAX_VALUE) {
            throw new IllegalStateException("table '" + name() + "' has used every entity id below " + Long.MAX_VALUE);
        }
        long slot = appendSlot(id);
        if (!slotIndexStale) {
            slotById.put(id, slot);
        }
        if (recorder != null) {
            recorder.added(id);
        }
        return slot;
    }

    /**
     * Appends a row for a given entity id, as a loader or a replay does; fails if the id is live already or
     * outside {@code [0, Long.MAX_VALUE)}. Later {@link #addRow()} calls assign ids above it.
     */
    public long addRow(long entityId) {
        ensureOpen();
        if (entityId < 0 || entityId == Long.MAX_VALUE) {
            // Long.MAX_VALUE is excluded so that the next id, entityId + 1, still exists
            throw new IllegalArgumentException("entity id " + entityId + " is outside [0, " + Long.MAX_VALUE + ") for table '"
                    + name() + "'");
        }
        LongLongHashMap index = slotIndex();
        if (index.containsKey(entityId)) {
            throw new IllegalArgumentException("table '" + name() + "' already holds entity " + entityId);
        }
        long slot = appendSlot(entityId);
        index.put(entityId, slot);
        if (recorder != null) {
            recorder.added(entityId);
        }
        return slot;
    }

    private long appendSlot(long entityId) {
        if (rowCount == capacity) {
            grow(rowCount + 1);
        }
        long slot = rowCount++;
        UnsafeApi.putLong(entityIdAddress + (slot << ENTITY_ID_SHIFT), entityId);
        if (entityId >= nextEntityId) {
            nextEntityId = entityId + 1;
        }
        for (int c = 0; c < types.length; c++) {
            switch (kinds[c]) {
                case SCALAR:
                    writeBits(addresses[c], types[c], slot, schema.column(c).defaultValue().bits());
                    break;
                case CATEGORICAL:
                    writeBits(addresses[c], types[c], slot, defaultCodes[c]);
                    break;
                case ARRAY: {
                    long bits = schema.column(c).defaultValue().bits();
                    long base = addresses[c] + slot * rowBytes[c];
                    if (bits == 0) {
                        UnsafeApi.setMemory(base, rowBytes[c], (byte) 0);
                    } else {
                        for (int i = 0; i < elements[c]; i++) {
                            writeBits(base, types[c], i, bits);
                        }
                    }
                    break;
                }
                default:
                    values[c].assign(addresses[c], rowCount, slot, defaultBytes[c], true);
                    break;
            }
        }
        return slot;
    }

    /**
     * Removes the row at {@code slot} by moving the last row into it. Returns the entity id that was removed.
     * After this call the entity that was last lives at {@code slot}.
     */
    public long removeRow(long slot) {
        checkRow(slot);
        long last = rowCount - 1;
        long removedId = UnsafeApi.getLong(entityIdAddress + (slot << ENTITY_ID_SHIFT));
        for (int c = 0; c < types.length; c++) {
            if (values[c] != null) {
                values[c].release(addresses[c], slot);
            }
        }
        if (slot != last) {
            for (int c = 0; c < types.length; c++) {
                int width = rowBytes[c];
                UnsafeApi.copyMemory(addresses[c] + last * width, addresses[c] + slot * width, width);
            }
            clearReferences(last, last + 1);
            long movedId = UnsafeApi.getLong(entityIdAddress + (last << ENTITY_ID_SHIFT));
            UnsafeApi.putLong(entityIdAddress + (slot << ENTITY_ID_SHIFT), movedId);
            if (!slotIndexStale) {
                slotById.put(movedId, slot);
            }
        }
        if (!slotIndexStale) {
            slotById.remove(removedId);
        }
        if (slot == last) {
            clearReferences(last, last + 1);
        }
        rowCount = last;
        if (recorder != null) {
            recorder.removed(removedId);
        }
        return removedId;
    }

    /** Removes the entity's row; throws naming the table when the entity is not live. */
    public void removeEntity(long entityId) {
        long slot = slotOf(entityId);
        if (slot < 0) {
            throw new IllegalArgumentException("table '" + name() + "' holds no entity " + entityId);
        }
        removeRow(slot);
    }

    /** The entity id of the row at {@code slot}. */
    public long entityId(long slot) {
        checkRow(slot);
        return UnsafeApi.getLong(entityIdAddress + (slot << ENTITY_ID_SHIFT));
    }

    /** The current slot of an entity, or -1 when it is not live. */
    public long slotOf(long entityId) {
        ensureOpen();
        return slotIndex().getIfAbsent(entityId, -1L);
    }

    public boolean containsEntity(long entityId) {
        return slotOf(entityId) >= 0;
    }

    /** Drops every row; capacity and the entity id counter stay. A recorded table reports each row as removed. */
    public void clear() {
        ensureOpen();
        if (recorder != null) {
            // last slot first: each removal is then a plain truncation, which a replay repeats without moving rows
            while (rowCount > 0) {
                removeRow(rowCount - 1);
            }
        }
        clearReferences(0, rowCount);
        rowCount = 0;
        slotById.clear();
        slotIndexStale = false;
        for (VariableValues v : values) {
            if (v != null) {
                v.clear();
            }
        }
    }

    /** Makes room for at least {@code rows} rows without further growth. */
    public void ensureCapacity(long rows) {
        ensureOpen();
        if (rows > capacity) {
            grow(rows);
        }
    }

    /**
     * Declares that a bulk loader has written {@code rows} rows of every column and entity id directly into
     * the buffers (through {@link #columnAddress} and {@link #entityIdAddress}). The id index is rebuilt on
     * first use; a duplicate id is reported then.
     */
    public void adoptLoadedRows(long rows, long nextId) {
        ensureOpen();
        refuseWhileRecorded("a bulk load");
        if (rows < 0 || rows > capacity) {
            throw new IllegalArgumentException("loaded row count " + rows + " is outside [0, " + capacity + "] for table '" + name() + "'");
        }
        if (nextId < 0) {
            throw new IllegalArgumentException("next entity id " + nextId + " is negative for table '" + name() + "'");
        }
        for (int c = 0; c < types.length; c++) {
            if (values[c] != null) {
                long bad = values[c].firstBadReference(addresses[c], rows);
                if (bad >= 0) {
                    throw new IllegalArgumentException("table '" + name() + "' column '" + schema.column(c).name() + "' slot " + bad
                            + " was loaded with no value, or one outside the column's loaded bytes");
                }
            } else if (dictionaries[c] != null) {
                int size = dictionaries[c].size();
                for (long slot = 0; slot < rows; slot++) {
                    long code = readBits(addresses[c], types[c], slot);
                    if (code >= size) {
                        throw new IllegalArgumentException("table '" + name() + "' column '" + schema.column(c).name() + "' slot " + slot
                                + " holds code " + code + ", outside its dictionary of " + size + " entries");
                    }
                }
            }
        }
        rowCount = rows;
        clearReferences(rows, capacity);
        nextEntityId = nextId;
        slotById.clear();
        slotIndexStale = rows > 0;
    }

    /**
     * Zeroes the value references of slots {@code [from, to)} of every variable-length column. Slots past the live rows
     * always hold empty references, so a loader that fills slots one at a time can grow the arena (which moves the
     * values of every slot it has filled) without meeting a stale reference.
     */
    private void clearReferences(long from, long to) {
        if (to <= from) {
            return;
        }
        for (int c = 0; c < types.length; c++) {
            if (values[c] != null) {
                UnsafeApi.setMemory(addresses[c] + from * ColumnLayout.VALUE_REF_BYTES, (to - from) * ColumnLayout.VALUE_REF_BYTES, (byte) 0);
            }
        }
    }

    private LongLongHashMap slotIndex() {
        if (slotIndexStale) {
            slotById.clear();
            for (long slot = 0; slot < rowCount; slot++) {
                long id = UnsafeApi.getLong(entityIdAddress + (slot << ENTITY_ID_SHIFT));
                if (id < 0 || id >= nextEntityId) {
                    throw new IllegalStateException("table '" + name() + "' slot " + slot + " holds entity id " + id
                            + " outside [0, " + nextEntityId + ")");
                }
                if (slotById.containsKey(id)) {
                    throw new IllegalStateException("table '" + name() + "' holds entity " + id + " twice (slots "
                            + slotById.get(id) + " and " + slot + ")");
                }
                slotById.put(id, slot);
            }
            slotIndexStale = false;
        }
        return slotById;
    }

    // ------------------------------------------------------------------ bulk loading, without raw memory

    /**
     * Appends {@code count} rows with fresh entity ids, every column at its default, and returns the first new slot:
     * the start of a bulk load ({@link #loadColumn}). A recorded table reports each row as added.
     */
    public long appendRows(long count) {
        ensureOpen();
        if (count < 0) {
            throw new IllegalArgumentException("cannot append " + count + " rows to table '" + name() + "'");
        }
        ensureCapacity(rowCount + count);
        long first = rowCount;
        for (long i = 0; i < count; i++) {
            addRow();
        }
        return first;
    }

    /**
     * Copies little-endian values from {@code values} (from its position to its limit, a whole number of the column's
     * width) into rows {@code firstRow, firstRow + 1, ...}, which must be live; {@code values}' position is left as it
     * was. A recorded table reports every value written, as a loop of setters would.
     */
    public void loadColumn(int column, long firstRow, ByteBuffer values) {
        ensureOpen();
        checkColumn(column);
        requireFixed(column, "loadColumn");
        int width = rowBytes[column];
        int bytes = values.remaining();
        if (bytes % width != 0) {
            throw new IllegalArgumentException(bytes + " bytes are not a whole number of " + columnLayout(column) + " rows for column '"
                    + schema.column(column).name() + "' of table '" + name() + "'");
        }
        long rows = bytes / width;
        checkRows(firstRow, rows);
        ByteBuffer source = values.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        columnView(column, firstRow * width, bytes).put(source);
        if (recorder != null) {
            for (long r = firstRow; r < firstRow + rows; r++) {
                if (kinds[column] == ColumnKind.ARRAY) {
                    recordValue(column, r);
                } else {
                    recordSet(column, r);
                }
            }
        }
    }

    /** Refuses a bulk operation on a column whose rows are not fixed-width values (a categorical or variable-length column). */
    private void requireFixed(int column, String operation) {
        if (kinds[column] != ColumnKind.SCALAR && kinds[column] != ColumnKind.ARRAY) {
            throw new IllegalArgumentException("column '" + schema.column(column).name() + "' of table '" + name() + "' is "
                    + columnLayout(column) + ": " + operation + " moves scalar and array values only");
        }
    }

    /** {@link #loadColumn(int, long, ByteBuffer)} from an array of an f32 column. */
    public void loadColumn(int column, long firstRow, float[] values) {
        requireType(column, ColumnType.F32, ColumnType.F32);
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        loadColumn(column, firstRow, bytes);
    }

    /** {@link #loadColumn(int, long, ByteBuffer)} from an array of an f64 column. */
    public void loadColumn(int column, long firstRow, double[] values) {
        requireType(column, ColumnType.F64, ColumnType.F64);
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Double.BYTES).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        bytes.asDoubleBuffer().put(values);
        loadColumn(column, firstRow, bytes);
    }

    /** {@link #loadColumn(int, long, ByteBuffer)} from an array of an i64 or u64 column. */
    public void loadColumn(int column, long firstRow, long[] values) {
        requireType(column, ColumnType.I64, ColumnType.U64);
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        loadColumn(column, firstRow, bytes);
    }

    /** {@link #loadColumn(int, long, ByteBuffer)} from an array of an i32 or u32 column. */
    public void loadColumn(int column, long firstRow, int[] values) {
        requireType(column, ColumnType.I32, ColumnType.U32);
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Integer.BYTES).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        bytes.asIntBuffer().put(values);
        loadColumn(column, firstRow, bytes);
    }

    /** {@link #loadColumn(int, long, ByteBuffer)} from an array of an i16 or u16 column. */
    public void loadColumn(int column, long firstRow, short[] values) {
        requireType(column, ColumnType.I16, ColumnType.U16);
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Short.BYTES).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(values);
        loadColumn(column, firstRow, bytes);
    }

    /** {@link #loadColumn(int, long, ByteBuffer)} from an array of an i8 or u8 column. */
    public void loadColumn(int column, long firstRow, byte[] values) {
        requireType(column, ColumnType.I8, ColumnType.U8);
        loadColumn(column, firstRow, ByteBuffer.wrap(values));
    }

    /** {@link #loadColumn(int, long, ByteBuffer)} from an array of a bool column. */
    public void loadColumn(int column, long firstRow, boolean[] values) {
        requireType(column, ColumnType.BOOL, ColumnType.BOOL);
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = values[i] ? (byte) 1 : (byte) 0;
        }
        loadColumn(column, firstRow, ByteBuffer.wrap(bytes));
    }

    /** Copies rows {@code firstRow ..} of a column out as little-endian bytes, filling {@code into} to its limit. */
    public void readColumn(int column, long firstRow, ByteBuffer into) {
        ensureOpen();
        checkColumn(column);
        if (values[column] != null) {
            throw new IllegalArgumentException("column '" + schema.column(column).name() + "' of table '" + name() + "' is "
                    + columnLayout(column) + ": read its values with readValue");
        }
        int width = rowBytes[column];
        int bytes = into.remaining();
        if (bytes % width != 0) {
            throw new IllegalArgumentException(bytes + " bytes are not a whole number of " + columnLayout(column) + " rows");
        }
        checkRows(firstRow, bytes / width);
        into.put(columnView(column, firstRow * width, bytes));
    }

    private void checkColumn(int column) {
        if (column < 0 || column >= types.length) {
            throw new IndexOutOfBoundsException("column " + column + " outside [0, " + types.length + ") of table '" + name() + "'");
        }
    }

    private void requireType(int column, ColumnType expected, ColumnType alsoAllowed) {
        checkColumn(column);
        requireFixed(column, "loadColumn");
        if (types[column] != expected && types[column] != alsoAllowed) {
            throw new IllegalArgumentException("column '" + schema.column(column).name() + "' of table '" + name() + "' is "
                    + types[column] + ", not " + expected);
        }
    }

    private void checkRows(long firstRow, long rows) {
        if (firstRow < 0 || rows < 0 || firstRow > rowCount - rows) {
            throw new IndexOutOfBoundsException("rows [" + firstRow + ", " + (firstRow + rows) + ") outside the " + rowCount
                    + " live rows of table '" + name() + "'; append them first (appendRows)");
        }
    }

    // ------------------------------------------------------------------ recording

    /**
     * Reports every following change of this table to {@code recorder}, right after applying it. Set by a
     * recording for the tables of the world it records; a table has at most one recorder.
     */
    public void attachRecorder(TableRecorder recorder) {
        ensureOpen();
        if (this.recorder != null) {
            throw new IllegalStateException("table '" + name() + "' is recorded already: a world has one recording at a time");
        }
        this.recorder = java.util.Objects.requireNonNull(recorder, "recorder");
    }

    /** Stops reporting changes; does nothing when no recorder is attached. */
    public void detachRecorder() {
        recorder = null;
    }

    /** Whether a recorder follows this table's changes. */
    public boolean isRecorded() {
        return recorder != null;
    }

    /** Reports a write whose bits the setter knows (in {@link #getBits} form), without reading the value back. */
    private void recordBits(int column, long row, long bits) {
        recorder.set(UnsafeApi.getLong(entityIdAddress + (row << ENTITY_ID_SHIFT)), column, bits);
    }

    private void recordElement(int column, long row, int index, long bits) {
        recorder.setElement(UnsafeApi.getLong(entityIdAddress + (row << ENTITY_ID_SHIFT)), column, index, bits);
    }

    /** Reports an array row or a variable-length value as it is now stored. */
    private void recordValue(int column, long row) {
        long entity = UnsafeApi.getLong(entityIdAddress + (row << ENTITY_ID_SHIFT));
        if (values[column] != null) {
            recorder.setValue(entity, column, values[column].valueAddress(addresses[column], row),
                    (int) VariableValues.length(addresses[column], row));
        } else {
            recorder.setValue(entity, column, addresses[column] + row * rowBytes[column], rowBytes[column]);
        }
    }

    private void recordSet(int column, long row) {
        // the bits are read back rather than passed from each setter, so every type reports them in one form
        recorder.set(UnsafeApi.getLong(entityIdAddress + (row << ENTITY_ID_SHIFT)), column,
                readBits(addresses[column], types[column], row));
    }

    private void refuseWhileRecorded(String what) {
        if (recorder != null) {
            throw new IllegalStateException("table '" + name() + "' is recorded: " + what + " bypasses its event log; "
                    + "load the table before the recording starts");
        }
    }

    // ------------------------------------------------------------------ typed access

    public byte getByte(int column, long row) {
        check(column, row, ColumnType.I8, ColumnType.U8);
        return UnsafeApi.getByte(addresses[column] + row);
    }

    public void setByte(int column, long row, byte value) {
        check(column, row, ColumnType.I8, ColumnType.U8);
        UnsafeApi.putByte(addresses[column] + row, value);
        if (recorder != null) {
            recordBits(column, row, types[column] == ColumnType.I8 ? value : value & 0xFFL);
        }
    }

    public boolean getBoolean(int column, long row) {
        check(column, row, ColumnType.BOOL, ColumnType.BOOL);
        return UnsafeApi.getByte(addresses[column] + row) != 0;
    }

    public void setBoolean(int column, long row, boolean value) {
        check(column, row, ColumnType.BOOL, ColumnType.BOOL);
        UnsafeApi.putByte(addresses[column] + row, value ? (byte) 1 : (byte) 0);
        if (recorder != null) {
            recordBits(column, row, value ? 1L : 0L);
        }
    }

    public short getShort(int column, long row) {
        check(column, row, ColumnType.I16, ColumnType.U16);
        return UnsafeApi.getShort(addresses[column] + (row << 1));
    }

    public void setShort(int column, long row, short value) {
        check(column, row, ColumnType.I16, ColumnType.U16);
        UnsafeApi.putShort(addresses[column] + (row << 1), value);
        if (recorder != null) {
            recordBits(column, row, types[column] == ColumnType.I16 ? value : value & 0xFFFFL);
        }
    }

    public int getInt(int column, long row) {
        check(column, row, ColumnType.I32, ColumnType.U32);
        return UnsafeApi.getInt(addresses[column] + (row << 2));
    }

    public void setInt(int column, long row, int value) {
        check(column, row, ColumnType.I32, ColumnType.U32);
        UnsafeApi.putInt(addresses[column] + (row << 2), value);
        if (recorder != null) {
            recordBits(column, row, types[column] == ColumnType.I32 ? value : value & 0xFFFF_FFFFL);
        }
    }

    /** A {@code u32} value as a non-negative long. */
    public long getUnsignedInt(int column, long row) {
        return getInt(column, row) & 0xFFFF_FFFFL;
    }

    public long getLong(int column, long row) {
        check(column, row, ColumnType.I64, ColumnType.U64);
        return UnsafeApi.getLong(addresses[column] + (row << 3));
    }

    public void setLong(int column, long row, long value) {
        check(column, row, ColumnType.I64, ColumnType.U64);
        UnsafeApi.putLong(addresses[column] + (row << 3), value);
        if (recorder != null) {
            recordBits(column, row, value);
        }
    }

    public float getFloat(int column, long row) {
        check(column, row, ColumnType.F32, ColumnType.F32);
        return UnsafeApi.getFloat(addresses[column] + (row << 2));
    }

    public void setFloat(int column, long row, float value) {
        check(column, row, ColumnType.F32, ColumnType.F32);
        UnsafeApi.putFloat(addresses[column] + (row << 2), value);
        if (recorder != null) {
            recordBits(column, row, Float.floatToRawIntBits(value) & 0xFFFF_FFFFL);
        }
    }

    public double getDouble(int column, long row) {
        check(column, row, ColumnType.F64, ColumnType.F64);
        return UnsafeApi.getDouble(addresses[column] + (row << 3));
    }

    public void setDouble(int column, long row, double value) {
        check(column, row, ColumnType.F64, ColumnType.F64);
        UnsafeApi.putDouble(addresses[column] + (row << 3), value);
        if (recorder != null) {
            recordBits(column, row, Double.doubleToRawLongBits(value));
        }
    }

    /**
     * The value's raw bits in the form {@link DefaultValue#bits()} uses, whatever the column's type: for
     * code that moves values without interpreting them (replay, migration, export).
     */
    public long getBits(int column, long row) {
        checkBits(column, row);
        return readBits(addresses[column], types[column], row);
    }

    /**
     * Writes raw bits (see {@link #getBits}); only the column's width of low bits is stored. For a categorical column
     * the bits are a code, which must be one of its dictionary's.
     */
    public void setBits(int column, long row, long bits) {
        checkBits(column, row);
        if (dictionaries[column] != null) {
            checkCode(column, bits & ((1L << (8 * types[column].byteWidth())) - 1));
        }
        writeBits(addresses[column], types[column], row, bits);
        if (recorder != null) {
            recordSet(column, row);
        }
    }

    /** The value converted to double, for statistics and text output; a categorical column's code. */
    public double getAsDouble(int column, long row) {
        checkBits(column, row);
        return ColumnValues.toDouble(types[column], readBits(addresses[column], types[column], row));
    }

    /** Row and column checks for the raw accessors, which serve scalar and categorical columns (one value a row). */
    private void checkBits(int column, long row) {
        if (SHOULD_BOUNDS_CHECK) {
            if (row < 0 || row >= rowCount || column < 0 || column >= types.length) {
                throw accessError(column, row, null);
            }
            if (kinds[column] != ColumnKind.SCALAR && kinds[column] != ColumnKind.CATEGORICAL) {
                throw accessError(column, row, null);
            }
        }
    }

    private void checkCode(int column, long code) {
        if (code < 0 || code >= dictionaries[column].size()) {
            throw new IllegalArgumentException("code " + code + " is not in the dictionary of column '" + schema.column(column).name()
                    + "' of table '" + name() + "' (" + dictionaries[column].size() + " entries); add strings with setString or intern");
        }
    }

    // ------------------------------------------------------------------ array columns

    /** Elements one row of an array column holds (the product of its shape); 1 for every other kind. */
    public int arrayLength(int column) {
        return elements[column];
    }

    private long elementAddress(int column, long row, int index, int log2) {
        return addresses[column] + row * rowBytes[column] + ((long) index << log2);
    }

    /** Element {@code index} (row-major) of an {@code i8[..]} or {@code u8[..]} row. */
    public byte getByte(int column, long row, int index) {
        checkElement(column, row, index, ColumnType.I8, ColumnType.U8);
        return UnsafeApi.getByte(elementAddress(column, row, index, 0));
    }

    public void setByte(int column, long row, int index, byte value) {
        checkElement(column, row, index, ColumnType.I8, ColumnType.U8);
        UnsafeApi.putByte(elementAddress(column, row, index, 0), value);
        if (recorder != null) {
            recordElement(column, row, index, types[column] == ColumnType.I8 ? value : value & 0xFFL);
        }
    }

    public boolean getBoolean(int column, long row, int index) {
        checkElement(column, row, index, ColumnType.BOOL, ColumnType.BOOL);
        return UnsafeApi.getByte(elementAddress(column, row, index, 0)) != 0;
    }

    public void setBoolean(int column, long row, int index, boolean value) {
        checkElement(column, row, index, ColumnType.BOOL, ColumnType.BOOL);
        UnsafeApi.putByte(elementAddress(column, row, index, 0), value ? (byte) 1 : (byte) 0);
        if (recorder != null) {
            recordElement(column, row, index, value ? 1L : 0L);
        }
    }

    public short getShort(int column, long row, int index) {
        checkElement(column, row, index, ColumnType.I16, ColumnType.U16);
        return UnsafeApi.getShort(elementAddress(column, row, index, 1));
    }

    public void setShort(int column, long row, int index, short value) {
        checkElement(column, row, index, ColumnType.I16, ColumnType.U16);
        UnsafeApi.putShort(elementAddress(column, row, index, 1), value);
        if (recorder != null) {
            recordElement(column, row, index, types[column] == ColumnType.I16 ? value : value & 0xFFFFL);
        }
    }

    public int getInt(int column, long row, int index) {
        checkElement(column, row, index, ColumnType.I32, ColumnType.U32);
        return UnsafeApi.getInt(elementAddress(column, row, index, 2));
    }

    public void setInt(int column, long row, int index, int value) {
        checkElement(column, row, index, ColumnType.I32, ColumnType.U32);
        UnsafeApi.putInt(elementAddress(column, row, index, 2), value);
        if (recorder != null) {
            recordElement(column, row, index, types[column] == ColumnType.I32 ? value : value & 0xFFFF_FFFFL);
        }
    }

    public long getLong(int column, long row, int index) {
        checkElement(column, row, index, ColumnType.I64, ColumnType.U64);
        return UnsafeApi.getLong(elementAddress(column, row, index, 3));
    }

    public void setLong(int column, long row, int index, long value) {
        checkElement(column, row, index, ColumnType.I64, ColumnType.U64);
        UnsafeApi.putLong(elementAddress(column, row, index, 3), value);
        if (recorder != null) {
            recordElement(column, row, index, value);
        }
    }

    /** Element {@code index} (row-major: for {@code f32[4,3]}, {@code [i][j]} is {@code 3 * i + j}) of an {@code f32[..]} row. */
    public float getFloat(int column, long row, int index) {
        checkElement(column, row, index, ColumnType.F32, ColumnType.F32);
        return UnsafeApi.getFloat(elementAddress(column, row, index, 2));
    }

    public void setFloat(int column, long row, int index, float value) {
        checkElement(column, row, index, ColumnType.F32, ColumnType.F32);
        UnsafeApi.putFloat(elementAddress(column, row, index, 2), value);
        if (recorder != null) {
            recordElement(column, row, index, Float.floatToRawIntBits(value) & 0xFFFF_FFFFL);
        }
    }

    public double getDouble(int column, long row, int index) {
        checkElement(column, row, index, ColumnType.F64, ColumnType.F64);
        return UnsafeApi.getDouble(elementAddress(column, row, index, 3));
    }

    public void setDouble(int column, long row, int index, double value) {
        checkElement(column, row, index, ColumnType.F64, ColumnType.F64);
        UnsafeApi.putDouble(elementAddress(column, row, index, 3), value);
        if (recorder != null) {
            recordElement(column, row, index, Double.doubleToRawLongBits(value));
        }
    }

    /** An element's raw bits, in the form {@link #getBits} uses, whatever the array's element type. */
    public long getBits(int column, long row, int index) {
        checkElement(column, row, index, null, null);
        return readBits(addresses[column] + row * rowBytes[column], types[column], index);
    }

    /** Writes an element's raw bits (see {@link #getBits(int, long, int)}). */
    public void setBits(int column, long row, int index, long bits) {
        checkElement(column, row, index, null, null);
        long base = addresses[column] + row * rowBytes[column];
        writeBits(base, types[column], index, bits);
        if (recorder != null) {
            recordElement(column, row, index, readBits(base, types[column], index));
        }
    }

    /** Copies {@code values} (row-major, exactly {@link #arrayLength} of them) into an {@code f32[..]} row. */
    public void setArray(int column, long row, float[] values) {
        checkWholeRow(column, row, ColumnType.F32, values.length);
        UnsafeApi.copyMemory(values, UnsafeApi.arrayBaseOffset(float[].class), null, addresses[column] + row * rowBytes[column],
                (long) values.length << 2);
        if (recorder != null) {
            recordValue(column, row);
        }
    }

    /** Copies an {@code f32[..]} row into {@code into} (exactly {@link #arrayLength} long). */
    public void getArray(int column, long row, float[] into) {
        checkWholeRow(column, row, ColumnType.F32, into.length);
        UnsafeApi.copyMemory(null, addresses[column] + row * rowBytes[column], into, UnsafeApi.arrayBaseOffset(float[].class),
                (long) into.length << 2);
    }

    /** Copies {@code values} (row-major, exactly {@link #arrayLength} of them) into an {@code f64[..]} row. */
    public void setArray(int column, long row, double[] values) {
        checkWholeRow(column, row, ColumnType.F64, values.length);
        UnsafeApi.copyMemory(values, UnsafeApi.arrayBaseOffset(double[].class), null, addresses[column] + row * rowBytes[column],
                (long) values.length << 3);
        if (recorder != null) {
            recordValue(column, row);
        }
    }

    /** Copies an {@code f64[..]} row into {@code into} (exactly {@link #arrayLength} long). */
    public void getArray(int column, long row, double[] into) {
        checkWholeRow(column, row, ColumnType.F64, into.length);
        UnsafeApi.copyMemory(null, addresses[column] + row * rowBytes[column], into, UnsafeApi.arrayBaseOffset(double[].class),
                (long) into.length << 3);
    }

    private void checkWholeRow(int column, long row, ColumnType type, int length) {
        checkElement(column, row, 0, type, type);
        if (length != elements[column]) {
            throw new IllegalArgumentException(length + " values for a row of column '" + schema.column(column).name() + "' ("
                    + columnLayout(column) + ") of table '" + name() + "', which holds " + elements[column]);
        }
    }

    // ------------------------------------------------------------------ categorical columns

    /** The dictionary of a categorical column. */
    public CategoryDictionary dictionary(int column) {
        requireKind(column, ColumnKind.CATEGORICAL);
        return dictionaries[column];
    }

    /** A categorical row's code. */
    public int getCode(int column, long row) {
        checkKindRow(column, row, ColumnKind.CATEGORICAL);
        return (int) readBits(addresses[column], types[column], row);
    }

    /** Sets a categorical row to a code its dictionary holds. */
    public void setCode(int column, long row, int code) {
        checkKindRow(column, row, ColumnKind.CATEGORICAL);
        checkCode(column, code & 0xFFFF_FFFFL);
        writeBits(addresses[column], types[column], row, code);
        if (recorder != null) {
            recordBits(column, row, code & 0xFFFF_FFFFL);
        }
    }

    /**
     * The code of {@code text} in a categorical column's dictionary, appending it when new (a recorded table logs the
     * new entry). Throws when the dictionary is full (the code type numbers no more strings) or the text is not storable.
     */
    public int intern(int column, String text) {
        requireKind(column, ColumnKind.CATEGORICAL);
        int known = dictionaries[column].codeOf(text);
        if (known >= 0) {
            return known;
        }
        // a new string, once per string: the recorder is told through a small object made for it
        TableRecorder told = recorder;
        return dictionaries[column].intern(text, told == null ? null : (code, entry) -> told.dictionaryAdded(column, code, entry));
    }

    // ------------------------------------------------------------------ strings: categorical, str, json, str[]

    /**
     * The string of a categorical, {@code str} or {@code json} row. A categorical row's string is its dictionary's
     * (nothing is allocated); text and JSON are decoded from UTF-8 into a new string.
     */
    public String getString(int column, long row) {
        checkAnyRow(column, row);
        switch (kinds[column]) {
            case CATEGORICAL:
                return dictionaries[column].get((int) readBits(addresses[column], types[column], row));
            case STRING: case JSON:
                return io.tickstore.columns.internal.Utf8.decode(values[column].valueAddress(addresses[column], row),
                        (int) VariableValues.length(addresses[column], row));
            default:
                throw accessError(column, row, null);
        }
    }

    /**
     * Writes a string to a categorical row (its code; a string new to the dictionary is added), a {@code str} row (its
     * UTF-8, encoded in place: nothing is allocated) or a {@code json} row (the canonical form of the JSON text, see
     * {@link JsonText}: parsing allocates). Text may not hold U+0000 or an unpaired surrogate.
     */
    public void setString(int column, long row, String text) {
        checkAnyRow(column, row);
        switch (kinds[column]) {
            case CATEGORICAL: {
                int code = intern(column, text);
                writeBits(addresses[column], types[column], row, code);
                if (recorder != null) {
                    recordBits(column, row, code & 0xFFFF_FFFFL);
                }
                return;
            }
            case STRING: {
                int length = checkedText(column, text);
                long at = values[column].reserve(addresses[column], rowCount, row, length, false);
                io.tickstore.columns.internal.Utf8.encode(text, at);
                break;
            }
            case JSON: {
                String canonical;
                try {
                    canonical = JsonText.canonical(text);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("column '" + schema.column(column).name() + "' of table '" + name() + "': " + e.getMessage(), e);
                }
                int length = checkedText(column, canonical);
                long at = values[column].reserve(addresses[column], rowCount, row, length, false);
                io.tickstore.columns.internal.Utf8.encode(canonical, at);
                break;
            }
            default:
                throw accessError(column, row, null);
        }
        if (recorder != null) {
            recordValue(column, row);
        }
    }

    /** The UTF-8 length of text for a row of {@code column}; the error message is built only for text that is refused. */
    private int checkedText(int column, String text) {
        int length = io.tickstore.columns.internal.Utf8.lengthOrMinusOne(text);
        return length >= 0 ? length : io.tickstore.columns.internal.Utf8.checkText(text, "a value of column '" + schema.column(column).name() + "'");
    }

    /** The strings of a {@code str[]} row, as a new list. */
    public java.util.List<String> getStrings(int column, long row) {
        checkKindRow(column, row, ColumnKind.STRING_LIST);
        return StringLists.decode(values[column].valueAddress(addresses[column], row), VariableValues.length(addresses[column], row));
    }

    /** Writes the strings of a {@code str[]} row, encoded in place (nothing is allocated for a random-access list). */
    public void setStrings(int column, long row, java.util.List<String> items) {
        checkKindRow(column, row, ColumnKind.STRING_LIST);
        long length = StringLists.encodedLengthOrMinusOne(items);
        if (length < 0) {
            length = StringLists.encodedLength(items, "a value of column '" + schema.column(column).name() + "'");
        }
        if (length > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("a value of " + length + " bytes for column '" + schema.column(column).name() + "' is too long");
        }
        long at = values[column].reserve(addresses[column], rowCount, row, length, false);
        StringLists.encode(items, at);
        if (recorder != null) {
            recordValue(column, row);
        }
    }

    // ------------------------------------------------------------------ whole values, as stored bytes

    /**
     * Bytes the row's value takes as stored: an array row's elements ({@code arrayLength * width}), a variable-length
     * value's bytes (UTF-8 text, canonical JSON, or a {@code str[]}'s strings each followed by a 0 byte).
     */
    public int valueLength(int column, long row) {
        checkValueRow(column, row);
        return values[column] != null ? (int) VariableValues.length(addresses[column], row) : rowBytes[column];
    }

    /**
     * The address of the row's stored value ({@link #valueLength} bytes): borrowed, valid until the table is next
     * written, grows or closes; for code that moves values in bulk (snapshots, journals, exports).
     */
    public long valueAddress(int column, long row) {
        checkValueRow(column, row);
        return values[column] != null ? values[column].valueAddress(addresses[column], row) : addresses[column] + row * rowBytes[column];
    }

    /** Copies the row's stored value into {@code into} at its position, advancing it. */
    public void readValue(int column, long row, ByteBuffer into) {
        int length = valueLength(column, row);
        if (into.remaining() < length) {
            throw new java.nio.BufferOverflowException();
        }
        into.put(OffHeap.view(valueAddress(column, row), length));
    }

    /**
     * Sets the row's value from stored bytes (from {@code value}'s position to its limit, which stays): an array row's
     * elements, little-endian and row-major, exactly {@link #valueLength} bytes; or a variable-length value, checked as
     * its kind stores it (UTF-8 without U+0000; canonical JSON text, checked without allocating; a {@code str[]}'s
     * strings each ending in a 0 byte).
     */
    public void setValue(int column, long row, ByteBuffer value) {
        checkValueRow(column, row);
        int length = value.remaining();
        ByteBuffer direct = value.isDirect() ? value : null;
        if (direct == null) {
            direct = ByteBuffer.allocateDirect(length);
            direct.put(value.duplicate()).flip();
        }
        long source = org.apache.arrow.memory.util.MemoryUtil.getByteBufferAddress(direct) + direct.position();
        setValue(column, row, source, length);
    }

    /** {@link #setValue(int, long, ByteBuffer)} from {@code length} bytes at {@code address} (anywhere but this table's memory). */
    public void setValue(int column, long row, long address, int length) {
        checkValueRow(column, row);
        if (values[column] == null) {
            if (length != rowBytes[column]) {
                throw new IllegalArgumentException(length + " bytes for a row of column '" + schema.column(column).name() + "' ("
                        + columnLayout(column) + ") of table '" + name() + "', which takes " + rowBytes[column]);
            }
            UnsafeApi.copyMemory(address, addresses[column] + row * rowBytes[column], length);
        } else {
            long fault = valueFault(column, address, length);
            if (fault >= 0) {
                throw new IllegalArgumentException("a value for column '" + schema.column(column).name() + "' (" + columnLayout(column)
                        + ") of table '" + name() + "' is not one it stores: byte " + fault + " of " + length + " breaks its form"
                        + (kinds[column] == ColumnKind.JSON ? " (canonical JSON text, see JsonText)" : kinds[column] == ColumnKind.STRING
                        ? " (UTF-8 without U+0000)" : " (UTF-8 strings each ending in a 0 byte)"));
            }
            values[column].assign(addresses[column], rowCount, row, address, length, false);
        }
        if (recorder != null) {
            recordValue(column, row);
        }
    }

    /** -1 when {@code length} bytes at {@code address} are a value a variable-length column of this kind stores, else a fault's offset. */
    private long valueFault(int column, long address, long length) {
        switch (kinds[column]) {
            case STRING: return io.tickstore.columns.internal.Utf8.firstInvalid(address, length, false);
            case STRING_LIST: return StringLists.firstFault(address, length);
            default: {
                if (jsonChecker == null) {
                    jsonChecker = new JsonText.Checker();
                }
                return jsonChecker.firstFault(address, length);
            }
        }
    }

    private void checkValueRow(int column, long row) {
        checkAnyRow(column, row);
        if (kinds[column] != ColumnKind.ARRAY && values[column] == null) {
            throw accessError(column, row, null);
        }
    }

    private void checkAnyRow(int column, long row) {
        if (closed || row < 0 || row >= rowCount || column < 0 || column >= types.length) {
            throw accessError(column, row, null);
        }
    }

    private void checkKindRow(int column, long row, ColumnKind kind) {
        checkAnyRow(column, row);
        if (kinds[column] != kind) {
            throw accessError(column, row, null);
        }
    }

    private void requireKind(int column, ColumnKind kind) {
        ensureOpen();
        checkColumn(column);
        if (kinds[column] != kind) {
            throw new IllegalArgumentException("column '" + schema.column(column).name() + "' of table '" + name() + "' is "
                    + columnLayout(column) + ", not " + kind.name().toLowerCase(java.util.Locale.ROOT) + ": " + accessorHint(column));
        }
    }

    // ------------------------------------------------------------------ loading the other kinds, for loaders

    /**
     * For a loader (a snapshot reader, a journal's hydrate): replaces a categorical column's dictionary with
     * {@code entries} (code order), then adds the column's default string when it is not among them. Each entry is
     * checked as stored text and must appear once. The rows' codes are then written into the column's buffer and
     * checked by {@link #adoptLoadedRows}.
     */
    public void loadDictionary(int column, java.util.List<String> entries) {
        requireKind(column, ColumnKind.CATEGORICAL);
        refuseWhileRecorded("loading a dictionary");
        CategoryDictionary dictionary = dictionaries[column];
        dictionary.clear();
        for (int code = 0; code < entries.size(); code++) {
            dictionary.appendAt(code, entries.get(code));
        }
        String dflt = schema.column(column).defaultText();
        int code = dictionary.codeOf(dflt);
        defaultCodes[column] = code >= 0 ? code : dictionary.append(dflt);
    }

    /**
     * For a loader: finds (or adds) the code of a categorical value given as {@code length} UTF-8 bytes of
     * {@code utf8} from {@code offset}, without allocating when the dictionary has it, and writes it at {@code slot}.
     */
    public void putLoadedCategory(int column, long slot, byte[] utf8, int offset, int length) {
        requireKind(column, ColumnKind.CATEGORICAL);
        checkLoadSlot(slot);
        CategoryDictionary dictionary = dictionaries[column];
        int code = dictionary.codeOfUtf8(utf8, offset, length);
        if (code < 0) {
            code = dictionary.intern(new String(utf8, offset, length, java.nio.charset.StandardCharsets.UTF_8), null);
        }
        writeBits(addresses[column], types[column], slot, code);
    }

    /**
     * For a loader placing a variable-length column's values in one piece, as a snapshot stores them: forgets the
     * column's values and returns the address of {@code bytes} bytes for the loader to fill; it then sets each row's
     * reference with {@link #setLoadedValueRef}.
     */
    public long prepareLoadedValues(int column, long bytes) {
        requireVariable(column);
        refuseWhileRecorded("loading values");
        if (bytes < 0) {
            throw new IllegalArgumentException("value bytes " + bytes + " are negative");
        }
        return values[column].prepareLoad(bytes);
    }

    /** For a loader: row {@code slot}'s value is the {@code length} bytes at {@code start} of what {@link #prepareLoadedValues} placed. */
    public void setLoadedValueRef(int column, long slot, long start, long length) {
        checkLoadSlot(slot);
        values[column].setLoaded(addresses[column], slot, start, length);
    }

    /**
     * For a loader filling rows one at a time (a journal's hydrate): row {@code slot}'s value is {@code value}, a
     * string for {@code str}, JSON text for {@code json} (canonicalised here), for any slot not set before.
     */
    public void putLoadedString(int column, long slot, String value) {
        requireVariable(column);
        checkLoadSlot(slot);
        String text = kinds[column] == ColumnKind.JSON ? JsonText.canonical(value) : value;
        if (kinds[column] == ColumnKind.STRING_LIST) {
            throw new IllegalArgumentException("column '" + schema.column(column).name() + "' is str[]: load it with putLoadedStrings");
        }
        putLoadedBytes(column, slot, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), "a value of column '" + schema.column(column).name() + "'", text);
    }

    /** For a loader filling rows one at a time: row {@code slot}'s {@code str[]} value, for any slot not set before. */
    public void putLoadedStrings(int column, long slot, java.util.List<String> items) {
        requireKind(column, ColumnKind.STRING_LIST);
        checkLoadSlot(slot);
        StringLists.encodedLength(items, "a value of column '" + schema.column(column).name() + "'");
        values[column].assign(addresses[column], capacity, slot, StringLists.encode(items), true);
    }

    private void putLoadedBytes(int column, long slot, byte[] bytes, String what, String text) {
        io.tickstore.columns.internal.Utf8.checkText(text, what);
        values[column].assign(addresses[column], capacity, slot, bytes, true);
    }

    private void requireVariable(int column) {
        ensureOpen();
        checkColumn(column);
        if (values[column] == null) {
            throw new IllegalArgumentException("column '" + schema.column(column).name() + "' of table '" + name() + "' is "
                    + columnLayout(column) + ", not a variable-length column");
        }
    }

    private void checkLoadSlot(long slot) {
        if (slot < 0 || slot >= capacity) {
            throw new IndexOutOfBoundsException("slot " + slot + " outside the " + capacity + " slots of table '" + name() + "'");
        }
    }

    /**
     * Makes this table (of the same schema, with no recorder) hold exactly {@code source}'s live rows, entity ids,
     * values, dictionaries and entity id counter, as a bulk load: one memory copy per fixed-width column, the
     * variable-length values gathered into slot order. What a checkpoint's staging copy does. Returns the bytes copied.
     */
    public long copyRowsFrom(Table source) {
        ensureOpen();
        if (!source.schema.equals(schema)) {
            throw new IllegalArgumentException("table '" + name() + "' (" + schema + ") cannot copy the rows of a table of schema " + source.schema);
        }
        refuseWhileRecorded("copying rows in");
        long rows = source.rowCount;
        ensureCapacity(rows);
        long bytes = rows * 8;
        UnsafeApi.copyMemory(source.entityIdAddress, entityIdAddress, rows * 8);
        for (int c = 0; c < types.length; c++) {
            if (values[c] == null) {
                long length = rows * rowBytes[c];
                UnsafeApi.copyMemory(source.addresses[c], addresses[c], length);
                bytes += length;
                if (dictionaries[c] != null) {
                    dictionaries[c].copyFrom(source.dictionaries[c]);
                    defaultCodes[c] = source.defaultCodes[c];
                }
                continue;
            }
            long refs = source.addresses[c];
            long total = 0;
            for (long row = 0; row < rows; row++) {
                total += VariableValues.length(refs, row);
            }
            long to = values[c].prepareLoad(total);
            long at = 0;
            for (long row = 0; row < rows; row++) {
                long length = VariableValues.length(refs, row);
                UnsafeApi.copyMemory(source.values[c].valueAddress(refs, row), to + at, length);
                values[c].setLoaded(addresses[c], row, at, length);
                at += length;
            }
            bytes += total + rows * ColumnLayout.VALUE_REF_BYTES;
        }
        adoptLoadedRows(rows, source.nextEntityId);
        return bytes;
    }

    static long readBits(long base, ColumnType type, long row) {
        switch (type) {
            case I8: return UnsafeApi.getByte(base + row);
            case U8: case BOOL: return UnsafeApi.getByte(base + row) & 0xFFL;
            case I16: return UnsafeApi.getShort(base + (row << 1));
            case U16: return UnsafeApi.getShort(base + (row << 1)) & 0xFFFFL;
            case I32: return UnsafeApi.getInt(base + (row << 2));
            case U32: case F32: return UnsafeApi.getInt(base + (row << 2)) & 0xFFFF_FFFFL;
            default: return UnsafeApi.getLong(base + (row << 3));
        }
    }

    static void writeBits(long base, ColumnType type, long row, long bits) {
        switch (type.log2Width()) {
            case 0: UnsafeApi.putByte(base + row, (byte) bits); break;
            case 1: UnsafeApi.putShort(base + (row << 1), (short) bits); break;
            case 2: UnsafeApi.putInt(base + (row << 2), (int) bits); break;
            default: UnsafeApi.putLong(base + (row << 3), bits); break;
        }
    }

    // ------------------------------------------------------------------ raw memory, for I/O

    /**
     * The address of a column's first byte. Valid until the table grows or closes; for bulk I/O only.
     * Bytes {@code [0, rowCount * width)} are the live rows.
     */
    public long columnAddress(int column) {
        ensureOpen();
        return addresses[column];
    }

    /** The address of the entity id array (little-endian {@code i64}, one per slot). */
    public long entityIdAddress() {
        ensureOpen();
        return entityIdAddress;
    }

    /**
     * Bytes the live rows take in a column's fixed buffer: its values, or for a variable-length column the rows'
     * references (their values are elsewhere: {@link #valueAddress}).
     */
    public long columnByteLength(int column) {
        return rowCount * rowBytes[column];
    }

    /**
     * A direct ByteBuffer over {@code length} bytes of a column from {@code byteOffset}; no copy. Valid until
     * the table grows or closes. Use it for channel I/O and checksums; columns over 2 GiB take several.
     */
    public ByteBuffer columnView(int column, long byteOffset, int length) {
        ensureOpen();
        checkRange(byteOffset, length, capacity * rowBytes[column], schema.column(column).name());
        return OffHeap.view(addresses[column] + byteOffset, length);
    }

    /** Like {@link #columnView} for the entity id array. */
    public ByteBuffer entityIdView(long byteOffset, int length) {
        ensureOpen();
        checkRange(byteOffset, length, capacity << ENTITY_ID_SHIFT, "entity ids");
        return OffHeap.view(entityIdAddress + byteOffset, length);
    }

    private void checkRange(long offset, long length, long limit, String what) {
        // offset > limit - length, not offset + length > limit: the sum overflows for offsets near Long.MAX_VALUE
        if (offset < 0 || length < 0 || length > limit || offset > limit - length) {
            throw new IndexOutOfBoundsException("bytes [" + offset + ", " + (offset + length) + ") outside [0, " + limit
                    + ") of " + what + " in table '" + name() + "'");
        }
    }

    /** Bytes a row of a column takes in its fixed buffer ({@link ColumnLayout#fixedRowBytes()}). */
    public int rowBytes(int column) {
        return rowBytes[column];
    }

    /** Bytes held off-heap by this table, as its allocator accounts them. */
    public long allocatedBytes() {
        return closed ? 0 : allocator.getAllocatedMemory();
    }

    // ------------------------------------------------------------------ growth and checks

    private void grow(long minCapacity) {
        long target = Math.max(minCapacity, capacity + (capacity >> 1));
        reallocate(Math.max(target, MIN_CAPACITY), null);
    }

    /**
     * Moves every column to buffers of {@code newCapacity} rows, copying the live rows. {@code first} (only when the
     * table is new) may supply buffers instead of the allocator; growth always allocates, so a table whose first
     * buffers were a file mapping leaves it, copying, the first time it grows.
     */
    private void reallocate(long newCapacity, FirstBuffers first) {
        ArrowBuf[] fresh = new ArrowBuf[types.length];
        ArrowBuf freshIds = null;
        try {
            for (int c = 0; c < types.length; c++) {
                long bytes = Math.multiplyExact(newCapacity, (long) rowBytes[c]);
                fresh[c] = first == null ? null : first.column(allocator, c, bytes);
                if (fresh[c] == null) {
                    fresh[c] = allocator.buffer(bytes);
                } else if (fresh[c].capacity() < bytes) {
                    throw new IllegalStateException("a supplied buffer of " + fresh[c].capacity() + " bytes is short of the " + bytes
                            + " bytes column '" + schema.column(c).name() + "' of table '" + name() + "' needs");
                }
            }
            long idBytes = Math.multiplyExact(newCapacity, 8L);
            freshIds = first == null ? null : first.entityIds(allocator, idBytes);
            if (freshIds == null) {
                freshIds = allocator.buffer(idBytes);
            } else if (freshIds.capacity() < idBytes) {
                throw new IllegalStateException("a supplied buffer of " + freshIds.capacity() + " bytes is short of the " + idBytes
                        + " bytes the entity ids of table '" + name() + "' need");
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            for (ArrowBuf buf : fresh) {
                if (buf != null) {
                    buf.close();
                }
            }
            if (freshIds != null) {
                freshIds.close();
            }
            throw e;
        }
        for (int c = 0; c < types.length; c++) {
            if (buffers[c] != null) {
                UnsafeApi.copyMemory(addresses[c], fresh[c].memoryAddress(), rowCount * rowBytes[c]);
                buffers[c].close();
            }
            buffers[c] = fresh[c];
            addresses[c] = fresh[c].memoryAddress();
        }
        if (entityIds != null) {
            UnsafeApi.copyMemory(entityIdAddress, freshIds.memoryAddress(), rowCount << ENTITY_ID_SHIFT);
            entityIds.close();
        }
        entityIds = freshIds;
        entityIdAddress = freshIds.memoryAddress();
        capacity = newCapacity;
        clearReferences(rowCount, newCapacity);
    }

    private void check(int column, long row, ColumnType expected, ColumnType alsoAllowed) {
        if (SHOULD_BOUNDS_CHECK) {
            if (row < 0 || row >= rowCount || column < 0 || column >= types.length
                    || (scalarTypes[column] != expected && scalarTypes[column] != alsoAllowed)) {
                throw accessError(column, row, expected);
            }
        }
    }

    private void checkElement(int column, long row, int index, ColumnType expected, ColumnType alsoAllowed) {
        if (SHOULD_BOUNDS_CHECK) {
            if (row < 0 || row >= rowCount || column < 0 || column >= types.length
                    || (expected == null ? arrayTypes[column] == null : arrayTypes[column] != expected && arrayTypes[column] != alsoAllowed)
                    || index < 0 || index >= elements[column]) {
                throw elementError(column, row, index, expected);
            }
        }
    }

    private RuntimeException elementError(int column, long row, int index, ColumnType expected) {
        if (closed || column < 0 || column >= types.length || row < 0 || row >= rowCount) {
            return accessError(column, row, null);
        }
        if (arrayTypes[column] == null || (expected != null && arrayTypes[column] != expected && !sameFamily(arrayTypes[column], expected))) {
            return new IllegalArgumentException("column '" + schema.column(column).name() + "' of table '" + name() + "' is "
                    + columnLayout(column) + ", not an array of " + (expected == null ? "values" : expected.typeName()));
        }
        return new IndexOutOfBoundsException("element " + index + " outside [0, " + elements[column] + ") of column '"
                + schema.column(column).name() + "' (" + columnLayout(column) + ") of table '" + name() + "'");
    }

    /** The pairs one accessor serves (i8/u8, i16/u16, i32/u32, i64/u64). */
    private static boolean sameFamily(ColumnType a, ColumnType b) {
        return a.log2Width() == b.log2Width() && a.isInteger() && b.isInteger();
    }

    private void checkRow(int column, long row) {
        if (SHOULD_BOUNDS_CHECK && (row < 0 || row >= rowCount || column < 0 || column >= types.length)) {
            throw accessError(column, row, null);
        }
    }

    private void checkRow(long row) {
        if (SHOULD_BOUNDS_CHECK && (row < 0 || row >= rowCount)) {
            throw accessError(0, row, null);
        }
    }

    private RuntimeException accessError(int column, long row, ColumnType expected) {
        if (closed) {
            return new IllegalStateException("table '" + name() + "' is closed");
        }
        if (column < 0 || column >= types.length) {
            return new IndexOutOfBoundsException("column " + column + " outside [0, " + types.length + ") of table '" + name() + "'");
        }
        if (row < 0 || row >= rowCount) {
            return new IndexOutOfBoundsException("row " + row + " outside [0, " + rowCount + ") of table '" + name() + "'");
        }
        if (expected == null || kinds[column] != ColumnKind.SCALAR) {
            return new IllegalArgumentException("column '" + schema.column(column).name() + "' of table '" + name() + "' is "
                    + columnLayout(column) + (expected == null ? "" : ", not " + expected) + ": " + accessorHint(column));
        }
        return new IllegalArgumentException("column '" + schema.column(column).name() + "' of table '" + name() + "' is "
                + types[column] + ", not " + expected);
    }

    /** How a column of this kind is read and written, for messages. */
    private String accessorHint(int column) {
        switch (kinds[column]) {
            case ARRAY: return "use the element accessors (getFloat(column, row, index), ...) or getArray/setArray/setValue";
            case CATEGORICAL: return "use getString/setString or getCode/setCode";
            case STRING: case JSON: return "use getString/setString or readValue/setValue";
            case STRING_LIST: return "use getStrings/setStrings or readValue/setValue";
            default: return "use the accessor of its type, getBits or setBits";
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("table '" + name() + "' is closed");
        }
    }

    /**
     * Frees every buffer and closes this table's allocator. Idempotent. Throws {@link IllegalStateException}
     * from the allocator if memory allocated through it is still held elsewhere.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        rowCount = 0;
        capacity = 0;
        for (int c = 0; c < buffers.length; c++) {
            if (buffers[c] != null) {
                buffers[c].close();
                buffers[c] = null;
            }
            addresses[c] = 0;
        }
        if (entityIds != null) {
            entityIds.close();
            entityIds = null;
        }
        for (VariableValues v : values) {
            if (v != null) {
                v.close();
            }
        }
        entityIdAddress = 0;
        slotById.clear();
        allocator.close();
    }

    @Override
    public String toString() {
        return "Table[" + name() + " v" + schema.version() + ", rows=" + rowCount + ", capacity=" + capacity + (closed ? ", closed" : "") + "]";
    }
}
