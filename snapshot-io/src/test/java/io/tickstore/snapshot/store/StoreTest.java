package io.tickstore.snapshot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.SampleWorlds;
import io.tickstore.snapshot.WriteOptions;
import io.tickstore.snapshot.format.SnapshotLayout;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A store is a directory of named runs; {@link PathKind} tells a store, a run and a snapshot apart. */
class StoreTest {
    static final WriteOptions FAST = WriteOptions.defaults().withDurability(Durability.PAGE_CACHE);

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path temp;

    @Test
    void runsAreCreatedListedAndOpenedByName() throws IOException {
        Store store = Store.open(temp.resolve("runs"), FAST);
        store.createRun("seed-7").close();
        store.createRun("baseline_2").close();
        Files.createDirectory(store.dir().resolve(".hidden"));
        assertEquals(List.of("baseline_2", "seed-7"), store.runs());
        try (RunStore run = store.run("seed-7"); World world = SampleWorlds.creatures(memory.root(), 7, 10, 1)) {
            run.write(world);
            assertEquals(List.of(1L), run.ticks());
        }
        try (RunStore lookOnly = store.runReadOnly("seed-7")) {
            assertTrue(lookOnly.isReadOnly());
            assertEquals(List.of(1L), lookOnly.ticks());
        }
    }

    @Test
    void runNamesAreValidated() throws IOException {
        Store store = Store.open(temp);
        for (String bad : new String[] {"", ".hidden", "-x", "a/b", "..", "x y", "a\\b"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.createRun(bad), bad);
            assertTrue(e.getMessage().contains("is not a valid run name"), e.getMessage());
        }
    }

    @Test
    void aMissingRunIsNamedWithTheRunsThatExist() throws IOException {
        Store store = Store.open(temp);
        store.createRun("one").close();
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> store.run("two"));
        assertTrue(e.getMessage().contains("has no run 'two' (runs: one)"), e.getMessage());
        FileAlreadyExistsException again = assertThrows(FileAlreadyExistsException.class, () -> store.createRun("one"));
        assertTrue(again.getMessage().contains("already has a run 'one'"), again.getMessage());
    }

    @Test
    void pathKindTellsStoresRunsAndSnapshotsApart() throws IOException {
        Store store = Store.open(temp.resolve("store"), FAST);
        Path snapshot;
        try (RunStore run = store.createRun("r"); World world = SampleWorlds.creatures(memory.root(), 7, 10, 4)) {
            snapshot = run.write(world).dir();
        }
        assertEquals(PathKind.STORE, PathKind.detect(store.dir()));
        assertEquals(PathKind.RUN, PathKind.detect(store.dir().resolve("r")));
        assertEquals(PathKind.SNAPSHOT, PathKind.detect(snapshot));
        assertEquals(PathKind.SNAPSHOT, PathKind.detect(SnapshotLayout.manifest(snapshot)));
        assertEquals(PathKind.UNKNOWN, PathKind.detect(snapshot.resolve("creatures")));
        assertEquals(PathKind.UNKNOWN, PathKind.detect(Files.createDirectory(temp.resolve("empty"))));
        assertEquals(PathKind.MISSING, PathKind.detect(temp.resolve("nothing")));
    }
}
