package io.tickstore.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hydrate} reads: it never creates a journal, and reading one leaves it as it was. */
class CliHydrateReadOnlyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void hydrateFromAMissingSqliteFileCreatesNothingAndSaysWhatToDo() throws Exception {
        Path file = directory.resolve("runs").resolve("missing.sqlite");
        CliRunner.Result result = CliRunner.run("hydrate", "--from", "sqlite:" + file, "--session", UUID.randomUUID().toString());
        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("tickstore: sqlite:" + file + ": no such SQLite journal: the file does not exist; check --from, or journal a run"
                + " there with ./tickstore run --persist sqlite:" + file, result.err().strip(), result::toString);
        assertEquals("", result.out(), result::toString);
        assertFalse(Files.exists(file.getParent()), "neither the file nor its directory is created");
        assertEquals(List.of(), list(directory));
    }

    @Test
    void hydrateLeavesAnExistingJournalByteForByteAndLeavesNoOtherFile() throws Exception {
        Path file = directory.resolve("journal.sqlite");
        Path store = Files.createDirectory(directory.resolve("store"));
        CliRunner.Result run = CliRunner.run("run", "--store", store.toString(), "--run", "r", "--entities", "500", "--ticks", "4",
                "--checkpoint-every", "2", "--no-fsync", "--persist", "sqlite:" + file, "--json");
        assertEquals(0, run.exitCode(), run::toString);
        String session = JSON.readTree(run.out()).get("persisted").get("session").asText();
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000_000_000L));
        byte[] before = Files.readAllBytes(file);
        List<Path> filesBefore = list(directory);

        CliRunner.Result hydrate = CliRunner.run("hydrate", "--from", "sqlite:" + file, "--session", session, "--tick", "2");
        assertEquals(0, hydrate.exitCode(), hydrate::toString);
        CliRunner.Result unknown = CliRunner.run("hydrate", "--from", "sqlite:" + file, "--session", UUID.randomUUID().toString());
        assertEquals(1, unknown.exitCode(), unknown::toString);
        CliRunner.Result noTick = CliRunner.run("hydrate", "--from", "sqlite:" + file, "--session", session, "--tick", "3");
        assertEquals(1, noTick.exitCode(), noTick::toString);
        assertTrue(noTick.err().contains("has no stored tick 3") && noTick.err().contains("checkpointed ticks"), noTick::toString);

        assertArrayEquals(before, Files.readAllBytes(file), "hydrate changed the journal");
        assertEquals(FileTime.fromMillis(1_000_000_000_000L), Files.getLastModifiedTime(file));
        assertEquals(filesBefore, list(directory), "hydrate left files behind (-wal, -shm)");
    }

    @Test
    void hydrateFromASqliteFileThatHoldsNoJournalLeavesItAsItWas() throws Exception {
        Path file = directory.resolve("other.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE unrelated (x INTEGER)");
        }
        byte[] before = Files.readAllBytes(file);
        CliRunner.Result result = CliRunner.run("hydrate", "--from", "sqlite:" + file, "--session", UUID.randomUUID().toString());
        assertEquals(1, result.exitCode(), result::toString);
        assertEquals(1, result.err().strip().split("\n").length, result::toString);
        assertTrue(result.err().startsWith("tickstore: sqlite:" + file + ": the file holds no Tickstore journal"), result::toString);
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), list(directory));
    }

    private static List<Path> list(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
