package io.tickstore.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.ContentHash;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.examples.creatures.CreatureSimulation;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.format.Crc32c;
import io.tickstore.snapshot.format.NpyHeader;
import io.tickstore.snapshot.format.SnapshotLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Writing a world and reading it back gives the same world, bit for bit. */
class RoundTripTest {
    static final WriteOptions FAST = WriteOptions.defaults().withDurability(Durability.PAGE_CACHE);

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path run;

    @Test
    void everyColumnTypeRoundTripsBitForBitIncludingNanAndNegativeZero() throws IOException {
        try (World world = SampleWorlds.kindsWorld(memory.root(), 1000)) {
            String before = ContentHash.hex(world);
            SnapshotInfo info = SnapshotWriter.write(world, run, FAST);
            try (World loaded = SnapshotReader.read(info.dir(), memory.root())) {
                assertEquals(before, ContentHash.hex(loaded));
                Table table = loaded.table(SampleWorlds.KINDS);
                assertEquals(SampleWorlds.KINDS_SCHEMA, table.schema());
                for (int c = 0; c < table.schema().columnCount(); c++) {
                    ColumnType type = table.columnType(c);
                    for (long row = 0; row < table.rowCount(); row++) {
                        assertEquals(SampleWorlds.extremeBits(type, row), table.getBits(c, row), type + " row " + row);
                    }
                }
            }
        }
    }

    @Test
    void emptyTablesRoundTripAsEmptyTablesWithTheirSchemas() throws IOException {
        try (World world = SampleWorlds.kindsWorld(memory.root(), 0)) {
            world.createTable(CreatureSimulation.SCHEMA, 0);
            SnapshotInfo info = SnapshotWriter.write(world, run, FAST);
            try (World loaded = SnapshotReader.read(info.dir(), memory.root())) {
                assertEquals(ContentHash.hex(world), ContentHash.hex(loaded));
                assertEquals(0, loaded.table(SampleWorlds.KINDS).rowCount());
                assertEquals(CreatureSimulation.SCHEMA, loaded.table(CreatureSimulation.TABLE).schema());
            }
            for (ColumnFileInfo file : info.files()) {
                ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file.file()));
                NpyHeader header = NpyHeader.parse(bytes, bytes.capacity(), file.file());
                assertEquals(0, header.length(), "an empty column is a .npy of shape (0,)");
            }
        }
    }

    @Test
    void aWorldOfSeveralTablesRoundTrips() throws IOException {
        try (World world = SampleWorlds.creatures(memory.root(), 11, 300, 4)) {
            SampleWorlds.addKinds(world, 37);
            Table small = world.createTable(Schema.builder("markers", 1).column("x", ColumnType.I16).build(), 4);
            for (int i = 0; i < 3; i++) {
                small.setShort(0, small.addRow(), (short) (i * 100));
            }
            SnapshotInfo info = SnapshotWriter.write(world, run, FAST);
            try (World loaded = SnapshotReader.read(info.dir(), memory.root())) {
                assertEquals(ContentHash.hex(world), ContentHash.hex(loaded));
                assertEquals(3, loaded.tables().size());
                assertEquals(world.totalRows(), loaded.totalRows());
            }
        }
    }

    @Test
    void entityIdsAndTheIdCounterSurviveSwapRemovals() throws IOException {
        try (World world = SampleWorlds.kindsWorld(memory.root(), 20)) {
            Table table = world.table(SampleWorlds.KINDS);
            table.removeEntity(3);
            table.removeEntity(19);
            table.removeEntity(0);
            SnapshotInfo info = SnapshotWriter.write(world, run, FAST);
            try (World loaded = SnapshotReader.read(info.dir(), memory.root())) {
                Table back = loaded.table(SampleWorlds.KINDS);
                assertEquals(table.rowCount(), back.rowCount());
                assertEquals(table.nextEntityId(), back.nextEntityId());
                for (long slot = 0; slot < table.rowCount(); slot++) {
                    assertEquals(table.entityId(slot), back.entityId(slot));
                    assertEquals(slot, back.slotOf(table.entityId(slot)));
                }
                assertEquals(-1, back.slotOf(19));
                long originalSlot = table.addRow();
                long loadedSlot = back.addRow();
                assertEquals(table.entityId(originalSlot), back.entityId(loadedSlot),
                        "a new row after loading gets the id the original would give");
            }
        }
    }

    @Test
    void aLoadedSimulationContinuesExactlyAsTheUninterruptedRun() throws IOException {
        try (World original = SampleWorlds.creatures(memory.root(), 7, 400, 10)) {
            SnapshotInfo info = SnapshotWriter.write(original, run, FAST);
            byte[] generatorAtSnapshot = original.rngState();
            new CreatureSimulation(original).run(15);
            try (World resumed = SnapshotReader.read(info.dir(), memory.root())) {
                assertEquals(10, resumed.tick());
                assertArrayEquals(generatorAtSnapshot, resumed.rngState());
                new CreatureSimulation(resumed).run(15);
                assertEquals(ContentHash.hex(original), ContentHash.hex(resumed));
            }
        }
    }

    @Test
    void serialAndParallelWritersProduceIdenticalFiles() throws IOException {
        Clock fixed = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
        try (World world = SampleWorlds.creatures(memory.root(), 5, 200, 2)) {
            SampleWorlds.addKinds(world, 50);
            SnapshotInfo serial = SnapshotWriter.write(world, run.resolve("serial"), FAST.withThreads(1).withClock(fixed));
            SnapshotInfo parallel = SnapshotWriter.write(world, run.resolve("parallel"), FAST.withThreads(4).withClock(fixed));
            assertEquals(serial.files().size(), parallel.files().size());
            for (int i = 0; i < serial.files().size(); i++) {
                assertArrayEquals(Files.readAllBytes(serial.files().get(i).file()), Files.readAllBytes(parallel.files().get(i).file()));
            }
            assertArrayEquals(Files.readAllBytes(SnapshotLayout.manifest(serial.dir())),
                    Files.readAllBytes(SnapshotLayout.manifest(parallel.dir())));
        }
    }

    @Test
    void snapshotInfoDescribesTheFilesOnDisk() throws IOException {
        try (World world = SampleWorlds.creatures(memory.root(), 3, 100, 1)) {
            SnapshotInfo info = SnapshotWriter.write(world, run, FAST);
            assertEquals(SnapshotLayout.snapshotDir(run, 1), info.dir());
            assertEquals(1, info.tick());
            assertEquals(1 + CreatureSimulation.SCHEMA.columnCount(), info.files().size());
            long total = Files.size(SnapshotLayout.manifest(info.dir()));
            for (ColumnFileInfo file : info.files()) {
                byte[] bytes = Files.readAllBytes(file.file());
                assertEquals(file.fileBytes(), bytes.length);
                assertEquals(file.crc32c(), Crc32c.of(bytes), "the recorded CRC32C covers the whole file");
                assertEquals(info.dir().resolve(file.relativePath()), file.file());
                total += bytes.length;
            }
            assertEquals(total, info.totalBytes());
            assertTrue(info.files().get(0).isEntityIds());
        }
    }

    @Test
    void columnDataStartsAtASixtyFourByteBoundary() throws IOException {
        try (World world = SampleWorlds.kindsWorld(memory.root(), 7)) {
            for (ColumnFileInfo file : SnapshotWriter.write(world, run, FAST).files()) {
                ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file.file()));
                NpyHeader header = NpyHeader.parse(bytes, bytes.capacity(), file.file());
                assertEquals(0, header.dataOffset() % NpyHeader.ALIGNMENT);
                assertEquals(file.type(), header.type());
                assertEquals(7, header.length());
            }
        }
    }

    @Test
    void fsyncDurabilityAndUnverifiedLoadingGiveTheSameWorld() throws IOException {
        try (World world = SampleWorlds.creatures(memory.root(), 9, 250, 3)) {
            SnapshotInfo info = SnapshotWriter.write(world, run, WriteOptions.defaults());
            ReadOptions unverified = ReadOptions.defaults().withVerifyChecksums(false).withThreads(1);
            try (World loaded = SnapshotReader.read(info.dir(), memory.root(), unverified)) {
                assertEquals(ContentHash.hex(world), ContentHash.hex(loaded));
            }
        }
    }

    @Test
    void aReusableWriterWritesOneSnapshotPerTick() throws IOException {
        try (World world = SampleWorlds.creatures(memory.root(), 2, 100, 0);
             SnapshotWriter writer = new SnapshotWriter(FAST.withThreads(3))) {
            CreatureSimulation sim = new CreatureSimulation(world);
            for (int i = 0; i < 5; i++) {
                sim.step();
                SnapshotInfo info = writer.write(world, run);
                try (World loaded = SnapshotReader.read(info.dir(), memory.root())) {
                    assertEquals(ContentHash.hex(world), ContentHash.hex(loaded));
                }
            }
            try (var entries = Files.list(run)) {
                assertEquals(5, entries.count());
            }
        }
    }
}
