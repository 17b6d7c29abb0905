package io.tickstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session lifecycle from the command line: a traced, journaled run is listed, shown, archived to Parquet,
 * verified, queried with DuckDB and purged; a store is counted, backed up and restored; a snapshot exports to Parquet.
 */
class CliArchiveTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PG_URL = System.getenv().getOrDefault("TICKSTORE_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    @TempDir
    Path dir;

    private static JsonNode json(CliRunner.Result result) throws Exception {
        assertEquals(0, result.exitCode(), result::toString);
        return JSON.readTree(result.out());
    }

    private String tracedRun(String backend, String name) throws Exception {
        JsonNode run = json(CliRunner.run("run", "--store", dir.resolve("store").toString(), "--run", name, "--entities", "2000", "--ticks", "12",
                "--checkpoint-every", "4", "--no-fsync", "--trace", "debug", "--persist", backend, "--json"));
        return run.path("persisted").path("session").asText();
    }

    @Test
    void aTracedSessionIsListedArchivedVerifiedQueriedAndPurged() throws Exception {
        String backend = "sqlite:" + dir.resolve("journal.sqlite");
        lifecycle(backend);
    }

    @Test
    void theSameOnPostgres() throws Exception {
        try (Connection c = DriverManager.getConnection(PG_URL)) {
            c.isValid(2);
        } catch (Exception e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("PostgreSQL at " + PG_URL + " is needed under CI=true", e);
            }
            System.err.println("CliArchiveTest.theSameOnPostgres skipped: no PostgreSQL at " + PG_URL);
            Assumptions.abort("no PostgreSQL");
        }
        lifecycle("postgres:" + PG_URL);
    }

    private void lifecycle(String backend) throws Exception {
        String session = tracedRun(backend, "traced");
        assertFalse(session.isEmpty());

        Path sqlite = backend.startsWith("sqlite:") ? Path.of(backend.substring("sqlite:".length())) : null;
        java.nio.file.attribute.FileTime before = sqlite == null ? null : Files.getLastModifiedTime(sqlite);
        byte[] bytesBefore = sqlite == null ? null : Files.readAllBytes(sqlite);
        JsonNode list = json(CliRunner.run("sessions", "--from", backend, "--json"));
        JsonNode listed = null;
        for (JsonNode s : list.path("sessions")) {
            if (s.path("session").asText().equals(session)) {
                listed = s;
            }
        }
        assertTrue(listed != null, list::toString);
        assertEquals("completed", listed.path("status").asText());
        assertEquals(0, listed.path("firstTick").asLong());
        assertEquals(12, listed.path("lastTick").asLong());
        assertTrue(listed.path("rows").path("trace_log").asLong() >= 24, listed::toString);
        assertTrue(listed.path("bytes").asLong() > 0);
        CliRunner.Result text = CliRunner.run("sessions", "show", session, "--from", backend);
        assertEquals(0, text.exitCode(), text::toString);
        assertTrue(text.out().contains("trace_log") && text.out().contains("completed"), text::toString);
        if (sqlite != null) {
            // listing and showing only read: the journal keeps its bytes and its modification time
            assertEquals(before, Files.getLastModifiedTime(sqlite));
            assertTrue(java.util.Arrays.equals(bytesBefore, Files.readAllBytes(sqlite)));
        }

        Path archive = dir.resolve("archive");
        JsonNode exported = json(CliRunner.run("archive", "export", session, "--from", backend, "--to", archive.toString(), "--json"));
        assertEquals(listed.path("totalRows").asLong(), exported.path("totalRows").asLong());
        JsonNode verified = json(CliRunner.run("archive", "verify", session, "--archive", archive.toString(), "--from", backend, "--json"));
        assertTrue(verified.path("ok").asBoolean() && verified.path("againstDatabase").asBoolean(), verified::toString);

        JsonNode query = json(CliRunner.run("query", "SELECT session_id, count(*) AS events FROM trace_log WHERE level = 1 GROUP BY session_id",
                "--archive", archive.toString(), "--json"));
        assertEquals(session, query.path("rows").path(0).path(0).asText());
        assertEquals(24, query.path("rows").path(0).path(1).asLong(), query::toString);
        CliRunner.Result table = CliRunner.run("query", "SELECT count(*) AS ticks FROM tick", "--archive", archive.toString());
        assertTrue(table.out().contains("ticks") && table.out().contains("(1 rows)"), table::toString);

        JsonNode purged = json(CliRunner.run("archive", "purge", session, "--from", backend, "--archive", archive.toString(), "--json"));
        assertTrue(purged.path("purged").asBoolean());
        CliRunner.Result gone = CliRunner.run("sessions", "show", session, "--from", backend);
        assertEquals(1, gone.exitCode(), gone::toString);
        assertEquals(1, gone.err().strip().split("\n").length, gone::toString);
        assertTrue(gone.err().startsWith("tickstore: " + backend.replace("?user=postgres", "?user=postgres")) || gone.err().startsWith("tickstore: "),
                gone::toString);
        assertTrue(gone.err().contains(session), gone::toString);

        JsonNode archived = json(CliRunner.run("archive", "list", "--archive", archive.toString(), "--json"));
        assertEquals(session, archived.path("sessions").path(0).path("session").asText());
    }

    @Test
    void aDamagedArchiveFileIsNamedAndPurgeIsRefused() throws Exception {
        String backend = "sqlite:" + dir.resolve("journal.sqlite");
        String session = tracedRun(backend, "damaged");
        Path archive = dir.resolve("archive");
        json(CliRunner.run("archive", "export", session, "--from", backend, "--to", archive.toString(), "--json"));
        Path file = archive.resolve("tick_log/session_id=" + session + "/part-0.parquet");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(file, bytes);
        CliRunner.Result verify = CliRunner.run("archive", "verify", session, "--archive", archive.toString());
        assertEquals(1, verify.exitCode(), verify::toString);
        assertTrue(verify.err().startsWith("tickstore: " + file), verify::toString);
        CliRunner.Result purge = CliRunner.run("archive", "purge", session, "--from", backend, "--archive", archive.toString());
        assertEquals(1, purge.exitCode(), purge::toString);
        assertTrue(purge.err().contains("not purged") && purge.err().contains(file.toString()), purge::toString);
        assertEquals("completed", json(CliRunner.run("sessions", "show", session, "--from", backend, "--json")).path("status").asText());
    }

    @Test
    void aStoreIsCountedBackedUpRestoredAndItsSnapshotsExportToParquet() throws Exception {
        Path store = dir.resolve("store");
        json(CliRunner.run("run", "--store", store.toString(), "--run", "one", "--entities", "1000", "--ticks", "10", "--checkpoint-every", "5",
                "--no-fsync", "--json"));
        JsonNode stats = json(CliRunner.run("stats", store.toString(), "--json"));
        assertEquals(1, stats.path("runs").asInt());
        assertEquals(3, stats.path("snapshots").asInt());
        assertEquals(11, stats.path("ticks").asLong());
        assertTrue(stats.path("events").asLong() > 0 && stats.path("bytes").asLong() > 0 && stats.path("rows").asLong() > 900, stats::toString);
        assertEquals("completed", stats.path("perRun").path(0).path("status").asText());

        JsonNode backup = json(CliRunner.run("backup", "create", store.toString(), "--to", dir.resolve("backups").toString(), "--json"));
        assertTrue(backup.path("linked").asLong() > 0, backup::toString);
        JsonNode backups = json(CliRunner.run("backup", "list", dir.resolve("backups").toString(), "--json"));
        assertEquals(1, backups.path("list").size());
        json(CliRunner.run("backup", "restore", backup.path("backup").asText(), "--to", dir.resolve("restored").toString(), "--json"));
        assertEquals(0, CliRunner.run("verify", dir.resolve("restored").toString()).exitCode());
        assertEquals(stats.path("events"), json(CliRunner.run("stats", dir.resolve("restored").toString(), "--json")).path("events"));

        Path parquet = dir.resolve("creatures.parquet");
        JsonNode export = json(CliRunner.run("export", store.resolve("one/tick-00000000000000000010").toString(), "--format", "parquet", "--out",
                parquet.toString(), "--json"));
        assertEquals("parquet", export.path("format").asText());
        CliRunner.Result none = CliRunner.run("query", "SELECT 1", "--archive", dir.resolve("archive-none").toString());
        assertEquals(1, none.exitCode(), none::toString);
        assertTrue(none.err().startsWith("tickstore: " + dir.resolve("archive-none")), none::toString);
        assertFalse(Files.exists(dir.resolve("archive-none")), "a query creates nothing");
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().contains(".tmp-")));
        }
        assertTrue(Files.size(parquet) > 0);
    }

    /** A tick without a snapshot is rebuilt and exported as Parquet, value for value what its CSV export holds. */
    @Test
    void aRebuiltTickOfARunExportsToParquet() throws Exception {
        Path store = dir.resolve("store");
        json(CliRunner.run("run", "--store", store.toString(), "--run", "one", "--entities", "1000", "--ticks", "10", "--checkpoint-every", "5",
                "--no-fsync", "--json"));
        Path run = store.resolve("one");
        Path parquet = dir.resolve("tick-7.parquet");
        Path csv = dir.resolve("tick-7.csv");
        JsonNode export = json(CliRunner.run("export", run.toString(), "--tick", "7", "--format", "parquet", "--out", parquet.toString(), "--json"));
        assertEquals(7, export.path("tick").asInt());
        assertEquals("parquet", export.path("format").asText());
        json(CliRunner.run("export", run.toString(), "--tick", "7", "--format", "csv", "--out", csv.toString(), "--json"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); java.sql.Statement st = c.createStatement()) {
            try (java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + parquet + "')")) {
                rs.next();
                assertEquals(export.path("rows").asLong(), rs.getLong(1));
            }
            String differing = "SELECT count(*) FROM read_parquet('" + parquet + "') p FULL JOIN read_csv('" + csv + "') v"
                    + " ON p._entity_id = v._entity_id WHERE p._entity_id IS NULL OR v._entity_id IS NULL"
                    + " OR CAST(p.energy AS DOUBLE) <> v.energy OR CAST(p.pos_x AS DOUBLE) <> v.pos_x OR p.gen <> v.gen OR p.id <> v.id";
            try (java.sql.ResultSet rs = st.executeQuery(differing)) {
                rs.next();
                assertEquals(0, rs.getLong(1), "every row and value of the Parquet file is the CSV's");
            }
        }
    }
}
