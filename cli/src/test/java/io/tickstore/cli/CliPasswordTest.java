package io.tickstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL password given in the URL is used and never printed: not in run's summary or its suggested hydrate
 * command, not in --json, not in an error line (nor, with --verbose, in a stack trace).
 */
class CliPasswordTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "SECRET-c41d";
    private static final String PG_URL = System.getenv().getOrDefault("TICKSTORE_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    @TempDir
    Path store;

    @BeforeAll
    static void requirePostgres() {
        try (Connection ignored = DriverManager.getConnection(PG_URL)) {
            return;
        } catch (SQLException e) {
            String why = "PostgreSQL is not reachable at " + PG_URL + " (" + e.getMessage() + ")";
            if ("true".equals(System.getenv("CI"))) {
                fail(why + "; CI needs it");
            }
            Assumptions.abort(why + "; the PostgreSQL password tests are skipped");
        }
    }

    private static String withPassword(String url) {
        return "postgres:" + url + (url.contains("?") ? "&" : "?") + "password=" + SECRET;
    }

    private static void assertNoSecret(CliRunner.Result result) {
        assertFalse(result.out().contains(SECRET), () -> "the password is printed on stdout:\n" + result);
        assertFalse(result.err().contains(SECRET), () -> "the password is printed on stderr:\n" + result);
    }

    @Test
    void runPrintsTheBackendWithoutThePasswordInItsSummaryAndItsJson() throws Exception {
        String backend = withPassword(PG_URL);
        CliRunner.Result text = CliRunner.run("run", "--store", store.toString(), "--run", "text", "--entities", "300", "--ticks", "2",
                "--checkpoint-every", "2", "--no-fsync", "--persist", backend);
        assertEquals(0, text.exitCode(), text::toString);
        assertNoSecret(text);
        assertTrue(text.out().contains("persisted  2 ticks into postgres:" + PG_URL), text::toString);
        assertTrue(text.out().contains("./tickstore hydrate --from 'postgres:" + PG_URL + "' --session "), text::toString);

        CliRunner.Result json = CliRunner.run("run", "--store", store.toString(), "--run", "json", "--entities", "300", "--ticks", "2",
                "--checkpoint-every", "2", "--no-fsync", "--persist", backend, "--json");
        assertEquals(0, json.exitCode(), json::toString);
        assertNoSecret(json);
        JsonNode persisted = JSON.readTree(json.out()).get("persisted");
        assertEquals("postgres:" + PG_URL, persisted.get("backend").asText());

        // the URL with the password still works for hydrate, and what it prints is as clean
        CliRunner.Result hydrate = CliRunner.run("hydrate", "--from", backend, "--session", persisted.get("session").asText(), "--json");
        assertEquals(0, hydrate.exitCode(), hydrate::toString);
        assertNoSecret(hydrate);
        assertEquals("postgres:" + PG_URL, JSON.readTree(hydrate.out()).get("backend").asText());
    }

    @Test
    void hydrateOfAnUnknownSessionNamesTheBackendWithoutThePassword() {
        for (String backend : new String[] {withPassword(PG_URL), "postgres:" + PG_URL.replace("//", "//postgres:" + SECRET + "@")}) {
            for (String extra : new String[] {"--json", "--verbose"}) {
                CliRunner.Result result = CliRunner.run("hydrate", "--from", backend, "--session", UUID.randomUUID().toString(), extra);
                assertEquals(1, result.exitCode(), result::toString);
                assertNoSecret(result);
                String line = result.err().lines().findFirst().orElse("");
                assertTrue(line.startsWith("tickstore: postgres:jdbc:postgresql://"), result::toString);
                assertTrue(line.contains("is unknown") && line.contains("run --persist"), result::toString);
            }
        }
    }

    @Test
    void hydrateFromAServerThatDoesNotAnswerSaysWhyWithoutThePassword() {
        CliRunner.Result result = CliRunner.run("hydrate", "--from",
                "postgres:jdbc:postgresql://postgres:" + SECRET + "@127.0.0.1:1/test?password=" + SECRET, "--session",
                UUID.randomUUID().toString(), "--verbose");
        assertEquals(1, result.exitCode(), result::toString);
        assertNoSecret(result);
        String line = result.err().lines().findFirst().orElse("");
        assertTrue(line.startsWith("tickstore: postgres:jdbc:postgresql://127.0.0.1:1/test?user=postgres schema tickstore: cannot connect: "),
                result::toString);
        assertTrue(line.contains("refused"), () -> "the cause that says what is wrong is kept:\n" + result);
        assertFalse(line.contains("Exception"), result::toString);
    }

    @Test
    void aSpecThatNamesNoBackendIsQuotedWithItsPasswordMasked() {
        CliRunner.Result result = CliRunner.run("hydrate", "--from", "postgresql://postgres:" + SECRET + "@127.0.0.1/test?password=" + SECRET,
                "--session", UUID.randomUUID().toString());
        assertEquals(2, result.exitCode(), result::toString);
        assertNoSecret(result);
        assertTrue(result.err().contains("names no backend"), result::toString);
    }
}
