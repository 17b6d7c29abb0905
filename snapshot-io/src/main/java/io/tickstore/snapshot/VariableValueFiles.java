package io.tickstore.snapshot;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Table;
import io.tickstore.columns.internal.OffHeap;
import io.tickstore.snapshot.format.NpyHeader;
import io.tickstore.snapshot.internal.fault.FaultPoint;
import io.tickstore.snapshot.internal.fault.Faults;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes a variable-length column as Arrow's offsets-plus-data layout, two .npy files numpy maps: {@code offsets}
 * ({@code <i8}, rows + 1 values, the first 0, non-decreasing) and {@code data} ({@code |u1}, {@code offsets[rows]}
 * bytes); row i's value is {@code data[offsets[i]:offsets[i + 1]]}. The table keeps its values in an arena in any
 * order, so both files are gathered row by row through reused buffers of {@value #CHUNK} bytes; a value longer than
 * that is written straight from the table's memory.
 */
final class VariableValueFiles {
    private static final int CHUNK = 1 << 20;

    private VariableValueFiles() {
    }

    /** The offsets file. */
    static final class Offsets extends Part {
        Offsets(Table table, int column, String relativePath, boolean force) {
            super(table, column, relativePath, force, ColumnType.I64);
        }

        @Override
        public void run() throws IOException {
            long rows = table.rowCount();
            ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            try (NpyOutput out = new NpyOutput(path, NpyHeader.encode(ColumnType.I64, rows + 1))) {
                long offset = 0;
                chunk.putLong(0);
                for (long row = 0; row < rows; row++) {
                    offset += table.valueLength(column, row);
                    if (!chunk.hasRemaining()) {
                        out.writeData(chunk.flip());
                        chunk.clear();
                    }
                    chunk.putLong(offset);
                }
                ByteBuffer last = chunk.flip();
                Faults.atWrite(FaultPoint.SNAPSHOT_COLUMN_FILE, path, () -> out.writeData(last.duplicate().limit(last.limit() / 2)));
                out.writeData(last);
                finish(out, rows + 1);
            }
        }
    }

    /** The data file. */
    static final class Data extends Part {
        Data(Table table, int column, String relativePath, boolean force) {
            super(table, column, relativePath, force, ColumnType.U8);
        }

        @Override
        public void run() throws IOException {
            long rows = table.rowCount();
            long total = 0;
            for (long row = 0; row < rows; row++) {
                total += table.valueLength(column, row);
            }
            ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
            long chunkAddress = org.apache.arrow.memory.util.MemoryUtil.getByteBufferAddress(chunk);
            try (NpyOutput out = new NpyOutput(path, NpyHeader.encode(ColumnType.U8, total))) {
                Faults.atWrite(FaultPoint.SNAPSHOT_COLUMN_FILE, path, () -> { });
                for (long row = 0; row < rows; row++) {
                    int length = table.valueLength(column, row);
                    if (chunk.position() + length > CHUNK) {
                        out.writeData(chunk.flip());
                        chunk.clear();
                    }
                    if (length > CHUNK) {
                        out.writeData(OffHeap.view(table.valueAddress(column, row), length));
                        continue;
                    }
                    org.agrona.UnsafeApi.copyMemory(table.valueAddress(column, row), chunkAddress + chunk.position(), length);
                    chunk.position(chunk.position() + length);
                }
                out.writeData(chunk.flip());
                finish(out, total);
            }
        }
    }

    /** What both files share: their value type. */
    abstract static class Part extends ColumnFilePart {
        final ColumnType type;

        Part(Table table, int column, String relativePath, boolean force, ColumnType type) {
            super(table, column, relativePath, force);
            this.type = type;
        }

        void finish(NpyOutput out, long rows) throws IOException {
            finish(out, type, 0, rows);
        }

        @Override
        public ColumnType valueType() {
            return type;
        }
    }
}
