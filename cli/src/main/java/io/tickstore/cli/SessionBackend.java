package io.tickstore.cli;

import io.tickstore.backends.BackendSpec;
import io.tickstore.backends.Backends;
import io.tickstore.backends.PersistenceException;
import io.tickstore.backends.RuntimePersistence;
import io.tickstore.backends.SessionInfo;
import io.tickstore.backends.SessionStore;
import io.tickstore.backends.postgres.PostgresOptions;
import java.util.Map;
import java.util.UUID;

/** A --from backend for the commands about sessions: parsed, opened to read (or to write), and printed the same way. */
final class SessionBackend {
    private SessionBackend() {
    }

    static BackendSpec parse(String from) {
        try {
            return BackendSpec.parse(from);
        } catch (PersistenceException e) {
            throw new CliException("--from: " + e.getMessage(), ExitCodes.USAGE);
        }
    }

    /** Opens what is there, creating and changing nothing. */
    static RuntimePersistence openToRead(BackendSpec spec) {
        return Backends.openExisting(spec, PostgresOptions.defaults());
    }

    /** Opens a journal that exists (checked first, so that a wrong --from creates nothing), for writing. */
    static RuntimePersistence openToWrite(BackendSpec spec) {
        openToRead(spec).close();
        return Backends.open(spec, PostgresOptions.defaults());
    }

    static SessionStore store(RuntimePersistence backend) {
        return (SessionStore) backend;
    }

    static UUID sessionId(String text, String option) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new CliException(option + " '" + text + "' is not a session id (a UUID); ./tickstore sessions --from BACKEND lists them",
                    ExitCodes.USAGE);
        }
    }

    /** A session as JSON: every field of {@link SessionInfo}. */
    static com.fasterxml.jackson.databind.node.ObjectNode json(SessionInfo s) {
        var json = Json.object();
        json.put("session", s.id().toString());
        json.put("status", s.status());
        json.put("createdAt", s.createdAt().toString());
        json.put("firstTick", s.firstTick());
        json.put("lastTick", s.lastTick());
        json.put("ticks", s.ticks());
        json.put("totalRows", s.totalRows());
        var rows = json.putObject("rows");
        s.rows().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> rows.put(e.getKey(), e.getValue()));
        json.put("bytes", s.bytes());
        json.put("bytesExact", s.bytesExact());
        var metadata = json.putObject("metadata");
        s.metadata().forEach(metadata::put);
        return json;
    }

    /** One line of a listing. */
    static String line(SessionInfo s) {
        String ticks = s.ticks() == 0 ? "no ticks" : "ticks " + s.firstTick() + ".." + s.lastTick() + " (" + s.ticks() + ")";
        return String.format("%s  %-11s %-26s %,12d rows  %10s%s  %s", s.id(), s.status(), ticks, s.totalRows(), Units.bytes(s.bytes()),
                s.bytesExact() ? "" : "~", s.metadata().getOrDefault("run", ""));
    }
}
