package io.tickstore.snapshot.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.World;
import io.tickstore.examples.creatures.CreatureSimulation;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.ManifestEdits;
import io.tickstore.snapshot.SampleWorlds;
import io.tickstore.snapshot.SnapshotWriter;
import io.tickstore.snapshot.WriteOptions;
import io.tickstore.snapshot.format.SnapshotLayout;
import io.tickstore.snapshot.store.RunStore;
import io.tickstore.snapshot.store.Store;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Verification checks every byte of every file without loading anything, and reports all damage at once. */
class SnapshotVerifierTest {
    static final WriteOptions FAST = WriteOptions.defaults().withDurability(Durability.PAGE_CACHE);

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path temp;

    private Path writeSnapshot(Path runDir, long ticks) throws IOException {
        try (World world = SampleWorlds.creatures(memory.root(), 7, 50, ticks)) {
            SampleWorlds.addKinds(world, 10);
            return SnapshotWriter.write(world, runDir, FAST).dir();
        }
    }

    @Test
    void aHealthySnapshotVerifiesWithEveryFileOk() throws IOException {
        Path snapshot = writeSnapshot(temp, 2);
        VerifyReport report = SnapshotVerifier.verify(snapshot);
        assertTrue(report.ok(), report.summary());
        assertEquals(CheckStatus.OK, report.manifestStatus());
        assertEquals(2 + CreatureSimulation.SCHEMA.columnCount() + SampleWorlds.KINDS_SCHEMA.columnCount(), report.files().size());
        for (FileCheck check : report.allChecks()) {
            assertEquals(check.expected(), check.actual(), check.toString());
        }
        assertTrue(report.summary().startsWith("OK "), report.summary());
    }

    @Test
    void everyDamagedFileIsReportedWithItsOwnStatus() throws IOException {
        Path snapshot = writeSnapshot(temp, 2);
        Path corrupted = SnapshotLayout.columnFile(snapshot, "creatures", "energy");
        Path truncated = SnapshotLayout.columnFile(snapshot, "creatures", "gen");
        Path missing = SnapshotLayout.entityIdFile(snapshot, SampleWorlds.KINDS);
        Path notNpy = SnapshotLayout.columnFile(snapshot, SampleWorlds.KINDS, "v_f64");
        try (RandomAccessFile f = new RandomAccessFile(corrupted.toFile(), "rw")) {
            f.seek(f.length() - 1);
            f.write(~f.read());
        }
        try (RandomAccessFile f = new RandomAccessFile(truncated.toFile(), "rw")) {
            f.setLength(f.length() - 4);
        }
        Files.delete(missing);
        try (RandomAccessFile f = new RandomAccessFile(notNpy.toFile(), "rw")) {
            f.write('X');
        }

        VerifyReport report = SnapshotVerifier.verify(snapshot);
        assertFalse(report.ok());
        assertEquals(List.of(corrupted, truncated, missing, notNpy), report.failures().stream().map(FileCheck::path).toList());
        assertEquals(List.of(CheckStatus.MISMATCH, CheckStatus.TRUNCATED, CheckStatus.MISSING, CheckStatus.BAD_HEADER),
                report.failures().stream().map(FileCheck::status).toList());
        FileCheck first = report.firstBad().orElseThrow();
        assertEquals(corrupted, first.path());
        assertFalse(first.expected().equals(first.actual()));
        assertTrue(report.summary().contains("4 bad of"), report.summary());
    }

    @Test
    void aDamagedManifestIsReportedAndItsFileListIsNotTrusted() throws IOException {
        Path snapshot = writeSnapshot(temp, 2);
        ManifestEdits.editWithoutResigning(SnapshotLayout.manifest(snapshot), root -> root.put("tick", 3));
        VerifyReport report = SnapshotVerifier.verify(snapshot);
        assertEquals(CheckStatus.MISMATCH, report.manifestStatus());
        assertFalse(report.manifest().expected().equals(report.manifest().actual()));
        assertEquals(List.of(), report.files());
        assertEquals(SnapshotLayout.manifest(snapshot), report.firstBad().orElseThrow().path());
    }

    @Test
    void aMissingManifestIsMissing() throws IOException {
        Path snapshot = writeSnapshot(temp, 2);
        Files.delete(SnapshotLayout.manifest(snapshot));
        FileCheck manifest = SnapshotVerifier.verify(snapshot).manifest();
        assertEquals(CheckStatus.MISSING, manifest.status());
        assertNull(manifest.actual());
    }

    @Test
    void aFileThatCannotBeReadIsUnreadableNotDamaged() throws IOException {
        Path snapshot = writeSnapshot(temp, 2);
        Path locked = SnapshotLayout.columnFile(snapshot, "creatures", "energy");
        Set<PosixFilePermission> was = Files.getPosixFilePermissions(locked);
        Files.setPosixFilePermissions(locked, Set.of());
        try {
            assumeUnreadable(locked);
            VerifyReport report = SnapshotVerifier.verify(snapshot);
            assertEquals(1, report.failures().size(), report.summary());
            FileCheck check = report.firstBad().orElseThrow();
            assertEquals(locked, check.path());
            assertEquals(CheckStatus.UNREADABLE, check.status());
            assertEquals("cannot be read: permission denied", check.detail());
        } finally {
            Files.setPosixFilePermissions(locked, was);
        }
    }

    @Test
    void aManifestThatCannotBeReadIsUnreadable() throws IOException {
        Path snapshot = writeSnapshot(temp, 2);
        Path locked = SnapshotLayout.manifest(snapshot);
        Set<PosixFilePermission> was = Files.getPosixFilePermissions(locked);
        Files.setPosixFilePermissions(locked, Set.of());
        try {
            assumeUnreadable(locked);
            FileCheck manifest = SnapshotVerifier.verify(snapshot).manifest();
            assertEquals(CheckStatus.UNREADABLE, manifest.status());
            assertEquals("cannot be read: permission denied", manifest.detail());
        } finally {
            Files.setPosixFilePermissions(locked, was);
        }
    }

    /** Root (or CAP_DAC_OVERRIDE) reads any file whatever its mode; then there is nothing to test. */
    private static void assumeUnreadable(Path file) {
        Assumptions.assumeFalse(Files.isReadable(file), "this user reads files whatever their permissions (root?): skipped;"
                + " as root, run under setpriv --bounding-set=-dac_override,-dac_read_search to include it");
    }

    @Test
    void verifyAllTakesAStoreARunOrASnapshot() throws IOException {
        Store store = Store.open(temp.resolve("store"), FAST);
        Path damaged = null;
        for (String name : new String[] {"a", "b"}) {
            try (RunStore run = store.createRun(name)) {
                writeSnapshot(run.dir(), 1);
                damaged = writeSnapshot(run.dir(), 2);
            }
        }
        assertEquals(4, SnapshotVerifier.verifyAll(store.dir()).size());
        assertEquals(2, SnapshotVerifier.verifyAll(store.dir().resolve("a")).size());
        assertEquals(1, SnapshotVerifier.verifyAll(damaged).size());
        assertTrue(SnapshotVerifier.firstBad(SnapshotVerifier.verifyAll(store.dir())).isEmpty());

        Path energy = SnapshotLayout.columnFile(damaged, "creatures", "energy");
        try (RandomAccessFile f = new RandomAccessFile(energy.toFile(), "rw")) {
            f.setLength(f.length() + 1);
        }
        assertEquals(energy, SnapshotVerifier.firstBad(SnapshotVerifier.verifyAll(store.dir())).orElseThrow().path());
    }

    @Test
    void aPathThatIsNoneOfTheThreeIsAnError() throws IOException {
        assertThrows(NoSuchFileException.class, () -> SnapshotVerifier.verifyAll(temp.resolve("nothing")));
        IOException e = assertThrows(IOException.class, () -> SnapshotVerifier.verifyAll(temp));
        assertTrue(e.getMessage().contains("not a snapshot, a run or a store"), e.getMessage());
    }
}
