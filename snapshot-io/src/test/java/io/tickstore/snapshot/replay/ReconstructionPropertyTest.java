package io.tickstore.snapshot.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ContentHash;
import io.tickstore.columns.World;
import io.tickstore.examples.creatures.CreatureSimulation;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.store.RunStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log is the world: for random seeds, sizes, checkpoint intervals and ticks T, the nearest snapshot at or
 * before T plus the log replayed up to T hashes exactly like the live world stopped at T, generator state
 * included.
 */
class ReconstructionPropertyTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    @Test
    void reconstructAtAnyTickEqualsTheLiveWorldAtThatTick() throws IOException {
        Random random = new Random(20_240_601);
        for (int trial = 0; trial < 4; trial++) {
            long seed = random.nextLong();
            int entities = 300 + random.nextInt(1500);
            int ticks = 120 + random.nextInt(80);
            int every = 5 + random.nextInt(40);
            Path runDir = dir.resolve("run-" + trial);
            List<String> live = RecordedRun.record(runDir, memory.root(), seed, entities, ticks, every);
            String where = "seed " + seed + ", " + entities + " creatures, " + ticks + " ticks, checkpoint every " + every;
            try (RunHistory history = RunHistory.open(runDir)) {
                assertEquals(ticks, history.lastCompleteTick(), where);
                for (int probe = 0; probe < 12; probe++) {
                    long t = probe == 0 ? ticks : probe == 1 ? 0 : random.nextInt(ticks + 1);
                    try (World rebuilt = history.reconstructAt(t, memory.root())) {
                        assertEquals(live.get((int) t), ContentHash.hex(rebuilt), where + ": tick " + t);
                    }
                }
            }
        }
    }

    @Test
    void aReconstructionStartsFromTheNewestSnapshotAtOrBeforeTheTick() throws IOException {
        Path runDir = dir.resolve("run");
        List<String> live = RecordedRun.record(runDir, memory.root(), 5, 800, 60, 25);
        try (RunHistory history = RunHistory.open(runDir)) {
            assertEquals(List.of(0L, 25L, 50L, 60L), history.snapshotTicks(), "every 25 ticks, and the last tick at close");
            try (RunHistory.Reconstruction r = history.reconstruct(49, memory.root())) {
                assertEquals(25, r.snapshotTick());
                assertEquals(25, r.replay().fromTick());
                assertTrue(r.replay().recordsApplied() > 0);
                assertEquals(live.get(49), ContentHash.hex(r.world()));
            }
            try (RunHistory.Reconstruction r = history.reconstruct(50, memory.root())) {
                assertEquals(50, r.snapshotTick());
                assertEquals(0, r.replay().recordsApplied(), "a snapshot tick needs no replay");
            }
        }
    }

    /** Pause and resume: load the snapshot at T, run 100 more ticks, and the world is the one that never paused. */
    @Test
    void aRunResumedFromASnapshotEqualsTheRunThatNeverPaused() throws IOException {
        Path runDir = dir.resolve("run");
        List<String> live = RecordedRun.record(runDir, memory.root(), 77, 1_000, 160, 30);
        try (RunStore run = RunStore.openReadOnly(runDir); World resumed = run.openAt(60, memory.root())) {
            assertEquals(live.get(60), ContentHash.hex(resumed));
            new CreatureSimulation(resumed).run(100);
            assertEquals(160, resumed.tick());
            assertEquals(live.get(160), ContentHash.hex(resumed));
        }
    }

    /** The same through the log: a world reconstructed between snapshots continues like the live one too. */
    @Test
    void aWorldReconstructedBetweenSnapshotsContinuesExactly() throws IOException {
        Path runDir = dir.resolve("run");
        List<String> live = RecordedRun.record(runDir, memory.root(), 78, 1_000, 150, 40);
        try (RunHistory history = RunHistory.open(runDir); World resumed = history.reconstructAt(47, memory.root())) {
            new CreatureSimulation(resumed).run(100);
            assertEquals(live.get(147), ContentHash.hex(resumed));
        }
    }
}
