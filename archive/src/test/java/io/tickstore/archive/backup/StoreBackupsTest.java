package io.tickstore.archive.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.backends.Backends;
import io.tickstore.backends.Journal;
import io.tickstore.backends.RuntimePersistence;
import io.tickstore.backends.SessionStore;
import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.sim.SimulationSettings;
import io.tickstore.columns.sim.SimulationSystem;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.examples.creatures.CreatureSimulation;
import io.tickstore.examples.creatures.Creatures;
import io.tickstore.recording.Recording;
import io.tickstore.recording.StoreStats;
import io.tickstore.snapshot.verify.EventLogVerifier;
import io.tickstore.snapshot.verify.SnapshotVerifier;
import io.tickstore.snapshot.verify.VerifyReport;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Backups of a store: hard links for snapshots, SQLite's backup API for journals, restore verified before it is visible. */
class StoreBackupsTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    private void run(Path store, String name, long ticks, long every, Journal journal) throws Exception {
        var builder = Recording.at(store.resolve(name)).checkpointEvery(every).fsync(false).logBufferRecords(1024).endTick(ticks)
                .simulation(new Creatures(), new SimulationSettings(5, 300));
        if (journal != null) {
            builder.observer(journal);
        }
        try (Recording rec = builder.createOrResume(memory.root())) {
            List<SimulationSystem> systems = new CreatureSimulation(rec.world()).systems();
            while (rec.tick() < ticks) {
                rec.step(systems);
            }
        }
    }

    @Test
    void aBackupLinksSnapshotsCopiesTheJournalOnlineAndRestoresVerified() throws Exception {
        Path store = dir.resolve("store");
        try (RuntimePersistence db = Backends.open("sqlite:" + store.resolve("journal.sqlite"))) {
            run(store, "a", 20, 5, Journal.to(db));
            run(store, "b", 10, 5, null);
            // the journal stays open (a live database) while the backup copies it
            BackupInfo backup = StoreBackups.create(store, dir.resolve("backups"));
            assertEquals(List.of("a", "b"), backup.runs());
            assertTrue(backup.linked() > 0, "snapshot files are hard links: " + backup);
            Path linked = backup.dir().resolve("a/tick-00000000000000000005/creatures/energy.npy");
            assertEquals(Files.getAttribute(store.resolve("a/tick-00000000000000000005/creatures/energy.npy"), "unix:ino"),
                    Files.getAttribute(linked, "unix:ino"));
            assertEquals(List.of(backup.name()), StoreBackups.list(dir.resolve("backups")).stream().map(BackupInfo::name).toList());

            Path restored = dir.resolve("restored");
            StoreBackups.restore(backup.dir(), restored);
            assertTrue(SnapshotVerifier.verifyAll(restored).stream().allMatch(VerifyReport::ok));
            assertTrue(EventLogVerifier.firstBad(EventLogVerifier.verifyAll(restored)).isEmpty());
            StoreStats before = StoreStats.of(store);
            StoreStats after = StoreStats.of(restored);
            assertEquals(before.snapshots(), after.snapshots());
            assertEquals(before.events(), after.events());
            assertEquals(before.rows(), after.rows());
            try (RuntimePersistence back = Backends.openExisting("sqlite:" + restored.resolve("journal.sqlite"))) {
                assertEquals(((SessionStore) db).sessions().size(), ((SessionStore) back).sessions().size());
            }
        }
    }

    @Test
    void aDamagedBackupIsRefusedAndNothingAppearsAtTheTarget() throws Exception {
        Path store = dir.resolve("store");
        run(store, "a", 10, 5, null);
        BackupInfo backup = StoreBackups.create(store, dir.resolve("backups"));
        // the backup's own copy of a log segment (copied, not linked, so the store's stays intact)
        Path segment;
        try (Stream<Path> files = Files.list(backup.dir().resolve("a/events"))) {
            segment = files.filter(p -> p.getFileName().toString().endsWith(".tlog")).findFirst().orElseThrow();
        }
        try (RandomAccessFile raf = new RandomAccessFile(segment.toFile(), "rw")) {
            raf.seek(100);
            raf.write(raf.read() ^ 1);
        }
        Path target = dir.resolve("restored");
        TickstoreException refused = assertThrows(TickstoreException.class, () -> StoreBackups.restore(backup.dir(), target));
        assertEquals(Problem.ARCHIVE_MISMATCH, refused.problem());
        assertTrue(refused.getMessage().startsWith(segment.toString()), refused.getMessage());
        assertFalse(Files.exists(target));
        try (Stream<Path> left = Files.list(dir)) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().contains(".tmp-")));
        }
    }

    @Test
    void aBackupTakenWhileARunWritesHoldsOnlyWholeSnapshotsAndVerifies() throws Exception {
        Path store = dir.resolve("store");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                run(store, "live", 400, 1, null);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        writer.start();
        List<BackupInfo> backups = new ArrayList<>();
        while (!Files.exists(store.resolve("live/tick-00000000000000000000"))) {
            Thread.sleep(5);
        }
        for (int i = 0; i < 3 && writer.isAlive(); i++) {
            backups.add(StoreBackups.create(store, dir.resolve("backups"), "during-" + i));
        }
        writer.join();
        if (failure.get() != null) {
            throw new AssertionError("the run failed", failure.get());
        }
        assertFalse(backups.isEmpty());
        for (BackupInfo backup : backups) {
            List<VerifyReport> reports = SnapshotVerifier.verifyAll(backup.dir().resolve("live"));
            assertFalse(reports.isEmpty());
            for (VerifyReport report : reports) {
                assertTrue(report.ok(), backup.name() + ": " + report);
            }
            assertTrue(EventLogVerifier.firstBad(EventLogVerifier.verifyAll(backup.dir().resolve("live"))).isEmpty(), backup.name());
            StoreBackups.restore(backup.dir(), dir.resolve("restored-" + backup.name()));
        }
    }
}
