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
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Loads a journaled tick back from a database backend and prints its world hash. */
@Command(name = "hydrate", mixinStandardHelpOptions = true,
        description = "Load a tick of a session from a backend (sqlite:PATH or postgres:JDBC_URL) into memory and print "
                + "its world hash, which equals the hash of the world that was persisted. Only reads: creates and changes nothing.")
final class HydrateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "BACKEND",
            description = "sqlite:PATH, or postgres:JDBC_URL (e.g. postgres:jdbc:postgresql://127.0.0.1:5432/test?user=postgres);"
                    + " the password comes from PGPASSWORD, ~/.pgpass or the URL, and is never printed.")
    String from;

    @Option(names = "--session", required = true, paramLabel = "ID", description = "Session id (a UUID) that run --persist printed.")
    String session;

    @Option(names = "--tick", paramLabel = "T", description = "Tick to load (default: the latest stored tick).")
    Long tick;

    @Override
    public Integer call() {
        UUID sessionId;
        try {
            sessionId = UUID.fromString(session);
        } catch (IllegalArgumentException e) {
            throw new CliException("--session '" + session + "' is not a UUID", ExitCodes.USAGE);
        }
        BackendSpec backendSpec;
        try {
            backendSpec = BackendSpec.parse(from);
        } catch (PersistenceException e) {
            throw new CliException("--from: " + e.getMessage(), ExitCodes.USAGE);
        }
        // reading creates nothing: no SQLite file where there was none, no PostgreSQL schema or table
        try (RuntimePersistence backend = Backends.openExisting(backendSpec, PostgresOptions.defaults());
             BufferAllocator allocator = new RootAllocator();
             World world = tick == null ? backend.hydrateLatest(sessionId, allocator) : backend.hydrate(sessionId, tick, allocator)) {
            String hash = ContentHash.hex(world);
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
                Json.print(spec.commandLine().getOut(), json);
            } else {
                spec.commandLine().getOut().printf("session %s tick %d: %d rows, world hash %s%n", sessionId, world.tick(),
                        world.totalRows(), hash);
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
                return "; check --from, or journal a run there with ./tickstore run --persist " + backend;
            case UNKNOWN_SESSION:
                return "; use a session id that ./tickstore run --persist " + backend + " printed";
            case NO_SUCH_TICK:
                return "; run --persist journals the checkpointed ticks only (0, every --checkpoint-every ticks, the last);"
                        + " without --tick, hydrate loads the latest";
            default:
                return "";
        }
    }
}
