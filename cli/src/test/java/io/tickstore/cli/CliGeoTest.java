package io.tickstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --sim geo}: on PostgreSQL the library picks the hex journal for the geographic world (its tables in
 * their tiers, the cache refreshed), on SQLite the generic journal, whose ticks hydrate to the run's world; a resume
 * continues the hex journal's session.
 */
class CliGeoTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PG_URL = CliPersistTest.PG_URL;

    @TempDir
    Path store;

    private CliRunner.Result run(String name, String backend, String... more) throws Exception {
        String[] base = {"run", "--store", store.toString(), "--run", name, "--sim", "geo", "--param", "resolution=3",
            "--checkpoint-every", "2", "--no-fsync", "--persist", backend, "--json"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        CliRunner.Result result = CliRunner.run(all);
        assertEquals(0, result.exitCode(), result::toString);
        return result;
    }

    @Test
    void onSqliteTheGeographicWorldIsJournaledWholeAndHydrates() throws Exception {
        String backend = "sqlite:" + store.resolve("geo.sqlite");
        JsonNode summary = JSON.readTree(run("sqlite", backend, "--ticks", "4").out());
        String session = summary.get("persisted").get("session").asText();
        CliRunner.Result back = CliRunner.run("hydrate", "--from", backend, "--session", session, "--tick", "4", "--json");
        assertEquals(0, back.exitCode(), back::toString);
        assertEquals(summary.get("worldHash").asText(), JSON.readTree(back.out()).get("worldHash").asText());
    }

    @Test
    void onPostgresTheHexJournalKeepsTheTiersAndAResumeContinuesItsSession() throws Exception {
        CliPersistTest.requirePostgres();
        String backend = "postgres:" + PG_URL;
        JsonNode first = JSON.readTree(run("pg", backend, "--ticks", "4").out());
        String session = first.get("persisted").get("session").asText();
        assertEquals(3, first.get("persisted").get("ticks").asLong(), "ticks 0, 2 and 4");
        CliRunner.Result resumed = CliRunner.run("run", "--store", store.toString(), "--run", "pg", "--resume", "--ticks", "6", "--json");
        assertEquals(0, resumed.exitCode(), resumed::toString);
        assertEquals(session, JSON.readTree(resumed.out()).get("persisted").get("session").asText());
        try (Connection c = DriverManager.getConnection(PG_URL); Statement st = c.createStatement()) {
            st.execute("SET search_path TO tickstore, public");
            assertEquals("0 2 4 6", column(st, "SELECT string_agg(DISTINCT tick::text, ' ' ORDER BY tick::text) FROM territory_snapshot"
                    + " WHERE game_id = '" + session + "'"));
            assertEquals("6", column(st, "SELECT DISTINCT tick FROM hex_latest WHERE game_id = '" + session + "'"));
            assertTrue(Long.parseLong(column(st, "SELECT count(*) FROM v_hex_economic WHERE game_id = '" + session + "'")) > 300);
        }
    }

    private static String column(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
