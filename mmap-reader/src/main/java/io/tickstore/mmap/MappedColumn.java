package io.tickstore.mmap;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.ColumnValues;
import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.snapshot.SnapshotFormatException;
import io.tickstore.snapshot.format.NpyHeader;
import io.tickstore.snapshot.format.SnapshotLayout;
import java.io.IOException;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.agrona.UnsafeApi;

/**
 * One column of one snapshot, read straight from its .npy file through a read-only memory mapping.
 *
 * <h2>Opening</h2>
 * {@link #open(Path, String, String)} finds the file by {@link SnapshotLayout#columnFile} and reads nothing else
 * of the snapshot, not even its manifest: the .npy header says the type and the length. A scalar column's file is one
 * value a row; an array column's ({@code f32[768]}, shape {@code (rows, 768)}) holds its rows one after another, read
 * with flat indices or row by row ({@link #row}); a categorical column's file holds its codes
 * ({@link MappedCategories} adds its strings), and a variable-length column's two files open as {@link MappedValues}. Like every snapshot
 * reader it refuses a symbolic link inside the snapshot (the table directory or the file); {@link #open(Path)}
 * opens the path it is given, link or not. The header is read
 * with an ordinary read and checked by {@link NpyHeader#parse} against the file's real size before anything is
 * mapped, so a damaged or truncated file is a {@link SnapshotFormatException} naming the file, never a crash.
 * Data over 1 GiB is mapped as several chunks (see {@link ColumnMapping}); indices are {@code long}.
 *
 * <h2>Reading</h2>
 * The typed getters take an element index and are checked on every call: an index outside
 * {@code [0, length())} is an {@link IndexOutOfBoundsException} naming the file and the length, a getter of the
 * wrong type is an {@link IllegalArgumentException} naming the file and its type, and any read after
 * {@link #close()} is an {@link IllegalStateException}. The checks go away when the system property
 * {@value Table#DISABLE_BOUNDS_CHECKS_PROP} is {@code true} (the same switch as {@link Table}); then a bad index
 * or a read after close touches unmapped memory and may crash the JVM.
 *
 * <h2>Slices</h2>
 * {@link #slice} returns a view of a range that shares this column's mapping: no copy, indices from 0. Closing
 * a slice ends only that view; closing the column it came from unmaps the memory and ends every slice of it.
 *
 * <h2>Threads and files</h2>
 * After {@code open} returns, any number of threads may read (nothing on the read path is mutable). Closing is
 * not safe while another thread reads. The file must not be truncated or rewritten in place while it is
 * mapped: reading a page that is no longer backed by the file raises SIGBUS (an {@code InternalError} at best,
 * a JVM crash at worst), which no check here can prevent.
 * Tickstore's writer never does that (it writes new files and renames them into place).
 */
public final class MappedColumn implements AutoCloseable {
    private static final boolean SHOULD_BOUNDS_CHECK = Table.SHOULD_BOUNDS_CHECK;

    private final ColumnMapping mapping;
    private final ColumnType type;
    /** Elements per row of an array column's file (the product of its dimensions after the first); 1 otherwise. */
    private final long rowLength;
    private final int shift;
    /** Where this view starts, in bytes from the start of the data (0 unless this is a slice). */
    private final long byteStart;
    private final long length;
    private final boolean singleChunk;
    /** The first data byte of this view when the data is one chunk; every address is this plus an offset. */
    private final long baseAddress;
    private final boolean isSlice;
    /**
     * Whether this view was closed. Only ever set to true, so even a column handed to another thread without a
     * happens-before edge reads as open until it is closed; never a spurious failure.
     */
    private boolean closed;

    private MappedColumn(ColumnMapping mapping, long firstElement, long length, boolean isSlice) {
        this.mapping = mapping;
        this.type = mapping.header.type();
        this.rowLength = isSlice ? 1 : mapping.header.valuesPerRow();
        this.shift = type.log2Width();
        this.byteStart = firstElement << shift;
        this.length = length;
        this.singleChunk = mapping.isSingleChunk();
        this.baseAddress = mapping.chunkAddresses.length == 1 ? mapping.chunkAddresses[0] + byteStart : 0;
        this.isSlice = isSlice;
    }

    // ------------------------------------------------------------------ opening

    /**
     * Opens column {@code column} of table {@code table} in the snapshot directory {@code snapshotDir}, reading
     * only that column's file.
     *
     * @throws SnapshotFormatException with {@link Problem#MISSING_FILE} naming the path (and the columns the
     *         table does have) when there is no such file, {@link Problem#BAD_HEADER} when the table directory or
     *         the file is a symbolic link (a snapshot holds no links: {@link SnapshotLayout#requireNoSymbolicLinks}),
     *         or another problem when the file is damaged
     * @throws IllegalArgumentException when a name is empty or would leave its directory
     */
    public static MappedColumn open(Path snapshotDir, String table, String column) throws IOException {
        requireName("table", table);
        requireName("column", column);
        Path file = SnapshotLayout.columnFile(snapshotDir, table, column);
        SnapshotLayout.requireNoSymbolicLinks(snapshotDir, file);
        try {
            return open(file);
        } catch (SnapshotFormatException e) {
            if (e.problem() == Problem.MISSING_FILE && !Files.exists(file)) {
                throw new SnapshotFormatException(file, Problem.MISSING_FILE,
                        MissingColumn.describe(snapshotDir, table, column), e);
            }
            throw e;
        }
    }

    /**
     * Opens a .npy file of an array of a {@link ColumnType} (of one dimension, or more in C order), whether Tickstore or
     * numpy wrote it.
     *
     * @throws SnapshotFormatException naming the file when it is missing ({@link Problem#MISSING_FILE}) or its
     *         header is damaged or disagrees with its size
     */
    public static MappedColumn open(Path npyFile) throws IOException {
        return open(npyFile, ColumnMapping.DEFAULT_LOG2_CHUNK_BYTES);
    }

    /** {@link #open(Path)} with a chosen chunk size, so tests can cross chunk boundaries with small files. */
    static MappedColumn open(Path file, int log2ChunkBytes) throws IOException {
        requireLittleEndianHost();
        if (Files.isDirectory(file)) {
            throw new SnapshotFormatException(file, Problem.MISSING_FILE, "is a directory, not a .npy file");
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new SnapshotFormatException(file, Problem.MISSING_FILE, "no such file", e);
        }
        try (channel) {
            long fileSize = channel.size();
            ByteBuffer start = ByteBuffer.allocate((int) Math.min(fileSize, NpyHeader.MAX_HEADER_BYTES));
            while (start.hasRemaining() && channel.read(start, start.position()) >= 0) {
                // positional reads until the buffer is full or the file ends
            }
            start.flip();
            NpyHeader header = NpyHeader.parse(start, fileSize, file);
            if (header.type() == null) {
                throw new SnapshotFormatException(file, Problem.BAD_HEADER, "holds strings (" + header.descr()
                        + "), not values of a column type: a categorical column's dictionary, which MappedCategories reads");
            }
            return new MappedColumn(ColumnMapping.map(channel, file, header, log2ChunkBytes), 0,
                    header.length() * header.valuesPerRow(), false);
        }
    }

    /** Unsafe reads are in the host's order and .npy data is little-endian; no supported platform differs. */
    private static void requireLittleEndianHost() {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new UnsupportedOperationException("mapped columns need a little-endian host; this one is "
                    + ByteOrder.nativeOrder());
        }
    }

    private static void requireName(String what, String name) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..")
                || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " name '" + name + "' is not a plain file name");
        }
    }

    // ------------------------------------------------------------------ what it is

    /** The element type, from the .npy header. */
    public ColumnType type() {
        return type;
    }

    /**
     * Elements in this column (or slice); stays the same after close. For an array column's file, every element of every
     * row: {@code rows() * rowLength()}, read with flat indices, element {@code i} of row {@code r} at
     * {@code r * rowLength() + i}.
     */
    public long length() {
        return length;
    }

    /** The file's shape: {@code (rows,)} or, for an array column, {@code (rows, d1, d2, ...)}. */
    public long[] shape() {
        int[] rowShape = mapping.header.rowShape();
        long[] shape = new long[1 + rowShape.length];
        shape[0] = mapping.header.length();
        for (int i = 0; i < rowShape.length; i++) {
            shape[i + 1] = rowShape[i];
        }
        return shape;
    }

    /** Rows of the column ({@code length() / rowLength()}); for a slice, its elements. */
    public long rows() {
        return length / rowLength;
    }

    /** Elements one row holds: the product of an array column's shape, 1 for a one-dimensional file or a slice. */
    public long rowLength() {
        return rowLength;
    }

    /**
     * Row {@code row} of an array column as a view of its {@link #rowLength()} elements, sharing this mapping (no copy;
     * the view object is the only allocation): {@code column.row(7).getFloat(3)} is element 3 of row 7.
     */
    public MappedColumn row(long row) {
        if (row < 0 || row >= rows()) {
            throw new IndexOutOfBoundsException("row " + row + " outside [0, " + rows() + ") of " + describe());
        }
        return slice(row * rowLength, (row + 1) * rowLength);
    }

    /** The .npy file the data comes from. */
    public Path file() {
        return mapping.file;
    }

    /** The file's header; for a slice, still the whole file's. */
    public NpyHeader header() {
        return mapping.header;
    }

    /** Whether this view can no longer be read: it, or the column it is a slice of, was closed. */
    public boolean isClosed() {
        return closed || mapping.closed;
    }

    // ------------------------------------------------------------------ typed reads

    /** An i8 or u8 value (a u8 reads as its low 8 bits; {@code & 0xFF} gives the number). */
    public byte getByte(long i) {
        if (SHOULD_BOUNDS_CHECK) {
            check(i, ColumnType.I8, ColumnType.U8);
        }
        return UnsafeApi.getByte(address(i));
    }

    /** A bool value; any non-zero byte is true. */
    public boolean getBoolean(long i) {
        if (SHOULD_BOUNDS_CHECK) {
            check(i, ColumnType.BOOL, ColumnType.BOOL);
        }
        return UnsafeApi.getByte(address(i)) != 0;
    }

    /** An i16 or u16 value. */
    public short getShort(long i) {
        if (SHOULD_BOUNDS_CHECK) {
            check(i, ColumnType.I16, ColumnType.U16);
        }
        return UnsafeApi.getShort(address(i << 1));
    }

    /** An i32 or u32 value ({@code Integer.toUnsignedLong} gives a u32's number). */
    public int getInt(long i) {
        if (SHOULD_BOUNDS_CHECK) {
            check(i, ColumnType.I32, ColumnType.U32);
        }
        return UnsafeApi.getInt(address(i << 2));
    }

    /** An i64 or u64 value ({@code Long.toUnsignedString} prints a u64). */
    public long getLong(long i) {
        if (SHOULD_BOUNDS_CHECK) {
            check(i, ColumnType.I64, ColumnType.U64);
        }
        return UnsafeApi.getLong(address(i << 3));
    }

    /** An f32 value. */
    public float getFloat(long i) {
        if (SHOULD_BOUNDS_CHECK) {
            check(i, ColumnType.F32, ColumnType.F32);
        }
        return UnsafeApi.getFloat(address(i << 2));
    }

    /** An f64 value. */
    public double getDouble(long i) {
        if (SHOULD_BOUNDS_CHECK) {
            check(i, ColumnType.F64, ColumnType.F64);
        }
        return UnsafeApi.getDouble(address(i << 3));
    }

    /**
     * The value's raw bits, whatever the type, in the form {@link ColumnValues} and {@code Table.getBits} use:
     * sign-extended for signed types, zero-extended for unsigned, float and bool types.
     */
    public long getBits(long i) {
        if (SHOULD_BOUNDS_CHECK) {
            checkIndex(i);
        }
        long address = address(i << shift);
        switch (type) {
            case I8: return UnsafeApi.getByte(address);
            case U8: case BOOL: return UnsafeApi.getByte(address) & 0xFFL;
            case I16: return UnsafeApi.getShort(address);
            case U16: return UnsafeApi.getShort(address) & 0xFFFFL;
            case I32: return UnsafeApi.getInt(address);
            case U32: case F32: return UnsafeApi.getInt(address) & 0xFFFF_FFFFL;
            default: return UnsafeApi.getLong(address);
        }
    }

    /** The value as a double, whatever the type (u64 as unsigned; i64 and u64 beyond 2^53 round). */
    public double getAsDouble(long i) {
        return ColumnValues.toDouble(type, getBits(i));
    }

    /** The address of the byte {@code byteIndex} bytes into this view; the index has been checked. */
    private long address(long byteIndex) {
        if (singleChunk) {
            return baseAddress + byteIndex;
        }
        return mapping.address(byteStart + byteIndex);
    }

    private void check(long i, ColumnType expected, ColumnType alsoAllowed) {
        if (i < 0 || i >= length || closed || mapping.closed || (type != expected && type != alsoAllowed)) {
            throw accessError(i, expected);
        }
    }

    private void checkIndex(long i) {
        if (i < 0 || i >= length || closed || mapping.closed) {
            throw accessError(i, null);
        }
    }

    private RuntimeException accessError(long i, ColumnType expected) {
        if (isClosed()) {
            return closedError();
        }
        if (i < 0 || i >= length) {
            return new IndexOutOfBoundsException("index " + i + " outside [0, " + length + ") of " + describe());
        }
        return new IllegalArgumentException(describe() + " is " + type + ", not " + expected + " (read it with "
                + getterFor(type) + ", getBits or getAsDouble)");
    }

    private IllegalStateException closedError() {
        if (closed) {
            return new IllegalStateException(describe() + " is closed");
        }
        return new IllegalStateException(describe() + " can no longer be read: " + mapping.file + " was closed");
    }

    private static String getterFor(ColumnType type) {
        switch (type) {
            case I8: case U8: return "getByte";
            case BOOL: return "getBoolean";
            case I16: case U16: return "getShort";
            case I32: case U32: return "getInt";
            case I64: case U64: return "getLong";
            case F32: return "getFloat";
            default: return "getDouble";
        }
    }

    private String describe() {
        if (!isSlice) {
            return "column file " + mapping.file;
        }
        long first = byteStart >>> shift;
        return "slice [" + first + ", " + (first + length) + ") of column file " + mapping.file;
    }

    /** Checks a half-open range once, so bulk operations can then read raw addresses. */
    private void checkRange(long from, long to) {
        if (isClosed()) {
            throw closedError();
        }
        if (from < 0 || to < from || to > length) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") outside [0, " + length + ") of "
                    + describe());
        }
    }

    // ------------------------------------------------------------------ bulk

    /** Statistics of every element; see {@link ColumnStats} for NaN handling and precision. */
    public ColumnStats stats() {
        return stats(0, length);
    }

    /**
     * Statistics of elements {@code [from, to)}: the range is checked once, then one typed loop reads the mapped
     * memory directly.
     */
    public ColumnStats stats(long from, long to) {
        checkRange(from, to);
        return StatsScan.scan(mapping, type, byteStart + (from << shift), byteStart + (to << shift));
    }

    /**
     * A view of elements {@code [from, to)} that shares this mapping: index 0 of the slice is {@code from} here.
     * Closing the slice ends only the slice; closing this column (or the column this is a slice of) ends it too.
     */
    public MappedColumn slice(long from, long to) {
        checkRange(from, to);
        return new MappedColumn(mapping, (byteStart >>> shift) + from, to - from, true);
    }

    /**
     * Copies the raw little-endian bytes of elements {@code [from, from + count)} into {@code dst} at its position,
     * advancing the position: exactly the bytes a .npy file of those values holds after its header.
     *
     * @throws BufferOverflowException when {@code dst} has fewer than {@code count * width} bytes left; nothing
     *         is copied then
     */
    public void copyTo(long from, long count, ByteBuffer dst) {
        if (count < 0) {
            throw new IndexOutOfBoundsException("count " + count + " is negative, reading " + describe());
        }
        checkRange(from, from + count);
        if ((count << shift) > dst.remaining()) {
            throw new BufferOverflowException();
        }
        long at = byteStart + (from << shift);
        long end = at + (count << shift);
        while (at < end) {
            int bytes = (int) Math.min(end - at, mapping.bytesLeftInChunk(at));
            int inChunk = (int) (at & mapping.chunkMask);
            dst.put(mapping.chunkAt(at).duplicate().limit(inChunk + bytes).position(inChunk));
            at += bytes;
        }
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Closes this view. For a column from {@code open}, unmaps all of its memory now (every slice of it ends
     * too); for a slice, only the slice ends. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!isSlice) {
            mapping.unmap();
        }
    }

    @Override
    public String toString() {
        return "MappedColumn[" + describe() + ", " + type + ", length=" + length + (isClosed() ? ", closed" : "") + "]";
    }
}
