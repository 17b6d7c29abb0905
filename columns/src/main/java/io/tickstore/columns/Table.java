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
    private final ColumnType[] types;
    private final ArrowBuf[] buffers;
    private final long[] addresses;
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

    private Table(Schema schema, BufferAllocator allocator, long capacity) {
        this.schema = schema;
        this.allocator = allocator;
        int n = schema.columnCount();
        this.types = new ColumnType[n];
        this.buffers = new ArrowBuf[n];
        this.addresses = new long[n];
        for (int i = 0; i < n; i++) {
            types[i] = schema.column(i).type();
        }
        this.capacity = 0;
        reallocate(capacity);
    }

    /**
     * Allocates an empty table. Its memory comes from a new child of {@code parent} named after the table,
     * so a leak names the table that caused it.
     */
    public static Table allocate(Schema schema, BufferAllocator parent, long initialCapacity) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("initial capacity " + initialCapacity + " is negative");
        }
        BufferAllocator child = parent.newChildAllocator("table:" + schema.name(), 0, Long.MAX_VALUE);
        try {
            return new Table(schema, child, Math.max(MIN_CAPACITY, initialCapacity));
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

    public ColumnType columnType(int column) {
        return types[column];
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
            writeBits(addresses[c], types[c], slot, schema.column(c).defaultValue().bits());
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
        if (slot != last) {
            for (int c = 0; c < types.length; c++) {
                int shift = types[c].log2Width();
                UnsafeApi.copyMemory(addresses[c] + (last << shift), addresses[c] + (slot << shift), 1L << shift);
            }
            long movedId = UnsafeApi.getLong(entityIdAddress + (last << ENTITY_ID_SHIFT));
            UnsafeApi.putLong(entityIdAddress + (slot << ENTITY_ID_SHIFT), movedId);
            if (!slotIndexStale) {
                slotById.put(movedId, slot);
            }
        }
        if (!slotIndexStale) {
            slotById.remove(removedId);
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
        rowCount = 0;
        slotById.clear();
        slotIndexStale = false;
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
        rowCount = rows;
        nextEntityId = nextId;
        slotById.clear();
        slotIndexStale = rows > 0;
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
        int width = types[column].byteWidth();
        int bytes = values.remaining();
        if (bytes % width != 0) {
            throw new IllegalArgumentException(bytes + " bytes are not a whole number of " + types[column] + " values for column '"
                    + schema.column(column).name() + "' of table '" + name() + "'");
        }
        long rows = bytes / width;
        checkRows(firstRow, rows);
        ByteBuffer source = values.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        columnView(column, firstRow * width, bytes).put(source);
        if (recorder != null) {
            for (long r = firstRow; r < firstRow + rows; r++) {
                recordSet(column, r);
            }
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
        int width = types[column].byteWidth();
        int bytes = into.remaining();
        if (bytes % width != 0) {
            throw new IllegalArgumentException(bytes + " bytes are not a whole number of " + types[column] + " values");
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
        checkRow(column, row);
        return readBits(addresses[column], types[column], row);
    }

    /** Writes raw bits (see {@link #getBits}); only the column's width of low bits is stored. */
    public void setBits(int column, long row, long bits) {
        checkRow(column, row);
        writeBits(addresses[column], types[column], row, bits);
        if (recorder != null) {
            recordSet(column, row);
        }
    }

    /** The value converted to double, for statistics and text output. */
    public double getAsDouble(int column, long row) {
        checkRow(column, row);
        return ColumnValues.toDouble(types[column], readBits(addresses[column], types[column], row));
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

    /** Bytes the live rows of a column take. */
    public long columnByteLength(int column) {
        return rowCount << types[column].log2Width();
    }

    /**
     * A direct ByteBuffer over {@code length} bytes of a column from {@code byteOffset}; no copy. Valid until
     * the table grows or closes. Use it for channel I/O and checksums; columns over 2 GiB take several.
     */
    public ByteBuffer columnView(int column, long byteOffset, int length) {
        ensureOpen();
        checkRange(byteOffset, length, capacity << types[column].log2Width(), schema.column(column).name());
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

    /** Bytes held off-heap by this table, as its allocator accounts them. */
    public long allocatedBytes() {
        return closed ? 0 : allocator.getAllocatedMemory();
    }

    // ------------------------------------------------------------------ growth and checks

    private void grow(long minCapacity) {
        long target = Math.max(minCapacity, capacity + (capacity >> 1));
        reallocate(Math.max(target, MIN_CAPACITY));
    }

    private void reallocate(long newCapacity) {
        ArrowBuf[] fresh = new ArrowBuf[types.length];
        ArrowBuf freshIds = null;
        try {
            for (int c = 0; c < types.length; c++) {
                fresh[c] = allocator.buffer(Math.multiplyExact(newCapacity, (long) types[c].byteWidth()));
            }
            freshIds = allocator.buffer(Math.multiplyExact(newCapacity, 8L));
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
                UnsafeApi.copyMemory(addresses[c], fresh[c].memoryAddress(), rowCount << types[c].log2Width());
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
    }

    private void check(int column, long row, ColumnType expected, ColumnType alsoAllowed) {
        if (SHOULD_BOUNDS_CHECK) {
            if (row < 0 || row >= rowCount || column < 0 || column >= types.length
                    || (types[column] != expected && types[column] != alsoAllowed)) {
                throw accessError(column, row, expected);
            }
        }
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
        return new IllegalArgumentException("column '" + schema.column(column).name() + "' of table '" + name() + "' is "
                + types[column] + ", not " + expected);
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
        entityIdAddress = 0;
        slotById.clear();
        allocator.close();
    }

    @Override
    public String toString() {
        return "Table[" + name() + " v" + schema.version() + ", rows=" + rowCount + ", capacity=" + capacity + (closed ? ", closed" : "") + "]";
    }
}
