package io.tickstore.jmh;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import org.agrona.UnsafeApi;

/**
 * A second, wide table that a snapshot carries beside the creatures: {@code columns} f64 columns of
 * {@code rows} rows. The mmap benchmark adds it to show that opening one creature column costs the same however
 * many and however large the other columns of the snapshot are.
 */
final class BallastTable {
    static final String NAME = "ballast";

    private BallastTable() {
    }

    /** Adds the table to {@code world}, every row and entity id set; returns it. */
    static Table addTo(World world, int columns, long rows) {
        Schema.Builder schema = Schema.builder(NAME, 1);
        for (int c = 0; c < columns; c++) {
            schema.column(String.format("w%03d", c), ColumnType.F64);
        }
        Table table = world.createTable(schema.build(), rows);
        // Filled the way a bulk loader fills a table: straight into its buffers, then adopted in one call.
        long ids = table.entityIdAddress();
        for (long row = 0; row < rows; row++) {
            UnsafeApi.putLong(ids + (row << 3), row);
        }
        for (int c = 0; c < columns; c++) {
            long address = table.columnAddress(c);
            double value = c + 0.5;
            for (long row = 0; row < rows; row++) {
                UnsafeApi.putDouble(address + (row << 3), value);
            }
        }
        table.adoptLoadedRows(rows, rows);
        return table;
    }
}
