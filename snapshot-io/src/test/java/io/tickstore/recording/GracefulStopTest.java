package io.tickstore.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ContentHash;
import io.tickstore.columns.sim.SimulationSettings;
import io.tickstore.columns.sim.SimulationSystem;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.examples.creatures.CreatureSimulation;
import io.tickstore.examples.creatures.Creatures;
import io.tickstore.snapshot.replay.RunHistory;
import io.tickstore.snapshot.store.RunStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop asked for from another thread (what a signal handler does) takes effect between ticks: the tick finishes,
 * the last complete tick is checkpointed, the run is marked interrupted, and a resume continues exactly.
 */
class GracefulStopTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    private RecordingBuilder creatures(Path run) {
        return Recording.at(run).checkpointEvery(10).fsync(false).logBufferRecords(2048)
                .simulation(new Creatures(), new SimulationSettings(31, 400));
    }

    @Test
    void aStopRequestedFromAnotherThreadEndsAfterTheTickAndTheRunResumesExactly() throws Exception {
        Path run = dir.resolve("run");
        Recording rec = creatures(run).endTick(1_000_000).create(memory.root());
        boolean reached;
        long stoppedAt;
        try (rec) {
            List<SimulationSystem> systems = new CreatureSimulation(rec.world()).systems();
            Thread stopper = new Thread(rec::requestStop);
            reached = rec.runUntil(1_000_000, systems, tick -> {
                if (tick == 23) {
                    stopper.start();
                    try {
                        stopper.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            assertTrue(rec.stopRequested());
            stoppedAt = rec.tick();
        }
        assertFalse(reached);
        assertEquals(23, stoppedAt, "the stop took effect after the tick that saw it");
        assertEquals(RunStatus.INTERRUPTED, Recording.readSettings(run).status());
        try (RunStore store = RunStore.openReadOnly(run); RunHistory history = RunHistory.open(run)) {
            assertEquals(List.of(0L, 10L, 20L, 23L), store.ticks(), "the last complete tick is checkpointed, whole");
            assertEquals(23, history.lastCompleteTick(), "the log holds every tick that ended");
        }

        List<String> resumed = new ArrayList<>();
        try (Recording again = creatures(run).endTick(30).resume(memory.root())) {
            List<SimulationSystem> systems = new CreatureSimulation(again.world()).systems();
            assertTrue(again.runUntil(30, systems, tick -> resumed.add(ContentHash.hex(again.world()))));
        }
        List<String> clean = new ArrayList<>();
        try (Recording straight = creatures(dir.resolve("clean")).endTick(30).create(memory.root())) {
            List<SimulationSystem> systems = new CreatureSimulation(straight.world()).systems();
            straight.runUntil(30, systems, tick -> clean.add(ContentHash.hex(straight.world())));
        }
        assertEquals(clean.subList(23, 30), resumed);
    }

    @Test
    void reportsListTheTicksBirthsAndDeathsWhenAnObserverFollowsThem() throws Exception {
        List<TickReport> reports = new ArrayList<>();
        RecordingObserver follower = new RecordingObserver() {
            @Override
            public void tickEnded(TickReport tick) {
                reports.add(tick);
            }

            @Override
            public boolean followsBirthsAndDeaths() {
                return true;
            }
        };
        Recording rec = creatures(dir.resolve("run")).endTick(60).observer(follower).create(memory.root());
        try (rec) {
            rec.runUntil(60, new CreatureSimulation(rec.world()).systems(), tick -> { });
        }
        long births = reports.stream().mapToLong(r -> r.births().size()).sum();
        long deaths = reports.stream().mapToLong(r -> r.deaths().size()).sum();
        assertEquals(rec.stats().rowsAdded(), births);
        assertEquals(rec.stats().rowsRemoved(), deaths);
        assertTrue(births > 0, "the run has births");
        assertTrue(reports.stream().flatMap(r -> r.births().stream()).allMatch(b -> b.table().equals(CreatureSimulation.TABLE)));
    }

    /** An observer's failure that a tick already threw is not thrown again by close, so try-with-resources reports it as it is. */
    @Test
    void aFailureATickThrewIsNotThrownAgainByClose() throws Exception {
        IllegalStateException refused = new IllegalStateException("the journal refused tick 10");
        java.util.concurrent.CountDownLatch failing = new java.util.concurrent.CountDownLatch(1);
        RecordingObserver observer = new RecordingObserver() {
            @Override
            public void checkpointed(io.tickstore.columns.World staged, TickReport tick, boolean snapshot) {
                if (staged.tick() == 10) {
                    failing.countDown();
                    throw refused;
                }
            }
        };
        IllegalStateException thrown = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> {
            try (Recording rec = creatures(dir.resolve("refused")).endTick(100).observer(observer).create(memory.root())) {
                List<SimulationSystem> systems = new CreatureSimulation(rec.world()).systems();
                rec.runUntil(10, systems, tick -> { });
                failing.await();
                Thread.sleep(50); // the checkpointer has kept the failure: the next checkpoint throws it
                rec.runUntil(100, systems, tick -> { });
            }
        });
        assertEquals(refused, thrown);
        assertEquals(0, thrown.getSuppressed().length);
        assertEquals(RunStatus.FAILED, Recording.readSettings(dir.resolve("refused")).status());
    }
}
