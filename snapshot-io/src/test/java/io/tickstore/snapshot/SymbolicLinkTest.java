package io.tickstore.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ContentHash;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.format.SnapshotLayout;
import io.tickstore.snapshot.verify.CheckStatus;
import io.tickstore.snapshot.verify.FileCheck;
import io.tickstore.snapshot.verify.SnapshotVerifier;
import io.tickstore.snapshot.verify.VerifyReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot holds no symbolic links: a linked table directory is refused exactly like a linked column file or
 * manifest, by the reader and by the verifier, since a link can point outside the snapshot. The snapshot
 * directory itself may be reached through a link.
 */
class SymbolicLinkTest {
    static final WriteOptions FAST = WriteOptions.defaults().withDurability(Durability.PAGE_CACHE);

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path temp;

    Path snapshot;
    Path elsewhere;
    String hash;

    @BeforeEach
    void writeSnapshot() throws IOException {
        try (World world = SampleWorlds.creatures(memory.root(), 7, 50, 2)) {
            snapshot = SnapshotWriter.write(world, temp.resolve("run"), FAST).dir();
            hash = ContentHash.hex(world);
        }
        elsewhere = Files.createDirectory(temp.resolve("elsewhere"));
    }

    /** Moves {@code inside} out of the snapshot and leaves a link to it in its place; returns the link. */
    private Path replaceWithLink(Path inside) throws IOException {
        Path moved = Files.move(inside, elsewhere.resolve(inside.getFileName()));
        return Files.createSymbolicLink(inside, moved);
    }

    @Test
    void aLinkedTableDirectoryIsRefusedByTheReader() throws IOException {
        Path link = replaceWithLink(snapshot.resolve("creatures"));
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> SnapshotReader.read(snapshot, memory.root()));
        assertEquals(link, e.file());
        assertEquals(Problem.BAD_HEADER, e.problem());
        assertTrue(e.getMessage().startsWith(link + ": is a symbolic link to " + elsewhere.resolve("creatures")), e.getMessage());
    }

    @Test
    void aLinkedColumnFileIsRefusedByTheReader() throws IOException {
        Path link = replaceWithLink(SnapshotLayout.columnFile(snapshot, "creatures", "energy"));
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> SnapshotReader.read(snapshot, memory.root()));
        assertEquals(link, e.file());
        assertTrue(e.getMessage().contains("is a symbolic link"), e.getMessage());
    }

    @Test
    void aLinkedManifestIsRefusedByTheReader() throws IOException {
        Path link = replaceWithLink(SnapshotLayout.manifest(snapshot));
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> SnapshotReader.read(snapshot, memory.root()));
        assertEquals(link, e.file());
    }

    @Test
    void aLinkedTableDirectoryIsReportedByTheVerifierForEveryFileInIt() throws IOException {
        Path link = replaceWithLink(snapshot.resolve("creatures"));
        VerifyReport report = SnapshotVerifier.verify(snapshot);
        assertEquals(report.files().size(), report.failures().size(), report.summary());
        for (FileCheck check : report.failures()) {
            assertEquals(CheckStatus.BAD_HEADER, check.status(), check.toString());
            assertTrue(check.detail().startsWith(link + ": is a symbolic link"), check.toString());
        }
    }

    @Test
    void aLinkedColumnFileIsReportedByTheVerifier() throws IOException {
        Path link = replaceWithLink(SnapshotLayout.columnFile(snapshot, "creatures", "energy"));
        VerifyReport report = SnapshotVerifier.verify(snapshot);
        FileCheck bad = report.firstBad().orElseThrow();
        assertEquals(1, report.failures().size(), report.summary());
        assertEquals(link, bad.path());
        assertEquals(CheckStatus.BAD_HEADER, bad.status());
        assertTrue(bad.detail().contains("is a symbolic link"), bad.toString());
    }

    @Test
    void aLinkedManifestIsReportedByTheVerifier() throws IOException {
        replaceWithLink(SnapshotLayout.manifest(snapshot));
        VerifyReport report = SnapshotVerifier.verify(snapshot);
        assertEquals(CheckStatus.BAD_HEADER, report.manifestStatus(), report.summary());
    }

    @Test
    void theSnapshotDirectoryItselfMayBeALink() throws IOException {
        Path alias = Files.createSymbolicLink(temp.resolve("alias"), snapshot);
        try (World loaded = SnapshotReader.read(alias, memory.root())) {
            assertEquals(hash, ContentHash.hex(loaded));
        }
        assertTrue(SnapshotVerifier.verify(alias).ok());
    }
}
