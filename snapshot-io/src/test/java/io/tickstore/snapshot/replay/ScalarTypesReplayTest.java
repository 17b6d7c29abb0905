package io.tickstore.snapshot.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.ContentHash;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.columns.sim.SimRandom;
import io.tickstore.columns.testing.AllKinds;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.recording.Recording;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay stores plain scalar writes itself, at the column's width ({@code LogReplayer}'s raw path): a column of every
 * scalar type, written with random bits and with the values a width or a sign gets wrong (NaNs with payloads, -0.0,
 * infinities, -1, the extremes), while rows are born (growing the table past its capacity, which moves its columns)
 * and die, replays to the live world's bits at every tick.
 */
class ScalarTypesReplayTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    static final Schema SCALARS = scalars();

    private static Schema scalars() {
        Schema.Builder b = Schema.builder("scalars", 1);
        for (ColumnType type : ColumnType.values()) {
            b.column("c_" + type.typeName(), type);
        }
        return b.build();
    }

    static void populate(World world, SimRandom random) {
        Table t = world.createTable(SCALARS, 4);
        SplittableRandom r = new SplittableRandom(random.nextLong());
        for (int i = 0; i < 3; i++) {
            long row = t.addRow();
            for (int c = 0; c < SCALARS.columnCount(); c++) {
                t.setBits(c, row, value(r, t.columnType(c)));
            }
        }
    }

    static long value(SplittableRandom r, ColumnType type) {
        return AllKinds.canonicalBits(type, r.nextInt(3) == 0 ? AllKinds.specialBits(r, type) : r.nextLong());
    }

    /** One tick: a run of writes to one row (the replayer's cached slot), scattered writes, births and a death. */
    static void tick(Recording rec) {
        Table t = rec.world().table("scalars");
        SplittableRandom r = new SplittableRandom(rec.random().nextLong());
        long same = r.nextLong(t.rowCount());
        for (int c = 0; c < SCALARS.columnCount(); c++) {
            t.setBits(c, same, value(r, t.columnType(c)));
        }
        for (int w = 0; w < 40; w++) {
            int c = r.nextInt(SCALARS.columnCount());
            t.setBits(c, r.nextLong(t.rowCount()), value(r, t.columnType(c)));
        }
        for (int born = 0; born < 3; born++) {
            long row = t.addRow();
            int c = r.nextInt(SCALARS.columnCount());
            t.setBits(c, row, value(r, t.columnType(c)));
        }
        t.removeRow(r.nextLong(t.rowCount()));
    }

    @Test
    void everyScalarTypeReplaysToTheLiveBitsAtEveryTick() throws IOException {
        for (long seed = 1; seed <= 3; seed++) {
            Path runDir = dir.resolve("run-" + seed);
            List<String> live = new ArrayList<>();
            long startCapacity;
            long endCapacity;
            try (Recording rec = Recording.at(runDir).checkpointEvery(1_000).fsync(false).logBufferRecords(256).seed(seed)
                    .create(memory.root(), ScalarTypesReplayTest::populate)) {
                startCapacity = rec.world().table("scalars").capacity();
                live.add(ContentHash.hex(rec.world()));
                for (int t = 1; t <= 40; t++) {
                    tick(rec);
                    rec.endTick();
                    live.add(ContentHash.hex(rec.world()));
                }
                endCapacity = rec.world().table("scalars").capacity();
            }
            assertTrue(endCapacity > startCapacity, "births grew the table, so the replay saw its columns move");
            try (RunHistory history = RunHistory.open(runDir)) {
                assertEquals(List.of(0L, 40L), history.snapshotTicks(), "every tick but the last is rebuilt from tick 0's snapshot");
                for (int t = 0; t <= 40; t++) {
                    try (World world = history.reconstructAt(t, memory.root())) {
                        assertEquals(live.get(t), ContentHash.hex(world), "seed " + seed + " tick " + t);
                    }
                }
            }
        }
    }
}
