package io.tickstore.snapshot.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ContentHash;
import io.tickstore.columns.World;
import io.tickstore.examples.creatures.CreatureSimulation;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.WriteOptions;
import io.tickstore.snapshot.WriteStep;
import io.tickstore.snapshot.store.RunStore;
import io.tickstore.snapshot.verify.SnapshotVerifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint loop: the simulation thread copies, a background thread publishes; what is published is the
 * world exactly as it was at the checkpoint, however far the simulation has moved on.
 */
class CheckpointerTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    private static final WriteOptions PAGE_CACHE = WriteOptions.defaults().withDurability(Durability.PAGE_CACHE);

    @Test
    void everyKTicksTheWorldAsItWasThenIsPublished() throws IOException {
        Map<Long, String> expected = new HashMap<>();
        try (World world = CreatureSimulation.newWorld(memory.root(), 1, 2_000);
             RunStore run = RunStore.open(dir.resolve("run"), PAGE_CACHE);
             Checkpointer checkpoints = new Checkpointer(run, memory.root(), CheckpointPolicy.everyTicks(10))) {
            checkpoints.prepare(world);
            CreatureSimulation sim = new CreatureSimulation(world);
            for (int t = 0; t <= 55; t++) {
                if (t > 0) {
                    sim.step();
                }
                if (checkpoints.maybeCheckpoint(world)) {
                    expected.put(world.tick(), ContentHash.hex(world));
                }
            }
            checkpoints.awaitAll();
            assertEquals(List.of(0L, 10L, 20L, 30L, 40L, 50L), run.ticks());
            for (long tick : run.ticks()) {
                try (World stored = run.openAt(tick, memory.root())) {
                    assertEquals(expected.get(tick), ContentHash.hex(stored), "tick " + tick);
                }
                assertTrue(SnapshotVerifier.verify(run.snapshotDir(tick)).ok());
            }
        }
    }

    @Test
    void awaitDurableReturnsOnceTheSnapshotIsPublished() throws IOException {
        try (World world = CreatureSimulation.newWorld(memory.root(), 2, 500);
             RunStore run = RunStore.open(dir.resolve("run"), PAGE_CACHE);
             Checkpointer checkpoints = new Checkpointer(run, memory.root(), CheckpointPolicy.onDemandOnly())) {
            assertTrue(checkpoints.checkpoint(world));
            assertFalse(checkpoints.checkpoint(world), "the same tick twice is one checkpoint");
            checkpoints.awaitDurable(0);
            assertTrue(run.hasTick(0));
            assertTrue(checkpoints.isDurable(0));
            assertEquals(0, checkpoints.latestDurable());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> checkpoints.awaitDurable(7));
            assertTrue(e.getMessage().contains("no checkpoint of tick 7"), e.getMessage());
        }
    }

    @Test
    void statisticsCountEveryCheckpointAndItsStall() throws IOException {
        try (World world = CreatureSimulation.newWorld(memory.root(), 3, 1_000);
             RunStore run = RunStore.open(dir.resolve("run"), PAGE_CACHE);
             Checkpointer checkpoints = new Checkpointer(run, memory.root(), CheckpointPolicy.everyTicks(1))) {
            CreatureSimulation sim = new CreatureSimulation(world);
            long copied = 0;
            for (int t = 0; t < 5; t++) {
                sim.step();
                checkpoints.maybeCheckpoint(world);
                copied += world.table(CreatureSimulation.TABLE).rowCount() * (CreatureSimulation.SCHEMA.rowWidth() + 8L);
            }
            checkpoints.awaitAll();
            CheckpointStats stats = checkpoints.stats();
            assertEquals(5, stats.checkpoints());
            assertEquals(5, stats.written());
            assertTrue(stats.stallNanos() > 0 && stats.maxStallNanos() >= stats.meanStallNanos());
            assertEquals(copied, stats.bytesCopied(), "36 bytes of columns and 8 of entity id a row");
            assertTrue(stats.bytesWritten() > stats.bytesCopied(), "snapshots add headers and manifests to the copied bytes");
        }
    }

    @Test
    void aTickTheRunAlreadyHasIsLeftAsItIs() throws IOException {
        try (World world = CreatureSimulation.newWorld(memory.root(), 4, 300);
             RunStore run = RunStore.open(dir.resolve("run"), PAGE_CACHE)) {
            run.write(world);
            try (Checkpointer checkpoints = new Checkpointer(run, memory.root(), CheckpointPolicy.everyTicks(5))) {
                checkpoints.checkpoint(world);
                checkpoints.awaitDurable(0);
                assertEquals(1, checkpoints.stats().alreadyPresent());
                assertEquals(0, checkpoints.stats().written());
            }
        }
    }

    @Test
    void aFailedWriteIsThrownByTheNextCallAndLeavesNoPartialSnapshot() throws IOException {
        WriteOptions failing = PAGE_CACHE.withHook((step, temp) -> {
            if (step == WriteStep.AFTER_MANIFEST) {
                throw new IOException("disk full (simulated)");
            }
        });
        List<String> errors = new ArrayList<>();
        try (World world = CreatureSimulation.newWorld(memory.root(), 5, 300);
             RunStore run = RunStore.open(dir.resolve("run"), failing)) {
            Checkpointer checkpoints = new Checkpointer(run, memory.root(), CheckpointPolicy.everyTicks(1));
            checkpoints.checkpoint(world);
            IOException e = assertThrows(IOException.class, () -> checkpoints.awaitDurable(0));
            errors.add(e.getMessage());
            assertThrows(IOException.class, () -> checkpoints.checkpoint(world));
            assertThrows(IOException.class, checkpoints::close);
            assertEquals(List.of(), run.ticks());
        }
        assertTrue(errors.get(0).contains("disk full (simulated)"), errors.get(0));
    }

    @Test
    void aListenerFollowsEveryPublishedCheckpointOffTheSimulationThread() throws IOException {
        Map<Long, String> live = new HashMap<>();
        Map<Long, String> followed = new java.util.concurrent.ConcurrentHashMap<>();
        List<Boolean> durableWhenFollowed = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (World world = CreatureSimulation.newWorld(memory.root(), 6, 1_500);
             RunStore run = RunStore.open(dir.resolve("run"), PAGE_CACHE)) {
            CheckpointListener journal = staged -> {
                followed.put(staged.tick(), ContentHash.hex(staged));
                durableWhenFollowed.add(run.hasTick(staged.tick()));
                threads.add(Thread.currentThread().getName());
            };
            try (Checkpointer checkpoints = new Checkpointer(run, memory.root(), CheckpointPolicy.everyTicks(4), journal)) {
                checkpoints.prepare(world);
                CreatureSimulation sim = new CreatureSimulation(world);
                for (int t = 0; t <= 20; t++) {
                    if (t > 0) {
                        sim.step();
                    }
                    if (checkpoints.maybeCheckpoint(world)) {
                        live.put(world.tick(), ContentHash.hex(world));
                    }
                }
                checkpoints.awaitAll();
            }
        }
        assertEquals(live, followed, "the listener saw every checkpointed world exactly as it was at its tick");
        assertFalse(durableWhenFollowed.contains(false), "a listener runs after the snapshot is published");
        assertFalse(threads.contains(Thread.currentThread().getName()), "never on the simulation thread: " + threads);
    }

    @Test
    void aFailingListenerFailsTheCheckpointerAndHearsOfNoLaterTick() throws IOException {
        List<Long> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (World world = CreatureSimulation.newWorld(memory.root(), 7, 300);
             RunStore run = RunStore.open(dir.resolve("run"), PAGE_CACHE)) {
            Checkpointer checkpoints = new Checkpointer(run, memory.root(), CheckpointPolicy.everyTicks(1), staged -> {
                heard.add(staged.tick());
                throw new IllegalStateException("database went away (simulated)");
            });
            checkpoints.checkpoint(world);
            // the listener's own exception comes back as it was thrown: its message already names what is at fault
            IllegalStateException e = assertThrows(IllegalStateException.class, checkpoints::awaitAll);
            assertEquals("database went away (simulated)", e.getMessage());
            new CreatureSimulation(world).step();
            assertThrows(IllegalStateException.class, () -> checkpoints.checkpoint(world));
            assertThrows(IllegalStateException.class, checkpoints::close);
            assertEquals(List.of(0L), heard);
            assertEquals(List.of(0L), run.ticks(), "the snapshot itself was published before the listener ran");
        }
    }
}
