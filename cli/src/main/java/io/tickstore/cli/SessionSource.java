package io.tickstore.cli;

import io.tickstore.backends.BackendSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;
import picocli.CommandLine.Option;

/**
 * The options that name a journaled session and its backend, for the commands that read one back: {@code --from},
 * {@code --session} (an id, or the run that journaled it) and {@code --store}.
 */
final class SessionSource {
    @Option(names = "--from", paramLabel = "BACKEND",
            description = "sqlite:PATH, or postgres:JDBC_URL (e.g. postgres:jdbc:postgresql://127.0.0.1:5432/test?user=postgres);"
                    + " the password comes from PGPASSWORD, ~/.pgpass or the URL, and is never printed. Default, when --session"
                    + " names a run: the journal the run was persisted to.")
    String from;

    @Option(names = "--session", required = true, paramLabel = "ID|RUN", description = "The session id (a UUID) that run "
            + "--persist printed, or the run it journaled: a run directory, or a run's name in --store.")
    String session;

    @Option(names = "--store", defaultValue = "data/runs", description = "Where a run named by --session is (default: ${DEFAULT-VALUE}).")
    Path store;

    /** The session's id and backend. */
    record Resolved(UUID sessionId, BackendSpec backend) {
    }

    Resolved resolve() throws IOException {
        SessionOfRun named = SessionOfRun.resolve(session, store);
        if (from == null && named.journal() == null) {
            throw new CliException("--from BACKEND is needed: session " + session + " is an id, and only a run knows where it was"
                    + " journaled", ExitCodes.USAGE);
        }
        return new Resolved(named.sessionId(), SessionBackend.parse(from != null ? from : named.journal()));
    }
}
