package io.tickstore.snapshot.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ColumnLayout;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.ContentHash;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.ReadOptions;
import io.tickstore.snapshot.SnapshotReader;
import io.tickstore.snapshot.manifest.FileEntry;
import io.tickstore.snapshot.manifest.Manifest;
import io.tickstore.snapshot.verify.SnapshotVerifier;
import io.tickstore.snapshot.verify.VerifyReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot in {@code data/golden/snapshot-v2} was written by format version 2 (a column of every kind) and is kept
 * forever: every future reader must load it to the same content hash. If this test fails, the format changed in a way
 * that breaks existing snapshots; fix the reader, never the golden files (see data/golden/README.md).
 */
class GoldenSnapshotV2Test {
    /** ContentHash of the golden world; also recorded in data/golden/README.md. */
    static final String GOLDEN_HASH = "5fd745d64c46bc2dd096f225d7c0fddb6e178d90ffd6ef863fa605aef366bc0b";

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path temp;

    static Path golden() {
        return RepoRoot.locate().resolve(GoldenSnapshotV2Generator.GOLDEN_DIR);
    }

    @Test
    void theGoldenSnapshotLoadsToTheRecordedHashAndValues() throws IOException {
        assertEquals(2, SnapshotReader.readManifest(golden()).formatVersion());
        try (World world = SnapshotReader.read(golden(), memory.root())) {
            assertEquals(GOLDEN_HASH, ContentHash.hex(world));
            assertEquals(GoldenSnapshotV2Generator.TICK, world.tick());
            Table hexes = world.table("hexes");
            assertEquals(GoldenSnapshotV2Generator.ROWS - 1, hexes.rowCount());
            assertEquals(List.of("unknown", "Travis", "東京", "Bexar", "Doña Ana", "🦊 County"), hexes.dictionary(1).entries());
            assertEquals("Travis", hexes.getString(1, 0));
            assertEquals("unknown", hexes.getString(1, 3));
            assertEquals(0x7ff8000000000abcL, Double.doubleToRawLongBits(hexes.getDouble(3, hexes.slotOf(5), 2)), "a NaN keeps its payload");
            assertEquals(0x7fc00123, (int) hexes.getBits(4, 2, 1), "so does an f32 NaN's");
            assertEquals(211.0, hexes.getDouble(5, 2, 11));
            assertEquals("a note rewritten longer than it was, so its bytes moved", hexes.getString(8, 2));
            assertEquals("{\"hex\":1,\"ok\":false,\"tags\":[\"a\",\"é\"],\"w\":0.25}", hexes.getString(9, 1));
            assertEquals(List.of("org-2", "", "é😀2"), hexes.getStrings(10, 2));
            assertEquals(0, world.table("empty").rowCount());
        }
    }

    @Test
    void theRecordedHashIsTheOneTheReadmeDocuments() throws IOException {
        String readme = Files.readString(RepoRoot.locate().resolve("data/golden/README.md"));
        assertTrue(readme.contains(GOLDEN_HASH), "data/golden/README.md records " + GOLDEN_HASH);
    }

    @Test
    void everyGoldenFileVerifies() throws IOException {
        VerifyReport report = SnapshotVerifier.verify(golden());
        assertTrue(report.ok(), report.summary());
        assertEquals(2 * (1 + 6 + 2 * 5), report.files().size(), "ids, 6 one-file columns, 5 two-file columns, in each table");
    }

    @Test
    void theGoldenSnapshotLoadsIntoANewerSchemaVersion() throws IOException {
        Schema v2 = Schema.builder("hexes", 2)
                .column("id", ColumnType.U64)
                .column("county", ColumnLayout.categorical(ColumnType.U32), 1, "unknown")
                .renamedColumn("ground", ColumnLayout.categorical(ColumnType.U16), 1, "terrain")
                .array("position", ColumnType.F64, 3)
                .column("embedding", ColumnLayout.parse("f64[8]"), 1, "0.5")
                .array("tensor", ColumnType.F64, 4, 3)
                .array("counts", ColumnType.I32, 2)
                .array("flags", ColumnType.BOOL, 3)
                .string("note")
                .column("attributes", ColumnLayout.JSON, 1, "{}")
                .stringList("org_ids")
                .column("elevation", ColumnLayout.array(ColumnType.F32, 2), 2, "-1")
                .column("owner", ColumnLayout.STRING, 2, "nobody")
                .build();
        try (World stored = SnapshotReader.read(golden(), memory.root());
             World migrated = SnapshotReader.read(golden(), memory.root(), ReadOptions.defaults().withTargetSchema(v2))) {
            Table before = stored.table("hexes");
            Table after = migrated.table("hexes");
            for (long row = 0; row < before.rowCount(); row++) {
                assertEquals(before.getString(1, row), after.getString(1, row));
                assertEquals(before.getString(2, row), after.getString(2, row));
                assertEquals((double) before.getFloat(4, row, 5), after.getDouble(4, row, 5));
                assertEquals(before.getShort(6, row, 0) & 0xFFFF, after.getInt(6, row, 0));
                assertEquals(-1f, after.getFloat(11, row, 1));
                assertEquals("nobody", after.getString(12, row));
                assertEquals(before.getStrings(10, row), after.getStrings(10, row));
            }
        }
    }

    @Test
    void theGeneratorStillWritesExactlyTheGoldenFiles() throws IOException {
        Path fresh = GoldenSnapshotV2Generator.writeSnapshot(temp, memory.root(), Durability.PAGE_CACHE);
        Manifest goldenManifest = SnapshotReader.readManifest(golden());
        assertEquals(goldenManifest, SnapshotReader.readManifest(fresh));
        for (FileEntry file : goldenManifest.files()) {
            assertArrayEquals(Files.readAllBytes(file.resolve(golden())), Files.readAllBytes(file.resolve(fresh)), file.file());
        }
    }
}
