package io.tickstore.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ContentHash;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.format.SnapshotLayout;
import io.tickstore.snapshot.store.RetentionPolicy;
import io.tickstore.snapshot.store.RunStore;
import io.tickstore.snapshot.verify.SnapshotVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot written over the files of a removed one is the same snapshot a fresh write makes, and nothing more. */
class RecyclingTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    private static List<String> files(Path snapshot) throws IOException {
        try (Stream<Path> walk = Files.walk(snapshot)) {
            return walk.map(p -> snapshot.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void aRecycledWriteOfASmallerWorldReadsBackVerifiesAndHoldsOnlyItsOwnFiles() throws IOException {
        Path run = dir.resolve("run");
        Path fresh = dir.resolve("fresh");
        WriteOptions options = WriteOptions.defaults().withDurability(Durability.PAGE_CACHE);
        try (SnapshotWriter writer = new SnapshotWriter(options);
             World big = SampleWorlds.creatures(memory.root(), 3, 500, 4);
             World small = SampleWorlds.creatures(memory.root(), 5, 120, 9)) {
            Path old = writer.write(big, run).dir();
            Path hidden = run.resolve(SnapshotLayout.temporaryDirName(4, "deleting-test"));
            Files.move(old, hidden);
            Files.writeString(hidden.resolve("creatures").resolve("stray.npy"), "not part of any snapshot");

            SnapshotInfo recycled = writer.writeRecycling(small, run, hidden);

            assertFalse(Files.exists(hidden), "the recycled directory became the new snapshot");
            assertEquals(List.of(), SnapshotVerifier.verify(recycled.dir()).failures());
            try (World back = SnapshotReader.read(recycled.dir(), memory.root())) {
                assertEquals(ContentHash.hex(small), ContentHash.hex(back));
            }
            writer.writeAs(small, fresh);
            assertEquals(files(fresh), files(recycled.dir()));
        }
    }

    @Test
    void aRunStoreRecyclesTheNewestSnapshotItsRetentionRemoves() throws IOException {
        Path run = dir.resolve("run");
        WriteOptions options = WriteOptions.defaults().withDurability(Durability.PAGE_CACHE).withRecycleRetained(true);
        try (RunStore store = RunStore.open(run, options);
             World world = SampleWorlds.creatures(memory.root(), 3, 300, 0)) {
            for (long tick = 1; tick <= 3; tick++) {
                world.setTick(tick);
                store.write(world);
            }
            assertEquals(List.of(1L, 2L), store.applyRetention(RetentionPolicy.lastK(1)));
            try (Stream<Path> hidden = Files.list(run).filter(p -> SnapshotLayout.isTemporary(p.getFileName().toString()))) {
                assertEquals(1, hidden.count(), "one removed snapshot is kept for recycling");
            }
            world.setTick(4);
            Path written = store.write(world).dir();
            assertEquals(List.of(), SnapshotVerifier.verify(written).failures());
            try (World back = SnapshotReader.read(written, memory.root())) {
                assertEquals(ContentHash.hex(world), ContentHash.hex(back));
            }
            try (Stream<Path> children = Files.list(run)) {
                assertEquals(List.of(SnapshotLayout.snapshotDirName(3), SnapshotLayout.snapshotDirName(4)),
                        children.map(p -> p.getFileName().toString()).sorted().toList());
            }
        }
    }

    /**
     * A removed snapshot that a world still maps copy-on-write is not overwritten in place (its untouched pages would
     * change under the world): the write makes new files and the world keeps what it opened. Once the world is closed,
     * the next removed snapshot is recycled as usual.
     */
    @Test
    void aRemovedSnapshotAWorldStillMapsIsNotOverwritten() throws IOException {
        Path run = dir.resolve("run");
        WriteOptions options = WriteOptions.defaults().withDurability(Durability.PAGE_CACHE);
        try (SnapshotWriter writer = new SnapshotWriter(options);
             World first = SampleWorlds.creatures(memory.root(), 3, 500, 4);
             World other = SampleWorlds.creatures(memory.root(), 5, 500, 9)) {
            Path old = writer.write(first, run).dir();
            World opened = SnapshotReader.openCopyOnWrite(old, memory.root());
            String openedHash = ContentHash.hex(opened);
            Path hidden = run.resolve(SnapshotLayout.temporaryDirName(4, "deleting-test"));
            Files.move(old, hidden);
            assertTrue(io.tickstore.snapshot.internal.MappedSnapshots.isMapped(hidden), "a rename keeps the snapshot known as mapped");

            SnapshotInfo written = writer.writeRecycling(other, run, hidden);

            assertFalse(Files.exists(hidden), "the removed snapshot is consumed all the same");
            assertEquals(openedHash, ContentHash.hex(opened), "the world opened copy-on-write kept what it opened");
            assertEquals(List.of(), SnapshotVerifier.verify(written.dir()).failures());
            try (World back = SnapshotReader.read(written.dir(), memory.root())) {
                assertEquals(ContentHash.hex(other), ContentHash.hex(back));
            }
            opened.close();

            Path second = run.resolve(SnapshotLayout.temporaryDirName(9, "deleting-test"));
            Files.move(written.dir(), second);
            assertFalse(io.tickstore.snapshot.internal.MappedSnapshots.isMapped(second));
            Object before = io.tickstore.snapshot.internal.MappedSnapshots.key(second);
            SnapshotInfo recycled = writer.writeRecycling(first, run, second);
            assertEquals(before, io.tickstore.snapshot.internal.MappedSnapshots.key(recycled.dir()),
                    "with nothing mapped, the removed snapshot's directory became the new snapshot");
        }
    }
}
