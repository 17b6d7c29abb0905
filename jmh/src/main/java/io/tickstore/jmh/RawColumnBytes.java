package io.tickstore.jmh;

import io.tickstore.columns.Table;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The live bytes of every column of a table, one column after the other, in one direct buffer: exactly the
 * 36 bytes a row that any columnar snapshot has to move, and nothing else. The floor peers write and read it
 * with a bare {@code FileChannel}.
 */
final class RawColumnBytes {
    private RawColumnBytes() {
    }

    static ByteBuffer of(Table table) {
        long total = 0;
        for (int c = 0; c < table.schema().columnCount(); c++) {
            total += table.columnByteLength(c);
        }
        ByteBuffer all = ByteBuffer.allocateDirect(Math.toIntExact(total)).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < table.schema().columnCount(); c++) {
            all.put(table.columnView(c, 0, Math.toIntExact(table.columnByteLength(c))));
        }
        return all.flip();
    }
}
