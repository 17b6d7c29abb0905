package io.tickstore.cli;

import io.tickstore.backends.BackendSpec;
import io.tickstore.backends.Backends;
import io.tickstore.backends.PersistenceException;
import io.tickstore.backends.RuntimePersistence;
import io.tickstore.backends.postgres.PostgresOptions;
import io.tickstore.columns.ContentHash;
import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.World;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Loads a journaled tick back from a database backend and prints its world hash; with {@code --out}, writes it as a
 * snapshot. The session may be named by its id or by its run, whose {@code run.json} keeps the session id and the
 * journal's spec.
 */
@Command(name = "hydrate", mixinStandardHelpOptions = true,
        description = "Load a tick of a session from a backend (sqlite:PATH or postgres:JDBC_URL) into memory and print "
                + "its world hash, which equals the hash of the world that was persisted. With --out DIR, write it as a snapshot. "
                + "Only reads the database: creates and changes nothing there.")
final class HydrateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Mixin
    SessionSource source;

    @Option(names = "--tick", paramLabel = "T", description = "Tick to load (default: the latest stored tick).")
    Long tick;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the hydrated tick as a snapshot directory DIR (which must "
            + "not exist yet; it appears whole or not at all).")
    Path out;

    @Override
    public Integer call() throws java.io.IOException {
        if (out != null && Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
            throw new CliException(out.toAbsolutePath() + ": already exists; --out names a new directory for the snapshot", ExitCodes.USAGE);
        }
        SessionSource.Resolved resolved = source.resolve();
        UUID sessionId = resolved.sessionId();
        BackendSpec backendSpec = resolved.backend();
        // reading creates nothing: no SQLite file where there was none, no PostgreSQL schema or table
        try (RuntimePersistence backend = Backends.openExisting(backendSpec, PostgresOptions.defaults());
             BufferAllocator allocator = new RootAllocator();
             World world = tick == null ? backend.hydrateLatest(sessionId, allocator) : backend.hydrate(sessionId, tick, allocator)) {
            String hash = ContentHash.hex(world);
            io.tickstore.snapshot.SnapshotInfo written = null;
            if (out != null) {
                try (io.tickstore.snapshot.SnapshotWriter writer = new io.tickstore.snapshot.SnapshotWriter(
                        io.tickstore.snapshot.WriteOptions.defaults())) {
                    written = writer.writeAs(world, out);
                }
            }
            if (common.json) {
                var json = Json.object();
                json.put("backend", backendSpec.toString());
                json.put("session", sessionId.toString());
                json.put("tick", world.tick());
                var tables = json.putObject("rows");
                for (Table table : world.tables()) {
                    tables.put(table.name(), table.rowCount());
                }
                json.put("worldHash", hash);
                if (written != null) {
                    json.put("out", written.dir().toString());
                    json.put("bytes", written.totalBytes());
                }
                Json.print(spec.commandLine().getOut(), json);
            } else {
                spec.commandLine().getOut().printf("session %s tick %d: %d rows, world hash %s%n", sessionId, world.tick(),
                        world.totalRows(), hash);
                if (written != null) {
                    spec.commandLine().getOut().printf("wrote %s (%s), a snapshot: ./tickstore cat %s TABLE/COLUMN, numpy.load(...)%n",
                            written.dir(), Units.bytes(written.totalBytes()), Units.quoted(written.dir().toString()));
                }
            }
        } catch (PersistenceException e) {
            int code = e.problem() == TickstoreException.Problem.INVALID_INPUT ? ExitCodes.USAGE : ExitCodes.FAILURE;
            throw new CliException(e.getMessage() + whatToDo(e.problem(), backendSpec), code);
        }
        return ExitCodes.OK;
    }

    /** The library says what is wrong; the command line's fix for it is said here. */
    private static String whatToDo(TickstoreException.Problem problem, BackendSpec backend) {
        switch (problem) {
            case NO_JOURNAL:
                return "; check --from, or journal a run there with ./tickstore run --persist " + Units.quoted(backend.toString());
            case UNKNOWN_SESSION:
                return "; use a session id that ./tickstore run --persist " + Units.quoted(backend.toString()) + " printed, or the run's name";
            case NO_SUCH_TICK:
                return "; run --persist journals the checkpointed ticks only (0, every --checkpoint-every ticks, the last);"
                        + " without --tick, hydrate loads the latest";
            default:
                return "";
        }
    }
}
