package io.tickstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event log through the command line: {@code run} logs every mutation and reports what checkpoints cost,
 * {@code replay} rebuilds any tick to the live world's hash, {@code log} answers queries and exports, and
 * {@code run --resume} continues a run.
 */
class CliLogAndReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 11;
    private static final int ENTITIES = 3_000;
    private static final int TICKS = 60;

    @TempDir
    static Path store;

    static Path run;
    static JsonNode summary;
    static List<String> live;

    @BeforeAll
    static void runSimulation() throws IOException {
        CliRunner.Result result = CliRunner.run("run", "--store", store.toString(), "--run", "logged", "--entities",
                Integer.toString(ENTITIES), "--ticks", Integer.toString(TICKS), "--checkpoint-every", "20", "--seed",
                Long.toString(SEED), "--no-fsync", "--log-buffer-records", "2048", "--json");
        assertEquals(0, result.exitCode(), result::toString);
        summary = JSON.readTree(result.out());
        run = Path.of(summary.get("run").asText());
        live = LiveRuns.hashes(SEED, ENTITIES, 80);
    }

    @Test
    void runLogsEveryMutationAndReportsWhatCheckpointsStalled() {
        assertTrue(summary.get("eventsLogged").asLong() > 0);
        assertEquals(summary.get("eventsLogged").asLong(), summary.get("logRecords").asLong());
        assertEquals(4, summary.get("checkpoints").asLong(), "ticks 0, 20, 40, 60");
        assertTrue(summary.get("checkpointStallSeconds").asDouble() > 0);
        assertTrue(summary.get("checkpointStallMaxMillis").asDouble() >= summary.get("checkpointStallMeanMillis").asDouble());
        assertEquals(live.get(TICKS), summary.get("worldHash").asText());
    }

    @Test
    void theTextSummarySaysHowManyEventsWereLoggedAndHowLongCheckpointsStalled() {
        CliRunner.Result result = CliRunner.run("run", "--store", store.toString(), "--run", "text", "--entities", "500",
                "--ticks", "10", "--checkpoint-every", "5", "--no-fsync");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().matches("(?s).*events +\\d+ logged.*"), result::toString);
        assertTrue(result.out().matches("(?s).*stalls +checkpoints stalled the loop [0-9.]+ ms in all over 3 checkpoints.*"),
                result::toString);
    }

    @Test
    void replayRebuildsAnyTickToTheLiveWorldsHash() throws IOException {
        for (int tick : new int[] {0, 13, 20, 47, TICKS}) {
            CliRunner.Result result = CliRunner.run("replay", run.toString(), "--tick", Integer.toString(tick), "--json");
            assertEquals(0, result.exitCode(), result::toString);
            JsonNode doc = JSON.readTree(result.out());
            assertEquals(live.get(tick), doc.get("worldHash").asText(), "tick " + tick);
            assertEquals(tick / 20 * 20, doc.get("snapshotTick").asLong());
        }
        CliRunner.Result text = CliRunner.run("replay", run.toString(), "--tick", "33");
        assertEquals(0, text.exitCode(), text::toString);
        assertTrue(text.out().contains("hash       " + live.get(33)), text::toString);
        assertTrue(text.out().contains("rebuilt from tick-00000000000000000020 plus"), text::toString);
    }

    @Test
    void logListsTheEventsOfOneEntity() throws IOException {
        CliRunner.Result result = CliRunner.run("log", run.toString(), "--entity", "5", "--json");
        assertEquals(0, result.exitCode(), result::toString);
        JsonNode doc = JSON.readTree(result.out());
        assertTrue(doc.get("matched").asLong() > 0, result::toString);
        long previous = -1;
        for (JsonNode event : doc.get("events")) {
            assertEquals(5, event.get("entity").asLong());
            assertTrue(event.get("key").asText().startsWith("creatures."), event::toString);
            assertTrue(event.get("tick").asLong() >= previous);
            previous = event.get("tick").asLong();
        }
    }

    @Test
    void logListsTheEventsOfATickRangeInclusive() throws IOException {
        CliRunner.Result result = CliRunner.run("log", run.toString(), "--from", "10", "--to", "12", "--json");
        assertEquals(0, result.exitCode(), result::toString);
        JsonNode doc = JSON.readTree(result.out());
        assertEquals(doc.get("matched").asLong(), doc.get("events").size());
        boolean sawTickEnd = false;
        for (JsonNode event : doc.get("events")) {
            long tick = event.get("tick").asLong();
            assertTrue(tick >= 10 && tick <= 12, event::toString);
            sawTickEnd |= event.get("key").asText().equals("$tick_end") && tick == 12;
        }
        assertTrue(sawTickEnd, "the range ends with the end of tick 12");
        CliRunner.Result limited = CliRunner.run("log", run.toString(), "--from", "10", "--to", "10", "--limit", "3");
        assertEquals(5, limited.out().strip().split("\n").length, limited::toString);
    }

    @Test
    void logExportsCsvAndSqliteWithEveryRecord() throws IOException, SQLException {
        long records = summary.get("logRecords").asLong();
        Path csv = store.resolve("events.csv");
        CliRunner.Result toCsv = CliRunner.run("log", run.toString(), "--export", "csv", "--out", csv.toString());
        assertEquals(0, toCsv.exitCode(), toCsv::toString);
        assertEquals(records + 1, Files.readAllLines(csv).size());
        Path db = store.resolve("events.sqlite");
        CliRunner.Result toDb = CliRunner.run("log", run.toString(), "--export", "sqlite", "--out", db.toString(), "--json");
        assertEquals(0, toDb.exitCode(), toDb::toString);
        assertEquals(records, JSON.readTree(toDb.out()).get("events").asLong());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet r = c.createStatement().executeQuery("SELECT count(*), max(tick) FROM events")) {
            r.next();
            assertEquals(records, r.getLong(1));
            assertEquals(TICKS, r.getLong(2));
        }
    }

    @Test
    void resumeContinuesACompleteRunToMoreTicksExactly() throws IOException {
        CliRunner.Result first = CliRunner.run("run", "--store", store.toString(), "--run", "extended", "--entities",
                Integer.toString(ENTITIES), "--ticks", "30", "--checkpoint-every", "20", "--seed", Long.toString(SEED), "--no-fsync");
        assertEquals(0, first.exitCode(), first::toString);
        CliRunner.Result more = CliRunner.run("run", "--store", store.toString(), "--run", "extended", "--resume", "--ticks", "80",
                "--json");
        assertEquals(0, more.exitCode(), more::toString);
        JsonNode doc = JSON.readTree(more.out());
        assertEquals(30, doc.get("startTick").asLong());
        assertEquals(80, doc.get("finalTick").asLong());
        assertEquals(live.get(80), doc.get("worldHash").asText());
        assertEquals(0, doc.get("resumed").get("recordsLost").asLong());
        CliRunner.Result replay = CliRunner.run("replay", store.resolve("extended").toString(), "--tick", "55", "--json");
        assertEquals(live.get(55), JSON.readTree(replay.out()).get("worldHash").asText());
    }

    // ------------------------------------------------------------------ errors: one line, exit 1 (bad input) or 2 (usage)

    @Test
    void aTickPastTheLogIsOneLineAndExitOne() {
        CliRunner.Result result = CliRunner.run("replay", run.toString(), "--tick", "999");
        assertEquals(1, result.exitCode(), result::toString);
        assertEquals(1, result.err().strip().split("\n").length, result::toString);
        assertTrue(result.err().contains("tick 999 is after the log's last complete tick 60"), result::toString);
    }

    @Test
    void replayOfADirectoryWithoutALogNamesIt(@TempDir Path scratch) throws IOException {
        Path noLog = scratch.resolve("no-log");
        Path snapshot = run.resolve("tick-00000000000000000020");
        Files.createDirectories(noLog);
        try (var files = Files.walk(snapshot)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, noLog.resolve(run.relativize(f).toString()));
            }
        }
        CliRunner.Result result = CliRunner.run("replay", noLog.toString(), "--tick", "20");
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("tickstore: " + noLog.toAbsolutePath().normalize() + ": no event log"), result::toString);
        CliRunner.Result ofStore = CliRunner.run("replay", store.toString(), "--tick", "1");
        assertEquals(2, ofStore.exitCode(), ofStore::toString);
        assertTrue(ofStore.err().contains(": is a store of "), ofStore::toString);
    }

    @Test
    void logNeedsExactlyOneQuery() {
        assertEquals(2, CliRunner.run("log", run.toString()).exitCode());
        assertEquals(2, CliRunner.run("log", run.toString(), "--entity", "1", "--from", "2").exitCode());
        assertEquals(2, CliRunner.run("log", run.toString(), "--export", "csv").exitCode());
        assertEquals(2, CliRunner.run("replay", run.toString()).exitCode(), "--tick is required");
    }

    @Test
    void resumeNeedsARunAndRefusesOtherSettings() {
        CliRunner.Result noRun = CliRunner.run("run", "--store", store.toString(), "--resume");
        assertEquals(2, noRun.exitCode(), noRun::toString);
        assertTrue(noRun.err().contains("--resume needs --run NAME"), noRun::toString);
        CliRunner.Result otherSeed = CliRunner.run("run", "--store", store.toString(), "--run", "logged", "--resume", "--seed", "12");
        assertEquals(2, otherSeed.exitCode(), otherSeed::toString);
        assertTrue(otherSeed.err().contains("the run was started with seed 11, not 12"), otherSeed::toString);
        CliRunner.Result missing = CliRunner.run("run", "--store", store.toString(), "--run", "nope", "--resume");
        assertEquals(1, missing.exitCode(), missing::toString);
        assertTrue(missing.err().contains("no such run to resume"), missing::toString);
    }
}
