package io.tickstore.snapshot.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.ContentHash;
import io.tickstore.columns.DefaultValue;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.examples.creatures.CreatureSimulation;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.ReadOptions;
import io.tickstore.snapshot.SampleWorlds;
import io.tickstore.snapshot.SnapshotReader;
import io.tickstore.snapshot.format.SnapshotLayout;
import io.tickstore.snapshot.manifest.FileEntry;
import io.tickstore.snapshot.manifest.Manifest;
import io.tickstore.snapshot.verify.SnapshotVerifier;
import io.tickstore.snapshot.verify.VerifyReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot in {@code data/golden/snapshot-v1} was written by format version 1 and is kept forever: every
 * future reader must load it to the same content hash. If this test fails, the format changed in a way
 * that breaks existing snapshots; fix the reader, never the golden files (see data/golden/README.md).
 */
class GoldenSnapshotTest {
    /** ContentHash of the golden world; also recorded in data/golden/README.md. */
    static final String GOLDEN_HASH = "40d6e7634d9aa5b555e49b2d65e5f2063dba66207b51e3c761d833a8e24b2b0a";

    /** A later version of the creatures schema: energy and gen widened, id renamed to tag, hunger added. */
    static final Schema CREATURES_V2 = Schema.builder(CreatureSimulation.TABLE, 2)
            .column("pos_x", ColumnType.F32)
            .column("pos_y", ColumnType.F32)
            .column("vel_x", ColumnType.F32)
            .column("vel_y", ColumnType.F32)
            .column("energy", ColumnType.F64)
            .column("birth_t", ColumnType.F64)
            .renamedColumn("tag", ColumnType.U32, 1, "id")
            .column("gen", ColumnType.U64)
            .column("hunger", ColumnType.F32, 2, DefaultValue.ofFloat(ColumnType.F32, 0.25))
            .build();

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path temp;

    static Path golden() {
        return RepoRoot.locate().resolve(GoldenSnapshotGenerator.GOLDEN_DIR);
    }

    @Test
    void theGoldenSnapshotLoadsToTheRecordedHash() throws IOException {
        try (World world = SnapshotReader.read(golden(), memory.root())) {
            assertEquals(GOLDEN_HASH, ContentHash.hex(world));
            assertEquals(GoldenSnapshotGenerator.TICKS, world.tick());
            assertEquals(GoldenSnapshotGenerator.ENTITIES, world.table(CreatureSimulation.TABLE).rowCount());
            Table kinds = world.table(SampleWorlds.KINDS);
            for (int c = 0; c < kinds.schema().columnCount(); c++) {
                for (long row = 0; row < kinds.rowCount(); row++) {
                    assertEquals(SampleWorlds.extremeBits(kinds.columnType(c), row), kinds.getBits(c, row));
                }
            }
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
        assertEquals(2 + CreatureSimulation.SCHEMA.columnCount() + SampleWorlds.KINDS_SCHEMA.columnCount(), report.files().size());
    }

    @Test
    void theGoldenSnapshotLoadsIntoANewerSchemaVersion() throws IOException {
        ReadOptions migrate = ReadOptions.defaults().withTargetSchema(CREATURES_V2);
        try (World stored = SnapshotReader.read(golden(), memory.root());
             World migrated = SnapshotReader.read(golden(), memory.root(), migrate)) {
            Table before = stored.table(CreatureSimulation.TABLE);
            Table after = migrated.table(CreatureSimulation.TABLE);
            assertEquals(CREATURES_V2, after.schema());
            assertEquals(before.rowCount(), after.rowCount());
            for (long row = 0; row < before.rowCount(); row++) {
                assertEquals(before.entityId(row), after.entityId(row));
                assertEquals(before.getFloat(0, row), after.getFloat(0, row));
                assertEquals((double) before.getFloat(4, row), after.getDouble(4, row), "energy widened exactly");
                assertEquals(before.getUnsignedInt(6, row), after.getUnsignedInt(6, row), "id now called tag");
                assertEquals(before.getUnsignedInt(7, row), after.getLong(7, row), "gen widened");
                assertEquals(0.25f, after.getFloat(8, row), "hunger did not exist at v1");
            }
            assertEquals(ContentHash.hex(stored.table(SampleWorlds.KINDS)), ContentHash.hex(migrated.table(SampleWorlds.KINDS)),
                    "a table without a target schema loads as stored");
        }
    }

    @Test
    void theGeneratorStillWritesExactlyTheGoldenFiles() throws IOException {
        Path fresh = GoldenSnapshotGenerator.writeSnapshot(temp, memory.root(), Durability.PAGE_CACHE);
        Manifest goldenManifest = SnapshotReader.readManifest(golden());
        assertEquals(goldenManifest, SnapshotReader.readManifest(fresh));
        for (FileEntry file : goldenManifest.files()) {
            assertArrayEquals(Files.readAllBytes(file.resolve(golden())), Files.readAllBytes(file.resolve(fresh)), file.file());
        }
        assertTrue(Files.exists(SnapshotLayout.manifest(fresh)));
    }
}
