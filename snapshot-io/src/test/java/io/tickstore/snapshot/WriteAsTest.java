package io.tickstore.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tickstore.columns.ContentHash;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.verify.SnapshotVerifier;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot written as a directory of any name: published whole, verifiable, refused over anything already there. */
class WriteAsTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    @Test
    void aSnapshotUnderAnyNameReadsBackAndVerifies() throws IOException {
        try (World world = SampleWorlds.creatures(memory.root(), 3, 200, 7)) {
            Path target = dir.resolve("exports").resolve("tick57");
            try (SnapshotWriter writer = new SnapshotWriter(WriteOptions.defaults())) {
                SnapshotInfo info = writer.writeAs(world, target);
                assertEquals(target, info.dir());
                assertEquals(7, info.tick());
            }
            try (World back = SnapshotReader.read(target, memory.root())) {
                assertEquals(ContentHash.hex(world), ContentHash.hex(back));
            }
            assertEquals(List.of(), SnapshotVerifier.verify(target).failures());
            try (var entries = Files.list(target.getParent())) {
                assertEquals(List.of(target), entries.toList(), "no temporary directory is left beside it");
            }
            try (SnapshotWriter writer = new SnapshotWriter(WriteOptions.defaults())) {
                FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, () -> writer.writeAs(world, target));
                assertEquals(target + ": already exists; a snapshot is written as a new directory: name one that does not exist",
                        e.getMessage());
            }
        }
    }
}
