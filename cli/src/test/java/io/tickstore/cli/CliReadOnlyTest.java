package io.tickstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read-only command never creates or changes a file or a database: given one that is missing, each says so in one
 * line and leaves nothing behind; given a run and its journal, each leaves every byte, size and time as it was.
 * (The commands that write are {@code run}, {@code salvage}, {@code sessions delete}, {@code archive export|purge|download},
 * {@code backup create|restore}, and whatever {@code --out} names.)
 */
class CliReadOnlyTest {
    private static final String PG_URL = System.getenv().getOrDefault("TICKSTORE_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    @TempDir
    Path dir;

    /** Every read-only command, given {@code missing} (a store, run, snapshot or file that is not there). */
    private static List<String[]> readers(Path missing, Path out) {
        String m = missing.toString();
        return List.of(
                new String[] {"inspect", m},
                new String[] {"verify", m},
                new String[] {"cat", m, "creatures/energy"},
                new String[] {"cat", m + "@3", "energy"},
                new String[] {"cat", m + "/energy.npy"},
                new String[] {"log", m, "--entity", "1"},
                new String[] {"log", m, "--export", "csv", "--out", out.resolve("events.csv").toString()},
                new String[] {"replay", m, "--tick", "1"},
                new String[] {"replay", m, "--tick", "1", "--out", out.resolve("snapshot").toString()},
                new String[] {"export", m, "--tick", "1", "--format", "csv", "--out", out.resolve("world.csv").toString()},
                new String[] {"export", m + "@latest", "--format", "arrow", "--out", out.resolve("every").toString()},
                new String[] {"history", m, "creatures/energy", "--entity", "1"},
                new String[] {"diff", m + "@1", m + "@2"},
                new String[] {"hydrate", "--from", "sqlite:" + m + "/journal.sqlite", "--session", UUID.randomUUID().toString()},
                new String[] {"hydrate", "--session", "r", "--store", m},
                new String[] {"hydrate", "--session", m, "--out", out.resolve("hydrated").toString()},
                new String[] {"sessions", "--from", "sqlite:" + m + "/journal.sqlite"},
                new String[] {"sessions", "show", UUID.randomUUID().toString(), "--from", "sqlite:" + m + "/journal.sqlite"},
                new String[] {"stats", m},
                new String[] {"archive", "list", "--archive", m},
                new String[] {"archive", "verify", UUID.randomUUID().toString(), "--archive", m},
                new String[] {"query", "SELECT 1", "--archive", m},
                new String[] {"backup", "list", m});
    }

    @Test
    void everyReadOnlyCommandOnSomethingMissingSaysSoAndCreatesNothing() throws IOException {
        Path missing = dir.resolve("nowhere").resolve("runs");
        Path out = Files.createDirectory(dir.resolve("out"));
        for (String[] command : readers(missing, out)) {
            CliRunner.Result result = CliRunner.run(command);
            String what = String.join(" ", command);
            assertTrue(result.exitCode() == 1 || result.exitCode() == 2, what + "\n" + result);
            assertEquals(1, result.err().strip().lines().count(), what + "\n" + result);
            assertTrue(result.err().startsWith("tickstore: "), what + "\n" + result);
            assertTrue(result.err().contains("nowhere"), "the message names what is missing: " + what + "\n" + result);
            assertEquals("", result.out(), what);
            assertEquals(List.of("out"), names(dir), "nothing is created: " + what);
            assertEquals(List.of(), names(out), "nothing is written: " + what);
        }
    }

    @Test
    void everyReadOnlyCommandLeavesARunAndItsJournalAsTheyWere() throws IOException {
        Path store = dir.resolve("store");
        Path journal = dir.resolve("journal.sqlite");
        CliRunner.Result made = CliRunner.run("run", "--store", store.toString(), "--run", "r", "--entities", "800", "--ticks", "12",
                "--checkpoint-every", "4", "--no-fsync", "--persist", "sqlite:" + journal);
        assertEquals(0, made.exitCode(), made::toString);
        Path run = store.resolve("r");
        Path snapshot = run.resolve("tick-00000000000000000008");
        Path out = Files.createDirectory(dir.resolve("out"));
        String session = sessionOf(journal);
        Path archive = dir.resolve("archive");
        CliRunner.Result archived = CliRunner.run("archive", "export", session, "--from", "sqlite:" + journal, "--to", archive.toString());
        assertEquals(0, archived.exitCode(), archived::toString);
        Path backups = dir.resolve("backups");
        CliRunner.Result backedUp = CliRunner.run("backup", "create", store.toString(), "--to", backups.toString(), "--name", "b");
        assertEquals(0, backedUp.exitCode(), backedUp::toString);
        TreeMap<String, String> before = tree(dir, out);
        String r = run.toString();
        List<String[]> commands = List.of(
                new String[] {"inspect", store.toString()},
                new String[] {"inspect", r},
                new String[] {"inspect", snapshot.toString(), "--json"},
                new String[] {"verify", store.toString()},
                new String[] {"cat", snapshot.toString(), "creatures/energy", "--stats"},
                new String[] {"cat", r + "@latest", "creatures", "--columns", "energy,gen", "--head", "3"},
                new String[] {"cat", snapshot.resolve("creatures/energy.npy").toString(), "--head", "2"},
                new String[] {"log", r, "--entity", "3"},
                new String[] {"log", store.toString(), "--from", "2", "--to", "3", "--limit", "5"},
                new String[] {"log", r, "--export", "sqlite", "--out", out.resolve("events.sqlite").toString()},
                new String[] {"replay", r, "--tick", "7"},
                new String[] {"replay", r + "@6", "--out", out.resolve("tick-6").toString()},
                new String[] {"export", r, "--tick", "5", "--format", "arrow", "--out", out.resolve("world.arrow").toString()},
                new String[] {"export", r + "@8", "--format", "csv", "--out", out.resolve("every").toString()},
                new String[] {"history", r, "energy", "--entity", "2"},
                new String[] {"diff", r + "@4", r + "@9", "--tolerance", "0.5"},
                new String[] {"hydrate", "--session", r},
                new String[] {"hydrate", "--from", "sqlite:" + journal, "--session", "r", "--store", store.toString(), "--tick", "8",
                        "--out", out.resolve("hydrated").toString()},
                new String[] {"sessions", "--from", "sqlite:" + journal},
                new String[] {"sessions", "show", session, "--from", "sqlite:" + journal, "--json"},
                new String[] {"stats", store.toString()},
                new String[] {"archive", "list", "--archive", archive.toString()},
                new String[] {"archive", "verify", session, "--archive", archive.toString(), "--from", "sqlite:" + journal},
                new String[] {"query", "SELECT count(*) FROM tick_log", "--archive", archive.toString()},
                new String[] {"backup", "list", backups.toString()});
        for (String[] command : commands) {
            CliRunner.Result result = CliRunner.run(command);
            assertEquals(0, result.exitCode(), String.join(" ", command) + "\n" + result);
            assertEquals(List.of(), differences(before, tree(dir, out)), "changed by " + String.join(" ", command));
        }
        assertEquals(List.of("events.sqlite", "every", "hydrated", "tick-6", "world.arrow"), names(out), "what --out named, and only that");
    }

    @Test
    void hydrateFromAPostgresDatabaseOrSchemaThatIsNotThereCreatesNeither() throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_URL)) {
            c.isValid(3);
        } catch (SQLException e) {
            String why = "PostgreSQL is not reachable at " + PG_URL + " (" + e.getMessage() + ")";
            if ("true".equals(System.getenv("CI"))) {
                fail(why + "; CI needs it");
            }
            Assumptions.abort(why + "; the PostgreSQL read-only test is skipped");
        }
        String database = "tickstore_missing_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String noDatabase = PG_URL.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
        CliRunner.Result result = CliRunner.run("hydrate", "--from", "postgres:" + noDatabase, "--session", UUID.randomUUID().toString());
        assertEquals(1, result.exitCode(), result::toString);
        assertEquals(1, result.err().strip().lines().count(), result::toString);
        assertTrue(result.err().contains(database), result::toString);
        String schema = "tickstore_missing_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String noSchema = PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        CliRunner.Result inSchema = CliRunner.run("hydrate", "--from", "postgres:" + noSchema, "--session", UUID.randomUUID().toString());
        assertEquals(1, inSchema.exitCode(), inSchema::toString);
        try (Connection c = DriverManager.getConnection(PG_URL); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + database + "'")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "no database was created");
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "no schema was created");
            }
        }
        assertFalse(result.err().contains("password"), result::toString);
    }

    /** The id of the one session a journal holds, as {@code sessions --json} prints it. */
    private static String sessionOf(Path journal) {
        CliRunner.Result listed = CliRunner.run("sessions", "--from", "sqlite:" + journal, "--json");
        assertEquals(0, listed.exitCode(), listed::toString);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"session\" : \"([0-9a-f-]{36})\"").matcher(listed.out());
        assertTrue(m.find(), listed::toString);
        return m.group(1);
    }

    private static List<String> names(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Every path under {@code root} but {@code skip}, with its size, modification time and content hash. */
    private static TreeMap<String, String> tree(Path root, Path skip) throws IOException {
        TreeMap<String, String> files = new TreeMap<>();
        try (var walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (p.startsWith(skip)) {
                    continue;
                }
                String key = root.relativize(p).toString();
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    // a directory's time is left out: reading a WAL-mode SQLite journal makes SQLite create its -wal and
                    // -shm files beside it and remove them again (backends' README), which touches the directory
                    files.put(key + "/", "");
                } else {
                    files.put(key, Files.size(p) + " " + Files.getLastModifiedTime(p) + " " + sha256(p));
                }
            }
        }
        return files;
    }

    /** The paths added, removed or changed between two trees, one line each. */
    private static List<String> differences(TreeMap<String, String> before, TreeMap<String, String> after) {
        List<String> lines = new java.util.ArrayList<>();
        before.forEach((path, was) -> {
            if (!after.containsKey(path)) {
                lines.add("removed " + path);
            } else if (!after.get(path).equals(was)) {
                lines.add("changed " + path + ": " + was + " -> " + after.get(path));
            }
        });
        after.keySet().stream().filter(path -> !before.containsKey(path)).forEach(path -> lines.add("added " + path));
        return lines;
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
