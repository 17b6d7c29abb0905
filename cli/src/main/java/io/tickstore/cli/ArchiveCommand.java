package io.tickstore.cli;

import io.tickstore.archive.Archive;
import io.tickstore.archive.ArchiveCheck;
import io.tickstore.archive.ArchivedSession;
import io.tickstore.archive.ObjectStore;
import io.tickstore.backends.BackendSpec;
import io.tickstore.backends.RuntimePersistence;
import io.tickstore.backends.SessionInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
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

/** Archives of finished sessions: export to Parquet, verify, purge, list, download. */
@Command(name = "archive", mixinStandardHelpOptions = true,
        description = "Archives of finished sessions as Parquet (one dataset per table, Hive-style session_id= partitions), in a "
                + "directory or on an S3-compatible object store (s3://BUCKET/PREFIX; --endpoint or TICKSTORE_S3_ENDPOINT for "
                + "one that is not AWS, credentials from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY).",
        subcommands = {ArchiveCommand.Export.class, ArchiveCommand.Verify.class, ArchiveCommand.Purge.class, ArchiveCommand.ListSessions.class,
                ArchiveCommand.Download.class})
final class ArchiveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--endpoint", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "The object store's endpoint (http://127.0.0.1:9000 for MinIO or S3Proxy); default TICKSTORE_S3_ENDPOINT, "
                    + "AWS_ENDPOINT_URL, else AWS.")
    URI endpoint;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }

    static ObjectStore.Options storeOptions(URI endpoint) {
        ObjectStore.Options options = ObjectStore.Options.fromEnvironment();
        return endpoint != null ? options.withEndpoint(endpoint) : options;
    }

    Archive open(String location) {
        return Archive.at(location, storeOptions(endpoint));
    }

    static com.fasterxml.jackson.databind.node.ObjectNode json(ArchivedSession a) {
        var json = Json.object();
        json.put("session", a.session().toString());
        json.put("backend", a.backend());
        json.put("exportedAt", a.exportedAt().toString());
        json.put("totalRows", a.totalRows());
        json.put("bytes", a.bytes());
        var rows = json.putObject("rows");
        a.rows().forEach(rows::put);
        return json;
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Export every table of a finished session (journal tables, ticks, events, tick logs, metadata, traces) to "
                    + "Parquet; an interrupted export leaves no manifest, so nothing that looks complete.")
    static final class Export implements Callable<Integer> {
        @Mixin
        CommonOptions common;
        @Spec
        CommandSpec spec;
        @ParentCommand
        ArchiveCommand parent;
        @Parameters(index = "0", paramLabel = "ID", description = "The session id.")
        String id;
        @Option(names = "--from", required = true, paramLabel = "BACKEND", description = "sqlite:PATH or postgres:JDBC_URL.")
        String from;
        @Option(names = "--to", required = true, paramLabel = "ARCHIVE", description = "A directory, or s3://BUCKET/PREFIX.")
        String to;

        @Override
        public Integer call() throws IOException {
            BackendSpec backend = SessionBackend.parse(from);
            UUID session = SessionBackend.sessionId(id, "ID");
            try (RuntimePersistence db = SessionBackend.openToRead(backend); Archive archive = parent.open(to)) {
                ArchivedSession done = archive.export(SessionBackend.store(db), session);
                PrintWriter out = spec.commandLine().getOut();
                if (common.json) {
                    var json = json(done);
                    json.put("archive", archive.toString());
                    Json.print(out, json);
                } else {
                    out.printf("archived session %s to %s: %d tables, %,d rows, %s of Parquet%n", session, archive, done.rows().size(),
                            done.totalRows(), Units.bytes(done.bytes()));
                    out.flush();
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check an archived session: every file's SHA-256, rows and content hash recomputed from the Parquet files "
                    + "against its manifest, and with --from against the database too. Exit 1 naming the first problem.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        CommonOptions common;
        @Spec
        CommandSpec spec;
        @ParentCommand
        ArchiveCommand parent;
        @Parameters(index = "0", paramLabel = "ID", description = "The session id.")
        String id;
        @Option(names = "--archive", required = true, paramLabel = "ARCHIVE", description = "A directory, or s3://BUCKET/PREFIX.")
        String location;
        @Option(names = "--from", paramLabel = "BACKEND", description = "Compare with the session in this backend as well.")
        String from;

        @Override
        public Integer call() throws IOException {
            UUID session = SessionBackend.sessionId(id, "ID");
            ArchiveCheck check;
            try (Archive archive = parent.open(location)) {
                if (from != null) {
                    try (RuntimePersistence db = SessionBackend.openToRead(SessionBackend.parse(from))) {
                        check = archive.verify(SessionBackend.store(db), session);
                    }
                } else {
                    check = archive.verify(null, session);
                }
                PrintWriter out = spec.commandLine().getOut();
                if (common.json) {
                    var json = Json.object();
                    json.put("archive", archive.toString());
                    json.put("session", session.toString());
                    json.put("ok", check.ok());
                    json.put("datasets", check.datasets());
                    json.put("rows", check.rows());
                    json.put("againstDatabase", check.againstDatabase());
                    var problems = json.putArray("problems");
                    check.problems().forEach(problems::add);
                    Json.print(out, json);
                } else if (check.ok()) {
                    out.printf("%s: session %s verified: %d tables, %,d rows%s%n", archive, session, check.datasets(), check.rows(),
                            check.againstDatabase() ? ", equal to the database" : "");
                    out.flush();
                }
            }
            if (!check.ok()) {
                throw new CliException(check.problems().get(0) + (check.problems().size() > 1 ? " (and " + (check.problems().size() - 1)
                        + " more problems)" : ""), ExitCodes.FAILURE);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "purge", mixinStandardHelpOptions = true,
            description = "Delete a session from the database once its archive verifies against it (checked here, now); refused otherwise.")
    static final class Purge implements Callable<Integer> {
        @Mixin
        CommonOptions common;
        @Spec
        CommandSpec spec;
        @ParentCommand
        ArchiveCommand parent;
        @Parameters(index = "0", paramLabel = "ID", description = "The session id.")
        String id;
        @Option(names = "--from", required = true, paramLabel = "BACKEND", description = "sqlite:PATH or postgres:JDBC_URL.")
        String from;
        @Option(names = "--archive", required = true, paramLabel = "ARCHIVE", description = "A directory, or s3://BUCKET/PREFIX.")
        String location;

        @Override
        public Integer call() throws IOException {
            BackendSpec backend = SessionBackend.parse(from);
            UUID session = SessionBackend.sessionId(id, "ID");
            try (RuntimePersistence db = SessionBackend.openToWrite(backend); Archive archive = parent.open(location)) {
                SessionInfo purged = archive.purge(SessionBackend.store(db), session);
                PrintWriter out = spec.commandLine().getOut();
                if (common.json) {
                    var json = SessionBackend.json(purged);
                    json.put("backend", backend.toString());
                    json.put("archive", archive.toString());
                    json.put("purged", true);
                    Json.print(out, json);
                } else {
                    out.printf("purged session %s from %s (%,d rows); its verified archive is %s%n", session, backend, purged.totalRows(), archive);
                    out.flush();
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The completely archived sessions of an archive.")
    static final class ListSessions implements Callable<Integer> {
        @Mixin
        CommonOptions common;
        @Spec
        CommandSpec spec;
        @ParentCommand
        ArchiveCommand parent;
        @Option(names = "--archive", required = true, paramLabel = "ARCHIVE", description = "A directory, or s3://BUCKET/PREFIX.")
        String location;

        @Override
        public Integer call() throws IOException {
            try (Archive archive = parent.open(location)) {
                List<ArchivedSession> sessions = archive.list();
                PrintWriter out = spec.commandLine().getOut();
                if (common.json) {
                    var json = Json.object();
                    json.put("archive", archive.toString());
                    var list = json.putArray("sessions");
                    sessions.forEach(a -> list.add(json(a)));
                    Json.print(out, json);
                } else {
                    out.printf("%s: %d archived sessions%n", archive, sessions.size());
                    for (ArchivedSession a : sessions) {
                        out.printf("%s  %,12d rows  %10s  exported %s from %s%n", a.session(), a.totalRows(), Units.bytes(a.bytes()), a.exportedAt(),
                                a.backend());
                    }
                    out.flush();
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "download", mixinStandardHelpOptions = true,
            description = "Copy archived sessions from an object store into a directory (every file checked, the manifest written last).")
    static final class Download implements Callable<Integer> {
        @Mixin
        CommonOptions common;
        @Spec
        CommandSpec spec;
        @ParentCommand
        ArchiveCommand parent;
        @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "One session (default: every one).")
        String id;
        @Option(names = "--archive", required = true, paramLabel = "s3://BUCKET/PREFIX", description = "The archive on the object store.")
        String location;
        @Option(names = "--to", required = true, paramLabel = "DIR", description = "The directory to copy it into.")
        Path to;

        @Override
        public Integer call() throws IOException {
            if (!location.startsWith("s3://")) {
                throw new CliException("--archive " + location + " is a directory already; download copies from s3://BUCKET/PREFIX", ExitCodes.USAGE);
            }
            try (Archive archive = parent.open(location)) {
                List<ArchivedSession> got = archive.download(id == null ? null : SessionBackend.sessionId(id, "ID"), to);
                PrintWriter out = spec.commandLine().getOut();
                if (common.json) {
                    var json = Json.object();
                    json.put("archive", archive.toString());
                    json.put("to", to.toAbsolutePath().toString());
                    var list = json.putArray("sessions");
                    got.forEach(a -> list.add(json(a)));
                    Json.print(out, json);
                } else {
                    out.printf("downloaded %d sessions from %s to %s%n", got.size(), archive, to);
                    out.flush();
                }
            }
            return ExitCodes.OK;
        }
    }
}
