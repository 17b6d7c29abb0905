package io.tickstore.snapshot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ContentHash;
import io.tickstore.columns.World;
import io.tickstore.examples.creatures.CreatureSimulation;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.SampleWorlds;
import io.tickstore.snapshot.SnapshotInfo;
import io.tickstore.snapshot.WriteOptions;
import io.tickstore.snapshot.format.SnapshotLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A run directory: write snapshots, list them, open any of them, prune them. */
class RunStoreTest {
    static final WriteOptions FAST = WriteOptions.defaults().withDurability(Durability.PAGE_CACHE);

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path temp;

    /** Runs the reference simulation, snapshotting at the given ticks; returns each snapshot's hash. */
    private Map<Long, String> simulate(RunStore store, long... ticks) throws IOException {
        Map<Long, String> hashes = new HashMap<>();
        try (World world = SampleWorlds.creatures(memory.root(), 7, 100, 0)) {
            CreatureSimulation sim = new CreatureSimulation(world);
            for (long tick : ticks) {
                sim.run(tick - world.tick());
                SnapshotInfo info = store.write(world);
                assertEquals(SnapshotLayout.snapshotDir(store.dir(), tick), info.dir());
                hashes.put(tick, ContentHash.hex(world));
            }
        }
        return hashes;
    }

    @Test
    void openingAMissingRunCreatesIt() throws IOException {
        Path runDir = temp.resolve("a/b/run");
        try (RunStore store = RunStore.open(runDir)) {
            assertTrue(Files.isDirectory(runDir));
            assertEquals(List.of(), store.ticks());
            assertEquals(OptionalLong.empty(), store.latestTick());
            assertEquals("run", store.name());
        }
    }

    @Test
    void ticksAreListedInOrderAndTheLatestOpens() throws IOException {
        try (RunStore store = RunStore.open(temp, FAST)) {
            Map<Long, String> hashes = simulate(store, 3, 10, 25);
            assertEquals(List.of(3L, 10L, 25L), store.ticks());
            assertEquals(OptionalLong.of(25), store.latestTick());
            try (World latest = store.openLatest(memory.root())) {
                assertEquals(hashes.get(25L), ContentHash.hex(latest));
            }
        }
    }

    @Test
    void aSnapshotOpensAtItsExactTickOrTheNewestAtOrBefore() throws IOException {
        try (RunStore store = RunStore.open(temp, FAST)) {
            Map<Long, String> hashes = simulate(store, 3, 10, 25);
            try (World at10 = store.openAt(10, memory.root()); World before24 = store.openAtOrBefore(24, memory.root())) {
                assertEquals(hashes.get(10L), ContentHash.hex(at10));
                assertEquals(10, before24.tick());
            }
            try (World at25 = store.openAtOrBefore(25, memory.root())) {
                assertEquals(25, at25.tick());
            }
        }
    }

    @Test
    void askingForATickThatIsNotThereNamesTheRunAndWhatItHas() throws IOException {
        try (RunStore store = RunStore.open(temp, FAST)) {
            simulate(store, 3, 10);
            NoSuchFileException exact = assertThrows(NoSuchFileException.class, () -> store.openAt(4, memory.root()));
            assertTrue(exact.getMessage().contains("run " + temp + " has no snapshot at tick 4 (ticks: [3, 10])"), exact.getMessage());
            NoSuchFileException before = assertThrows(NoSuchFileException.class, () -> store.openAtOrBefore(2, memory.root()));
            assertTrue(before.getMessage().contains("no snapshot at or before tick 2"), before.getMessage());
            assertThrows(NoSuchFileException.class, () -> store.snapshotDir(11));
        }
        try (RunStore empty = RunStore.open(temp.resolve("empty"))) {
            NoSuchFileException none = assertThrows(NoSuchFileException.class, () -> empty.openLatest(memory.root()));
            assertTrue(none.getMessage().contains("has no snapshots"), none.getMessage());
        }
    }

    @Test
    void retentionDeletesWhatThePolicyDoesNotKeepAndLeavesNoHiddenDirectories() throws IOException {
        try (RunStore store = RunStore.open(temp, FAST)) {
            simulate(store, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
            List<Long> deleted = store.applyRetention(RetentionPolicy.everyNth(5).and(RetentionPolicy.lastK(2)));
            assertEquals(List.of(1L, 2L, 3L, 4L, 6L, 7L, 8L, 9L), deleted);
            assertEquals(List.of(0L, 5L, 10L, 11L, 12L), store.ticks());
            try (Stream<Path> entries = Files.list(temp)) {
                assertTrue(entries.noneMatch(p -> SnapshotLayout.isTemporary(p.getFileName().toString())));
            }
            try (World kept = store.openAt(5, memory.root())) {
                assertEquals(5, kept.tick());
            }
            assertEquals(List.of(), store.applyRetention(RetentionPolicy.keepAll()));
        }
    }

    @Test
    void aReadOnlyRunListsAndOpensButNeverWritesOrDeletes() throws IOException {
        try (RunStore store = RunStore.open(temp, FAST)) {
            simulate(store, 1, 2);
        }
        Path leftover = temp.resolve(SnapshotLayout.temporaryDirName(3, "abcd"));
        Files.createDirectory(leftover);
        try (RunStore readOnly = RunStore.openReadOnly(temp); World world = readOnly.openLatest(memory.root())) {
            assertEquals(List.of(1L, 2L), readOnly.ticks());
            assertThrows(IllegalStateException.class, () -> readOnly.write(world));
            assertThrows(IllegalStateException.class, () -> readOnly.applyRetention(RetentionPolicy.lastK(1)));
            assertTrue(Files.exists(leftover), "a read-only open removes nothing");
        }
        assertThrows(NoSuchFileException.class, () -> RunStore.openReadOnly(temp.resolve("nowhere")));
    }

    @Test
    void aClosedRunStoreRefusesUse() throws IOException {
        RunStore store = RunStore.open(temp, FAST);
        store.close();
        store.close();
        assertThrows(IllegalStateException.class, store::ticks);
        assertFalse(store.isReadOnly());
    }
}
