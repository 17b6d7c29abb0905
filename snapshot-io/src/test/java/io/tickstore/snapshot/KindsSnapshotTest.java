package io.tickstore.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ColumnLayout;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.ContentHash;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import io.tickstore.columns.WorldDiff;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.format.SnapshotLayout;
import io.tickstore.snapshot.manifest.Manifest;
import io.tickstore.snapshot.manifest.TableEntry;
import io.tickstore.snapshot.verify.SnapshotVerifier;
import io.tickstore.snapshot.verify.VerifyReport;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots (format version 2) of array, categorical and variable-length columns: round trips, damage, migration. */
class KindsSnapshotTest {
    private static final WriteOptions FAST = WriteOptions.defaults().withDurability(Durability.PAGE_CACHE);

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path temp;

    private Path snapshotOf(World world) throws IOException {
        return SnapshotWriter.write(world, temp, FAST).dir();
    }

    @Test
    void everyValueOfEveryKindComesBackExactly() throws IOException {
        for (int rows : new int[] {0, 1, 300}) {
            try (World world = SampleWorlds.allKindsWorld(memory.root(), rows, rows)) {
                world.setTick(rows);
                Path snapshot = snapshotOf(world);
                Manifest manifest = SnapshotReader.readManifest(snapshot);
                assertEquals(2, manifest.formatVersion());
                for (int threads : new int[] {1, 3}) {
                    try (World back = SnapshotReader.read(snapshot, memory.root(), ReadOptions.defaults().withThreads(threads))) {
                        assertEquals(ContentHash.hex(world), ContentHash.hex(back));
                        assertTrue(WorldDiff.first(world, back).isEmpty(), WorldDiff.first(world, back).toString());
                    }
                }
                VerifyReport report = SnapshotVerifier.verify(snapshot);
                assertTrue(report.ok(), report.summary());
                Table table = world.table(SampleWorlds.ALL_KINDS);
                int files = 1;
                for (int c = 0; c < table.schema().columnCount(); c++) {
                    files += table.columnLayout(c).isScalar() || table.columnKind(c) == io.tickstore.columns.ColumnKind.ARRAY ? 1 : 2;
                }
                assertEquals(files, report.files().size());
            }
        }
    }

    @Test
    void worldsOfScalarsKeepFormatVersion1() throws IOException {
        try (World world = SampleWorlds.kindsWorld(memory.root(), 5)) {
            assertEquals(1, SnapshotReader.readManifest(snapshotOf(world)).formatVersion());
        }
    }

    @Test
    void theFilesAreWhereAndWhatFormatMdSays() throws IOException {
        try (World world = SampleWorlds.allKindsWorld(memory.root(), 3, 20)) {
            Path snapshot = snapshotOf(world);
            String t = SampleWorlds.ALL_KINDS;
            assertTrue(Files.isRegularFile(SnapshotLayout.columnFile(snapshot, t, "tensor")));
            assertTrue(Files.isRegularFile(SnapshotLayout.columnFile(snapshot, t, "county")));
            assertTrue(Files.isRegularFile(SnapshotLayout.dictionaryFile(snapshot, t, "county")));
            assertTrue(Files.isRegularFile(SnapshotLayout.offsetsFile(snapshot, t, "attributes")));
            assertTrue(Files.isRegularFile(SnapshotLayout.dataFile(snapshot, t, "attributes")));
            assertTrue(Files.notExists(SnapshotLayout.columnFile(snapshot, t, "attributes")));
            TableEntry entry = SnapshotReader.readManifest(snapshot).table(t);
            assertEquals(List.of(4, 3), entry.column("tensor").data().rowShape());
            assertEquals(21, entry.column("attributes").offsets().rows());
            assertEquals("<i8", entry.column("attributes").offsets().dtype());
            assertEquals("|u1", entry.column("attributes").data().dtype());
            assertTrue(entry.column("county").dictionary().dtype().startsWith("<U"));
            String manifest = Files.readString(SnapshotLayout.manifest(snapshot));
            assertTrue(manifest.contains("\"type\": \"f64[4,3]\""), manifest);
            assertTrue(manifest.contains("\"type\": \"cat<u16>\""), manifest);
        }
    }

    @Test
    void aValueLongerThanTheWritersBuffersComesBack() throws IOException {
        Schema schema = Schema.builder("big", 1).string("text").json("doc").build();
        try (World world = new World(memory.root())) {
            Table table = world.createTable(schema, 4);
            String text = "é".repeat(3 << 20);
            table.setString(0, table.addRow(), "small");
            table.setString(0, table.addRow(), text);
            table.setString(1, 1, "[\"" + "x".repeat(2 << 20) + "\"]");
            try (World back = SnapshotReader.read(snapshotOf(world), memory.root())) {
                assertEquals(text, back.table("big").getString(0, 1));
                assertEquals(ContentHash.hex(world), ContentHash.hex(back));
            }
        }
    }

    // ------------------------------------------------------------------ damage

    private World allKinds() {
        return SampleWorlds.allKindsWorld(memory.root(), 11, 40);
    }

    private SnapshotFormatException readFails(Path snapshot, boolean verify, Path file, Problem problem) {
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> SnapshotReader.read(snapshot, memory.root(), ReadOptions.defaults().withVerifyChecksums(verify)).close());
        assertEquals(problem, e.problem(), e.getMessage());
        assertEquals(file, e.file(), e.getMessage());
        return e;
    }

    private static void overwriteLong(Path file, long dataOffset, long index, long value) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(dataOffset + index * 8);
            f.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
        }
    }

    @Test
    void offsetsOutOfOrderOrPastTheDataAreRefusedNotFollowed() throws IOException {
        try (World world = allKinds()) {
            Path snapshot = snapshotOf(world);
            TableEntry entry = SnapshotReader.readManifest(snapshot).table(SampleWorlds.ALL_KINDS);
            Path offsets = SnapshotLayout.offsetsFile(snapshot, SampleWorlds.ALL_KINDS, "note");
            int dataOffset = entry.column("note").offsets().dataOffset();
            overwriteLong(offsets, dataOffset, 5, 1L << 50);
            // the offsets are checked as they are read, before the file's checksum is complete: either way the file is named
            readFails(snapshot, true, offsets, Problem.BAD_HEADER);
            SnapshotFormatException e = readFails(snapshot, false, offsets, Problem.BAD_HEADER);
            assertTrue(e.getMessage().contains("offset 5"), e.getMessage());
            overwriteLong(offsets, dataOffset, 5, -1);
            readFails(snapshot, false, offsets, Problem.BAD_HEADER);
        }
    }

    @Test
    void aCodeOutsideTheDictionaryOrABadEntryIsRefused() throws IOException {
        try (World world = allKinds()) {
            Path snapshot = snapshotOf(world);
            TableEntry entry = SnapshotReader.readManifest(snapshot).table(SampleWorlds.ALL_KINDS);
            Path codes = SnapshotLayout.columnFile(snapshot, SampleWorlds.ALL_KINDS, "county");
            try (RandomAccessFile f = new RandomAccessFile(codes.toFile(), "rw")) {
                f.seek(entry.column("county").data().dataOffset() + 2 * 7);
                f.write(new byte[] {(byte) 0xFF, (byte) 0xFF});
            }
            SnapshotFormatException e = readFails(snapshot, false, codes, Problem.BAD_HEADER);
            assertTrue(e.getMessage().contains("code 65535"), e.getMessage());
        }
        try (World world = allKinds()) {
            Path snapshot = SnapshotWriter.write(world, temp.resolve("b"), FAST).dir();
            TableEntry entry = SnapshotReader.readManifest(snapshot).table(SampleWorlds.ALL_KINDS);
            Path dictionary = SnapshotLayout.dictionaryFile(snapshot, SampleWorlds.ALL_KINDS, "county");
            try (RandomAccessFile f = new RandomAccessFile(dictionary.toFile(), "rw")) {
                f.seek(entry.column("county").dictionary().dataOffset());
                f.write(new byte[] {0, (byte) 0xD8, 0, 0});
            }
            readFails(snapshot, true, dictionary, Problem.CHECKSUM_MISMATCH);
            readFails(snapshot, false, dictionary, Problem.BAD_HEADER);
            Files.delete(dictionary);
            readFails(snapshot, true, dictionary, Problem.MISSING_FILE);
            VerifyReport report = SnapshotVerifier.verify(snapshot);
            assertEquals(dictionary, report.firstBad().orElseThrow().path());
        }
    }

    @Test
    void aFileWhoseShapeDisagreesWithTheManifestIsABadHeader() throws IOException {
        try (World world = allKinds()) {
            Path snapshot = snapshotOf(world);
            Path tensor = SnapshotLayout.columnFile(snapshot, SampleWorlds.ALL_KINDS, "tensor");
            byte[] bytes = Files.readAllBytes(tensor);
            String text = new String(bytes, 0, 128, java.nio.charset.StandardCharsets.ISO_8859_1).replace("(40, 4, 3)", "(40, 3, 4)");
            System.arraycopy(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, bytes, 0, 128);
            Files.write(tensor, bytes);
            SnapshotFormatException e = readFails(snapshot, true, tensor, Problem.BAD_HEADER);
            assertTrue(e.getMessage().contains("[3, 4]"), e.getMessage());
        }
    }

    @Test
    void aVersion1ManifestHoldsScalarsOnly() throws IOException {
        try (World world = allKinds()) {
            Path snapshot = snapshotOf(world);
            ManifestEdits.editAndResign(SnapshotLayout.manifest(snapshot), root -> root.put("formatVersion", 1));
            SnapshotFormatException e = readFails(snapshot, true, SnapshotLayout.manifest(snapshot), Problem.BAD_HEADER);
            assertTrue(e.getMessage().contains("version 2"), e.getMessage());
        }
    }

    // ------------------------------------------------------------------ migration

    static final Schema V1 = Schema.builder("hexes", 1)
            .array("position", ColumnType.F32, 3)
            .categorical("terrain", ColumnType.U8)
            .string("note")
            .build();

    @Test
    void newerSchemasWidenRenameAndAddColumnsOfEveryKind() throws IOException {
        Schema v2 = Schema.builder("hexes", 2)
                .array("position", ColumnType.F64, 3)
                .renamedColumn("ground", ColumnLayout.categorical(ColumnType.U16), 1, "terrain")
                .string("note")
                .column("embedding", ColumnLayout.array(ColumnType.F32, 4), 2, "0.25")
                .column("county", ColumnLayout.categorical(ColumnType.U16), 2, "unknown")
                .column("attributes", ColumnLayout.JSON, 2, "{\"new\": true}")
                .column("org_ids", ColumnLayout.STRING_LIST, 2, "[\"none\"]")
                .build();
        try (World world = new World(memory.root())) {
            Table t = world.createTable(V1, 4);
            for (int i = 0; i < 10; i++) {
                long row = t.addRow();
                t.setArray(0, row, new float[] {i, i + 0.5f, Float.NaN});
                t.setString(1, row, "t" + i % 3);
                t.setString(2, row, "note " + i);
            }
            Path snapshot = snapshotOf(world);
            try (World back = SnapshotReader.read(snapshot, memory.root(), ReadOptions.defaults().withTargetSchema(v2))) {
                Table m = back.table("hexes");
                for (int row = 0; row < 10; row++) {
                    assertEquals(row + 0.5, m.getDouble(0, row, 1));
                    assertTrue(Double.isNaN(m.getDouble(0, row, 2)));
                    assertEquals("t" + row % 3, m.getString(1, row));
                    assertEquals("note " + row, m.getString(2, row));
                    assertEquals(0.25f, m.getFloat(3, row, 3));
                    assertEquals("unknown", m.getString(4, row));
                    assertEquals("{\"new\":true}", m.getString(5, row));
                    assertEquals(List.of("none"), m.getStrings(6, row));
                }
                m.setString(2, 3, "a longer note than any before it");
                assertEquals("a longer note than any before it", m.getString(2, 3));
            }
        }
    }

    @Test
    void aShapeOrKindChangeIsAClearErrorListingEveryColumn() throws IOException {
        Schema changed = Schema.builder("hexes", 2)
                .array("position", ColumnType.F32, 4)
                .column("terrain", ColumnType.U8)
                .json("note")
                .build();
        try (World world = new World(memory.root())) {
            world.createTable(V1, 4).addRow();
            Path snapshot = snapshotOf(world);
            SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                    () -> SnapshotReader.read(snapshot, memory.root(), ReadOptions.defaults().withTargetSchema(changed)));
            assertEquals(Problem.INCOMPATIBLE_SCHEMA, e.problem());
            assertTrue(e.getMessage().contains("3 problems"), e.getMessage());
            assertTrue(e.getMessage().contains("f32[3] cannot become f32[4] (an array's shape never changes"), e.getMessage());
            assertTrue(e.getMessage().contains("cat<u8> cannot become u8 (a column's kind never changes"), e.getMessage());
            assertTrue(e.getMessage().contains("str cannot become json"), e.getMessage());
        }
    }
}
