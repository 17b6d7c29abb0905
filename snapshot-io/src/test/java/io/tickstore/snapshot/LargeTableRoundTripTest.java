package io.tickstore.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.ContentHash;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.format.SnapshotLayout;
import io.tickstore.snapshot.internal.Directories;
import java.io.IOException;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module's one big test: a column just over 2 GiB (more than one {@code ByteBuffer} or one
 * {@code FileChannel.write} can cover) round-trips bit for bit. About 4.3 GB of memory and disk (the column
 * plus its entity ids), written to the page cache and deleted at the end.
 */
@Tag("large")
class LargeTableRoundTripTest {
    static final long ROWS = (1L << 28) + 1000;
    static final Schema BIG = Schema.builder("big", 1).column("value", ColumnType.I64).build();
    static final int FILL_CHUNK = 1 << 26;

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path temp;

    @Test
    void aColumnOverTwoGibibytesRoundTripsBitForBit() throws IOException {
        String hash;
        Path snapshot;
        try (World world = new World(memory.root())) {
            Table table = world.createTable(BIG, ROWS);
            fill(table);
            table.adoptLoadedRows(ROWS, ROWS);
            world.setTick(1);
            hash = ContentHash.hex(world);
            snapshot = SnapshotWriter.write(world, temp, WriteOptions.defaults().withDurability(Durability.PAGE_CACHE)).dir();
        }
        try {
            Path column = SnapshotLayout.columnFile(snapshot, "big", "value");
            assertTrue(Files.size(column) > 1L << 31, "the column file is over 2 GiB: " + Files.size(column));
            try (World loaded = SnapshotReader.read(snapshot, memory.root())) {
                Table table = loaded.table("big");
                assertEquals(ROWS, table.rowCount());
                assertEquals(valueAt(ROWS - 1), table.getLong(0, ROWS - 1), "the last row, past the 2 GiB mark");
                assertEquals(hash, ContentHash.hex(loaded));
            }
        } finally {
            Directories.deleteRecursively(snapshot);
        }
    }

    private static long valueAt(long row) {
        return row * 0x9E37_79B9_7F4A_7C15L;
    }

    /** Writes entity ids {@code 0..ROWS-1} and values straight into the table's memory, as a bulk loader does. */
    private static void fill(Table table) {
        for (long offset = 0; offset < ROWS * 8; offset += FILL_CHUNK) {
            int length = (int) Math.min(FILL_CHUNK, ROWS * 8 - offset);
            LongBuffer ids = table.entityIdView(offset, length).asLongBuffer();
            LongBuffer values = table.columnView(0, offset, length).asLongBuffer();
            long first = offset / 8;
            for (int i = 0; i < length / 8; i++) {
                ids.put(i, first + i);
                values.put(i, valueAt(first + i));
            }
        }
    }
}
