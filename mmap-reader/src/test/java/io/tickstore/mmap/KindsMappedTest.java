package io.tickstore.mmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ColumnKind;
import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Schema;
import io.tickstore.columns.testing.AllKinds;
import io.tickstore.snapshot.SnapshotFormatException;
import io.tickstore.snapshot.format.NpyHeader;
import io.tickstore.snapshot.format.SnapshotLayout;
import java.nio.file.Files;
import java.util.List;
import java.util.SplittableRandom;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The columns of snapshot format version 2 through mmap: arrays row by row, categorical strings, variable-length values. */
class KindsMappedTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    private static final String TABLE = "all_kinds";

    /** A world of every kind (columns' AllKinds), rows written at random. */
    private World world(long seed, int rows) {
        World world = new World(memory.root());
        Schema schema = AllKinds.schema(TABLE);
        Table table = world.createTable(schema, rows);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < rows; i++) {
            long row = table.addRow();
            for (int c = 0; c < schema.columnCount(); c++) {
                AllKinds.write(table, c, row, AllKinds.randomValue(random, schema.column(c)), random);
            }
        }
        return world;
    }

    /**
     * The table's files as FORMAT.md spells them, written here without the snapshot writer (this module reads no
     * manifest, and its tests go without the JSON library that writes one): an array's rows, codes and a dictionary of
     * {@code <Un} strings, offsets and data.
     */
    private Path snapshot(World world) throws IOException {
        Path snapshot = dir.resolve("snap");
        Table table = world.table(TABLE);
        Files.createDirectories(snapshot.resolve(TABLE));
        long rows = table.rowCount();
        for (int c = 0; c < table.schema().columnCount(); c++) {
            String name = table.schema().column(c).name();
            switch (table.columnKind(c)) {
                case SCALAR: case ARRAY: case CATEGORICAL: {
                    byte[] data = new byte[(int) table.columnByteLength(c)];
                    table.columnView(c, 0, data.length).get(data);
                    NpyFiles.writeBytes(SnapshotLayout.columnFile(snapshot, TABLE, name),
                            NpyHeader.encode(table.columnType(c), rows, table.columnLayout(c).shape()), data);
                    if (table.columnKind(c) == ColumnKind.CATEGORICAL) {
                        List<String> entries = table.dictionary(c).entries();
                        int chars = entries.stream().mapToInt(e -> e.codePointCount(0, e.length())).max().orElse(1);
                        ByteBuffer strings = ByteBuffer.allocate(entries.size() * chars * 4).order(ByteOrder.LITTLE_ENDIAN);
                        for (String entry : entries) {
                            int at = strings.position();
                            entry.codePoints().forEach(strings::putInt);
                            strings.position(at + chars * 4);
                        }
                        NpyFiles.writeBytes(SnapshotLayout.dictionaryFile(snapshot, TABLE, name), NpyHeader.encodeUnicode(Math.max(1, chars),
                                entries.size()), strings.array());
                    }
                    break;
                }
                default: {
                    ByteBuffer offsets = ByteBuffer.allocate((int) (rows + 1) * 8).order(ByteOrder.LITTLE_ENDIAN);
                    java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
                    offsets.putLong(0);
                    for (long row = 0; row < rows; row++) {
                        byte[] value = new byte[table.valueLength(c, row)];
                        table.readValue(c, row, ByteBuffer.wrap(value));
                        data.writeBytes(value);
                        offsets.putLong(data.size());
                    }
                    NpyFiles.writeBytes(SnapshotLayout.offsetsFile(snapshot, TABLE, name), NpyHeader.encode(ColumnType.I64, rows + 1),
                            offsets.array());
                    NpyFiles.writeBytes(SnapshotLayout.dataFile(snapshot, TABLE, name), NpyHeader.encode(ColumnType.U8, data.size()),
                            data.toByteArray());
                }
            }
        }
        return snapshot;
    }

    @Test
    void everyKindReadsBackAsTheTableHoldsIt() throws IOException {
        try (World world = world(5, 50)) {
            Path snapshot = snapshot(world);
            Table table = world.table(TABLE);
            for (int c = 0; c < table.schema().columnCount(); c++) {
                String name = table.schema().column(c).name();
                ColumnKind kind = table.columnKind(c);
                if (kind == ColumnKind.ARRAY) {
                    try (MappedColumn column = MappedColumn.open(snapshot, TABLE, name)) {
                        assertEquals(table.rowCount(), column.rows());
                        assertEquals(table.arrayLength(c), column.rowLength());
                        assertEquals(table.rowCount() * table.arrayLength(c), column.length());
                        for (long row = 0; row < table.rowCount(); row++) {
                            MappedColumn view = column.row(row);
                            for (int i = 0; i < table.arrayLength(c); i++) {
                                assertEquals(table.getBits(c, row, i), view.getBits(i), name + " row " + row);
                                assertEquals(table.getBits(c, row, i), column.getBits(row * column.rowLength() + i));
                            }
                        }
                        int[] shape = table.columnLayout(c).shape();
                        assertEquals(1 + shape.length, column.shape().length);
                    }
                } else if (kind == ColumnKind.CATEGORICAL) {
                    try (MappedCategories column = MappedCategories.open(snapshot, TABLE, name)) {
                        assertEquals(table.dictionary(c).entries(), column.dictionary());
                        for (long row = 0; row < table.rowCount(); row++) {
                            assertEquals(table.getString(c, row), column.getString(row));
                            assertEquals(table.getCode(c, row), column.getCode(row));
                        }
                    }
                } else if (kind.isVariableLength()) {
                    try (MappedValues column = MappedValues.open(snapshot, TABLE, name)) {
                        assertEquals(table.rowCount(), column.rows());
                        for (long row = 0; row < table.rowCount(); row++) {
                            if (kind == ColumnKind.STRING_LIST) {
                                assertEquals(table.getStrings(c, row), column.getStrings(row));
                            } else {
                                assertEquals(table.getString(c, row), column.getString(row));
                            }
                            byte[] expected = new byte[table.valueLength(c, row)];
                            table.readValue(c, row, ByteBuffer.wrap(expected));
                            ByteBuffer actual = ByteBuffer.allocate(column.valueLength(row));
                            column.copyValue(row, actual);
                            assertArrayEquals(expected, actual.array());
                        }
                    }
                }
            }
        }
    }

    @Test
    void aVariableLengthColumnOpenedAsOneFileSaysHowToOpenIt() throws IOException {
        try (World world = world(5, 5)) {
            Path snapshot = snapshot(world);
            SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                    () -> MappedColumn.open(snapshot, TABLE, "note"));
            assertEquals(Problem.MISSING_FILE, e.problem());
            assertTrue(e.getMessage().contains("MappedValues"), e.getMessage());
            SnapshotFormatException missing = assertThrows(SnapshotFormatException.class,
                    () -> MappedColumn.open(snapshot, TABLE, "nope"));
            assertTrue(missing.getMessage().contains("note") && missing.getMessage().contains("county")
                    && !missing.getMessage().contains("county.dict"), missing.getMessage());
        }
    }

    @Test
    void aDamagedOffsetIsAnErrorNamingTheFileNotAStrayRead() throws IOException {
        try (World world = world(5, 20)) {
            Path snapshot = snapshot(world);
            Path offsets = SnapshotLayout.offsetsFile(snapshot, TABLE, "note");
            try (RandomAccessFile f = new RandomAccessFile(offsets.toFile(), "rw")) {
                f.seek(NpyHeader.encode(ColumnType.I64, 21).length + 3 * 8);
                f.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array());
            }
            try (MappedValues values = MappedValues.open(snapshot, TABLE, "note")) {
                values.getString(0);
                SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> values.getString(3));
                assertEquals(offsets, e.file());
                assertThrows(SnapshotFormatException.class, () -> values.getString(2));
            }
        }
    }
}
