package io.tickstore.archive;

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
import io.tickstore.columns.trace.TraceLevel;
import io.tickstore.examples.creatures.CreatureSimulation;
import io.tickstore.examples.creatures.Creatures;
import io.tickstore.recording.Recording;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Sessions archived to Parquet, verified, purged, moved through a real S3-compatible server, and queried. */
class ArchiveTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @RegisterExtension
    final S3TestServer s3 = new S3TestServer();

    @TempDir
    Path dir;

    /** A traced, journaled creature run of {@code ticks} ticks; its session. */
    static UUID record(RuntimePersistence backend, Path runDir, long seed, long ticks, LeakCheckingAllocator memory) throws Exception {
        Journal journal = Journal.to(backend);
        try (Recording rec = Recording.at(runDir).checkpointEvery(5).fsync(false).logBufferRecords(1024).endTick(ticks)
                .simulation(new Creatures(), new SimulationSettings(seed, 200)).tracing(TraceLevel.DEBUG).observer(journal)
                .createOrResume(memory.root())) {
            List<SimulationSystem> systems = new CreatureSimulation(rec.world()).systems();
            while (rec.tick() < ticks) {
                rec.step(systems);
            }
        }
        return journal.sessionId();
    }

    private RuntimePersistence sqlite() {
        return Backends.open("sqlite:" + dir.resolve("journal.sqlite"));
    }

    @Test
    void anArchivedSessionVerifiesAgainstTheDatabaseAndIsPurgedOnlyThen() throws Exception {
        Path archive = dir.resolve("archive");
        try (RuntimePersistence db = sqlite()) {
            SessionStore store = (SessionStore) db;
            UUID session = record(db, dir.resolve("run"), 7, 12, memory);
            TickstoreException notYet = assertThrows(TickstoreException.class, () -> SessionArchive.purge(store, session, archive));
            assertEquals(Problem.NOT_ARCHIVED, notYet.problem());
            ArchivedSession archived = SessionArchive.export(store, session, archive);
            assertEquals(store.session(session).totalRows(), archived.totalRows());
            assertTrue(archived.rows().get("trace_log") > 0);
            assertTrue(Files.exists(archive.resolve("creatures_v1/session_id=" + session + "/part-0.parquet")));
            ArchiveCheck check = SessionArchive.verify(store, session, archive);
            assertTrue(check.ok(), check.problems().toString());
            assertTrue(check.againstDatabase());
            assertEquals(archived.totalRows(), check.rows());
            // the session changes after its export: the archive no longer verifies, and purge refuses
            db.setMetadata(session, "note", "changed after the export");
            ArchiveCheck stale = SessionArchive.verify(store, session, archive);
            assertFalse(stale.ok());
            assertTrue(stale.problems().get(0).contains("metadata"), stale.problems().toString());
            TickstoreException refused = assertThrows(TickstoreException.class, () -> SessionArchive.purge(store, session, archive));
            assertEquals(Problem.NOT_ARCHIVED, refused.problem());
            SessionArchive.export(store, session, archive);
            SessionArchive.purge(store, session, archive);
            assertTrue(store.sessions().isEmpty());
            // what is left is the archive, which still verifies on its own
            assertTrue(SessionArchive.verify(store, session, archive).ok());
            assertEquals(List.of(session), SessionArchive.list(archive).stream().map(ArchivedSession::session).toList());
        }
    }

    @Test
    void aDamagedParquetFileIsNamedByVerify() throws Exception {
        Path archive = dir.resolve("archive");
        try (RuntimePersistence db = sqlite()) {
            SessionStore store = (SessionStore) db;
            UUID session = record(db, dir.resolve("run"), 3, 6, memory);
            SessionArchive.export(store, session, archive);
            Path file = archive.resolve("tick/session_id=" + session + "/part-0.parquet");
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.seek(raf.length() / 2);
                int b = raf.read();
                raf.seek(raf.length() / 2);
                raf.write(b ^ 0x5a);
            }
            ArchiveCheck check = SessionArchive.verify(store, session, archive);
            assertFalse(check.ok());
            assertTrue(check.problems().get(0).startsWith(file.toString()), check.problems().toString());
            TickstoreException refused = assertThrows(TickstoreException.class, () -> SessionArchive.purge(store, session, archive));
            assertEquals(Problem.NOT_ARCHIVED, refused.problem());
            assertTrue(refused.getMessage().contains(file.toString()), refused.getMessage());
        }
    }

    @Test
    void anExportThatDidNotFinishLeavesNoArchiveThatLooksComplete() throws Exception {
        Path archive = dir.resolve("archive");
        try (RuntimePersistence db = sqlite()) {
            SessionStore store = (SessionStore) db;
            UUID session = record(db, dir.resolve("run"), 3, 6, memory);
            SessionArchive.export(store, session, archive);
            // what an export killed after moving its partitions and before its manifest leaves
            Files.delete(archive.resolve(ArchiveManifest.path(session)));
            TickstoreException incomplete = assertThrows(TickstoreException.class, () -> SessionArchive.verify(store, session, archive));
            assertEquals(Problem.ARCHIVE_INCOMPLETE, incomplete.problem());
            assertEquals(List.of(), SessionArchive.list(archive));
            assertEquals(0, ArchiveQuery.run("SELECT 1", archive, 10).rows().size() - 1);
            // and a new export completes it
            SessionArchive.export(store, session, archive);
            assertTrue(SessionArchive.verify(store, session, archive).ok());
        }
    }

    @Test
    void aCrossSessionAggregateOverSeveralArchivedSessionsLocallyAndOnTheObjectStore() throws Exception {
        Path archive = dir.resolve("archive");
        List<UUID> sessions = new ArrayList<>();
        try (RuntimePersistence db = sqlite()) {
            SessionStore store = (SessionStore) db;
            for (int i = 0; i < 3; i++) {
                UUID session = record(db, dir.resolve("run" + i), 20 + i, 10 + 5 * i, memory);
                sessions.add(session);
                SessionArchive.export(store, session, archive);
                SessionArchive.purge(store, session, archive);
            }
        }
        String sql = "SELECT session_id, count(*) AS ticks, max(tick) AS last FROM tick_log GROUP BY session_id ORDER BY last";
        QueryResult local = ArchiveQuery.run(sql, archive, 100);
        assertEquals(List.of("session_id", "ticks", "last"), local.columns());
        assertEquals(3, local.rows().size());
        assertEquals(List.of(10L, 15L, 20L), local.rows().stream().map(r -> ((Number) r.get(2)).longValue()).toList());
        assertEquals(sessions.get(0).toString(), local.rows().get(0).get(0).toString());
        // every tick was logged (0..end): the counts say so across sessions
        assertEquals(List.of(11L, 16L, 21L), local.rows().stream().map(r -> ((Number) r.get(1)).longValue()).toList());
        // traces of every session, joined with the journal: births per session
        QueryResult births = ArchiveQuery.run("SELECT count(*) FROM trace_log WHERE event = 'born'", archive, 10);
        assertTrue(((Number) births.rows().get(0).get(0)).longValue() >= 0);

        S3Location location = S3Location.parse("s3://" + S3TestServer.BUCKET + "/tickstore/archive");
        try (ObjectStore store = ObjectStore.open(s3.options())) {
            store.uploadAll(archive, location, null);
            assertEquals(sessions.stream().sorted().toList(), store.sessions(location));
            QueryResult remote = ArchiveQuery.run(sql, store, location, 100);
            assertEquals(local, remote);
            Path back = dir.resolve("downloaded");
            store.download(location, sessions.get(1), back);
            assertTrue(SessionArchive.verify(null, sessions.get(1), back).ok());
        }
    }

    @Test
    void anUploadCutMidwayLeavesNoCompleteArchiveAndUploadingAgainCompletesIt() throws Exception {
        Path archive = dir.resolve("archive");
        UUID session;
        try (RuntimePersistence db = sqlite()) {
            session = record(db, dir.resolve("run"), 5, 8, memory);
            SessionArchive.export((SessionStore) db, session, archive);
        }
        S3Location location = S3Location.parse("s3://" + S3TestServer.BUCKET + "/cut");
        try (ObjectStore store = ObjectStore.open(s3.options())) {
            List<String> uploaded = new ArrayList<>();
            TickstoreException cut = assertThrows(TickstoreException.class, () -> store.upload(archive, session, location, (key, bytes) -> {
                uploaded.add(key);
                if (uploaded.size() == 3) {
                    try {
                        s3.stop();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }));
            assertEquals(Problem.OBJECT_STORE, cut.problem());
            assertTrue(cut.getMessage().startsWith(location.toString()), cut.getMessage());
            assertEquals(3, uploaded.size());
        }
        s3.restart();
        try (ObjectStore store = ObjectStore.open(s3.options())) {
            assertEquals(List.of(), store.sessions(location));
            TickstoreException incomplete = assertThrows(TickstoreException.class, () -> store.download(location, session, dir.resolve("partial")));
            assertEquals(Problem.ARCHIVE_INCOMPLETE, incomplete.problem());
            store.upload(archive, session, location, null);
            store.download(location, session, dir.resolve("whole"));
            assertTrue(SessionArchive.verify(null, session, dir.resolve("whole")).ok());
        }
        try (Stream<Path> leftovers = Files.walk(dir.resolve("whole"))) {
            assertFalse(leftovers.anyMatch(p -> p.getFileName().toString().contains(".tmp-")));
        }
    }
}
