package io.tickstore.mmap;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.snapshot.SnapshotFormatException;
import io.tickstore.snapshot.format.SnapshotLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A variable-length column ({@code str}, {@code json}, {@code str[]}) of one snapshot, read through mmap from its two
 * files only: {@code COLUMN.offsets.npy} ({@code <i8}, rows + 1) and {@code COLUMN.data.npy} ({@code |u1}); row
 * {@code i}'s value is {@code data[offsets[i], offsets[i + 1])}. Nothing else of the snapshot is read, so the column's
 * kind is the caller's to know: {@link #getString} decodes UTF-8 (a {@code str} value, or a {@code json} value's
 * canonical text), {@link #getStrings} splits a {@code str[]} value at its 0 bytes.
 *
 * <p>At open the offsets are checked to start at 0 and end at the data's length; each read checks its row's two
 * offsets against each other and the data, so a damaged offsets file is a {@link SnapshotFormatException} naming it,
 * never a read outside the mapping. Threads and closing as {@link MappedColumn}.
 */
public final class MappedValues implements AutoCloseable {
    private final MappedColumn offsets;
    private final MappedColumn data;

    private MappedValues(MappedColumn offsets, MappedColumn data) {
        this.offsets = offsets;
        this.data = data;
    }

    /** Opens column {@code column} of table {@code table} in {@code snapshotDir}: its offsets and data files only. */
    public static MappedValues open(Path snapshotDir, String table, String column) throws IOException {
        Path offsetsFile = SnapshotLayout.offsetsFile(snapshotDir, table, column);
        Path dataFile = SnapshotLayout.dataFile(snapshotDir, table, column);
        SnapshotLayout.requireNoSymbolicLinks(snapshotDir, offsetsFile);
        SnapshotLayout.requireNoSymbolicLinks(snapshotDir, dataFile);
        try {
            return open(offsetsFile, dataFile);
        } catch (SnapshotFormatException e) {
            if (e.problem() == Problem.MISSING_FILE && !java.nio.file.Files.exists(offsetsFile)) {
                throw new SnapshotFormatException(offsetsFile, Problem.MISSING_FILE, MissingColumn.describe(snapshotDir, table, column)
                        + " (a variable-length column has " + column + SnapshotLayout.OFFSETS_SUFFIX + ")", e);
            }
            throw e;
        }
    }

    /** Opens a variable-length column from its two files by path. */
    public static MappedValues open(Path offsetsFile, Path dataFile) throws IOException {
        MappedColumn offsets = MappedColumn.open(offsetsFile);
        try {
            if (offsets.type() != ColumnType.I64 || offsets.rowLength() != 1 || offsets.length() < 1) {
                throw new SnapshotFormatException(offsetsFile, Problem.BAD_HEADER, "holds " + offsets.length() + " " + offsets.type()
                        + " values; offsets are one or more <i8");
            }
            MappedColumn data = MappedColumn.open(dataFile);
            try {
                if (data.type() != ColumnType.U8 || data.rowLength() != 1) {
                    throw new SnapshotFormatException(dataFile, Problem.BAD_HEADER, "holds " + data.type() + " values; the data is |u1");
                }
                long first = offsets.getLong(0);
                long last = offsets.getLong(offsets.length() - 1);
                if (first != 0 || last != data.length()) {
                    throw new SnapshotFormatException(offsetsFile, Problem.BAD_HEADER, "offsets run from " + first + " to " + last
                            + ", not from 0 to the data's " + data.length() + " bytes (" + dataFile + ")");
                }
                return new MappedValues(offsets, data);
            } catch (RuntimeException e) {
                data.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            offsets.close();
            throw e;
        }
    }

    /** Rows of the column. */
    public long rows() {
        return offsets.length() - 1;
    }

    /** Where row {@code row}'s value starts in the data, after checking that it lies inside it. */
    private long start(long row) {
        if (row < 0 || row >= rows()) {
            throw new IndexOutOfBoundsException("row " + row + " outside [0, " + rows() + ") of " + offsets.file());
        }
        long start = offsets.getLong(row);
        long end = offsets.getLong(row + 1);
        if (start < 0 || end < start || end > data.length()) {
            throw new SnapshotFormatException(offsets.file(), Problem.BAD_HEADER, "row " + row + "'s value would be bytes [" + start + ", "
                    + end + ") of the data's " + data.length());
        }
        return start;
    }

    /** Bytes of row {@code row}'s value. */
    public int valueLength(long row) {
        long start = start(row);
        return (int) (offsets.getLong(row + 1) - start);
    }

    /** Copies row {@code row}'s value into {@code dst} at its position, advancing it. */
    public void copyValue(long row, ByteBuffer dst) {
        long start = start(row);
        data.copyTo(start, offsets.getLong(row + 1) - start, dst);
    }

    /** Row {@code row}'s value decoded as UTF-8: a {@code str} value, or a {@code json} value's text. */
    public String getString(long row) {
        ByteBuffer bytes = ByteBuffer.allocate(valueLength(row));
        copyValue(row, bytes);
        return new String(bytes.array(), StandardCharsets.UTF_8);
    }

    /** Row {@code row}'s strings, for a {@code str[]} column: its value split at each string's terminating 0 byte. */
    public List<String> getStrings(long row) {
        ByteBuffer bytes = ByteBuffer.allocate(valueLength(row));
        copyValue(row, bytes);
        List<String> items = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < bytes.capacity(); i++) {
            if (bytes.get(i) == 0) {
                items.add(new String(bytes.array(), from, i - from, StandardCharsets.UTF_8));
                from = i + 1;
            }
        }
        return items;
    }

    /** The offsets file, mapped. */
    public MappedColumn offsets() {
        return offsets;
    }

    /** The data file, mapped. */
    public MappedColumn data() {
        return data;
    }

    /** Unmaps both files; idempotent. */
    @Override
    public void close() {
        offsets.close();
        data.close();
    }
}
