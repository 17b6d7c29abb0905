package io.tickstore.cli;

import io.tickstore.backends.BackendSpec;
import io.tickstore.backends.RuntimePersistence;
import io.tickstore.backends.SessionInfo;
import io.tickstore.backends.SessionStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** Lists the sessions of a backend; shows or deletes one. */
@Command(name = "sessions", mixinStandardHelpOptions = true,
        description = "List the sessions a backend holds (status: running, completed, stopped, failed, interrupted, or crashed: "
                + "journaled as running with no writer holding it), with their tick range, rows and bytes; 'show ID' for one, "
                + "'delete ID' to delete one (PostgreSQL drops its partitions). Listing and showing only read.",
        subcommands = {SessionsCommand.Show.class, SessionsCommand.Delete.class})
final class SessionsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--from", paramLabel = "BACKEND", scope = ScopeType.INHERIT,
            description = "sqlite:PATH or postgres:JDBC_URL; the password comes from PGPASSWORD, ~/.pgpass or the URL, and is never printed.")
    String from;

    /** The --from backend, given before or after the subcommand. */
    BackendSpec backend() {
        if (from == null) {
            throw new CliException("--from BACKEND is needed: sqlite:PATH or postgres:JDBC_URL", ExitCodes.USAGE);
        }
        return SessionBackend.parse(from);
    }

    @Override
    public Integer call() {
        BackendSpec backend = backend();
        try (RuntimePersistence db = SessionBackend.openToRead(backend)) {
            List<SessionInfo> sessions = SessionBackend.store(db).sessions();
            PrintWriter out = spec.commandLine().getOut();
            if (common.json) {
                var json = Json.object();
                json.put("backend", backend.toString());
                var list = json.putArray("sessions");
                sessions.forEach(s -> list.add(SessionBackend.json(s)));
                Json.print(out, json);
            } else {
                out.printf("%s: %d sessions%n", backend, sessions.size());
                sessions.forEach(s -> out.println(SessionBackend.line(s)));
                out.flush();
            }
        }
        return ExitCodes.OK;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One session: status, ticks, rows per table, bytes, metadata.")
    static final class Show implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @ParentCommand
        SessionsCommand parent;

        @Parameters(index = "0", paramLabel = "ID", description = "The session id.")
        String id;

        @Override
        public Integer call() {
            BackendSpec backend = parent.backend();
            UUID session = SessionBackend.sessionId(id, "ID");
            try (RuntimePersistence db = SessionBackend.openToRead(backend)) {
                SessionInfo s = SessionBackend.store(db).session(session);
                PrintWriter out = spec.commandLine().getOut();
                if (common.json) {
                    var json = SessionBackend.json(s);
                    json.put("backend", backend.toString());
                    Json.print(out, json);
                } else {
                    out.println(SessionBackend.line(s));
                    s.rows().entrySet().stream().sorted(Map.Entry.comparingByKey())
                            .forEach(e -> out.printf("  %-28s %,12d rows%n", e.getKey(), e.getValue()));
                    s.metadata().forEach((k, v) -> out.printf("  %-28s %s%n", k, v));
                    out.flush();
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a session and every row it has, in one transaction. A session being written is refused. "
                    + "To keep it first: ./tickstore archive export ID, then ./tickstore archive purge ID.")
    static final class Delete implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @ParentCommand
        SessionsCommand parent;

        @Parameters(index = "0", paramLabel = "ID", description = "The session id.")
        String id;

        @Override
        public Integer call() {
            BackendSpec backend = parent.backend();
            UUID session = SessionBackend.sessionId(id, "ID");
            try (RuntimePersistence db = SessionBackend.openToWrite(backend)) {
                SessionStore store = SessionBackend.store(db);
                SessionInfo deleted = store.deleteSession(session);
                PrintWriter out = spec.commandLine().getOut();
                if (common.json) {
                    var json = SessionBackend.json(deleted);
                    json.put("backend", backend.toString());
                    json.put("deleted", true);
                    Json.print(out, json);
                } else {
                    out.printf("deleted session %s from %s: %,d rows, %s%n", session, backend, deleted.totalRows(), Units.bytes(deleted.bytes()));
                    out.flush();
                }
            }
            return ExitCodes.OK;
        }
    }
}
