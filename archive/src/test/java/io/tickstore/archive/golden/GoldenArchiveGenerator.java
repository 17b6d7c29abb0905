package io.tickstore.archive.golden;

import io.tickstore.archive.SessionArchive;
import io.tickstore.archive.backup.StoreBackups;
import io.tickstore.backends.Journal;
import io.tickstore.backends.SessionStore;
import io.tickstore.backends.TickLog;
import io.tickstore.backends.sqlite.SqliteRuntime;
import io.tickstore.columns.World;
import io.tickstore.columns.sim.SimulationSettings;
import io.tickstore.columns.sim.SimulationSystem;
import io.tickstore.columns.trace.TraceLevel;
import io.tickstore.columns.trace.TraceRecorder;
import io.tickstore.examples.creatures.CreatureSimulation;
import io.tickstore.examples.creatures.Creatures;
import io.tickstore.recording.Recording;
import io.tickstore.snapshot.internal.Directories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.arrow.memory.RootAllocator;

/**
 * Writes the golden archive ({@code data/golden/archive-v1}: one session exported to Parquet, archive format
 * version 1) and the golden backup ({@code data/golden/backup-v1}: a backup, format version 1, of a store of one
 * run). See {@code data/golden/README.md}.
 *
 * <p>The session: the reference simulation seeded with 7, 50 creatures, ticks 0..10, every fifth tick persisted into
 * a SQLite journal with the fixed session id {@value #SESSION}, every tick logged, and the ticks' trace events at
 * DEBUG. Timestamps the database takes itself (created_at, persisted_at, logged_at) and the manifest's createdAt are
 * the time of the run, so a new run writes other bytes; what the golden tests pin is that these files keep verifying
 * and reading.
 */
public final class GoldenArchiveGenerator {
    static final UUID SESSION = UUID.fromString("7469636b-7374-6f72-6172-636869766531");

    public static void main(String[] args) throws Exception {
        Path archive = Path.of(args.length > 0 ? args[0] : "data/golden/archive-v1");
        Path backups = Path.of(args.length > 1 ? args[1] : "data/golden/backup-v1");
        Path work = Files.createTempDirectory("tickstore-golden-archive-");
        try (RootAllocator memory = new RootAllocator(); SqliteRuntime db = SqliteRuntime.open(work.resolve("store/journal.sqlite"))) {
            Path runDir = work.resolve("store/creatures");
            try (Recording rec = Recording.at(runDir).checkpointEvery(5).fsync(false).logBufferRecords(1024).endTick(10)
                    .simulation(new Creatures(), new SimulationSettings(7, 50)).createOrResume(memory);
                 TraceRecorder trace = TraceRecorder.create(TraceLevel.DEBUG, memory, batch -> db.persistTraces(SESSION, batch))) {
                db.createSession(SESSION, rec.world());
                db.setMetadata(SESSION, "run", "creatures");
                db.persistTick(SESSION, rec.world());
                db.logTick(SESSION, TickLog.builder(0).rngState(rec.world().rngState()).build());
                List<SimulationSystem> systems = new CreatureSimulation(rec.world()).systems();
                Ticks ticks = new Ticks(rec, trace);
                while (rec.tick() < 10) {
                    for (SimulationSystem s : systems) {
                        s.run(ticks);
                    }
                    rec.endTick();
                    trace.flush(rec.tick());
                    trace.awaitWritten();
                    World world = rec.world();
                    db.logTick(SESSION, TickLog.builder(world.tick()).rngState(world.rngState()).wallTimeMs(1.0).build());
                    if (world.tick() % 5 == 0) {
                        db.persistTick(SESSION, world);
                    }
                }
            }
            db.setMetadata(SESSION, Journal.STATUS, "completed");
            if (Files.exists(archive)) {
                Directories.deleteRecursively(archive);
            }
            System.out.println(SessionArchive.export((SessionStore) db, SESSION, archive));
            if (Files.exists(backups)) {
                Directories.deleteRecursively(backups);
            }
            System.out.println(StoreBackups.create(work.resolve("store"), backups, "golden"));
        } finally {
            Directories.deleteRecursively(work);
        }
    }

    /** The recording's tick context, with the golden tracer as the collector. */
    private static final class Ticks implements io.tickstore.columns.sim.TickContext {
        private final Recording rec;
        private final TraceRecorder trace;

        Ticks(Recording rec, TraceRecorder trace) {
            this.rec = rec;
            this.trace = trace;
        }

        @Override
        public World world() {
            return rec.world();
        }

        @Override
        public long tick() {
            return rec.context().tick();
        }

        @Override
        public io.tickstore.columns.sim.SimRandom random() {
            return rec.context().random();
        }

        @Override
        public io.tickstore.columns.trace.TraceCollector trace() {
            return trace;
        }
    }
}
