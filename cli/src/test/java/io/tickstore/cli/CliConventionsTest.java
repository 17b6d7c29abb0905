package io.tickstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user expects of a command line: help for every command, the build's version, enum values in any case, a
 * progress bar that says how fast and how long, commands printed so they paste into a shell, sizes that count the
 * event log, and exit codes as the README documents them.
 */
class CliConventionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void helpListsEveryCommandAndDescribesEachOne() {
        CliRunner.Result help = CliRunner.run("help");
        assertEquals(0, help.exitCode(), help::toString);
        for (String command : List.of("run", "inspect", "cat", "verify", "export", "replay", "log", "salvage", "hydrate", "history", "diff")) {
            assertTrue(help.out().contains("\n  " + command + " "), command + " in\n" + help.out());
            CliRunner.Result one = CliRunner.run("help", command);
            assertEquals(0, one.exitCode(), one::toString);
            assertTrue(one.out().startsWith("Usage: tickstore " + command), one.out());
        }
        CliRunner.Result none = CliRunner.run();
        assertEquals(ExitCodes.USAGE, none.exitCode());
        assertTrue(none.err().contains("./tickstore help COMMAND"), none::toString);
    }

    @Test
    void versionIsTheBuildsOwn() throws IOException {
        CliRunner.Result version = CliRunner.run("--version");
        assertEquals(0, version.exitCode());
        String pom = Files.readString(ReadmeSnippetsTest.repositoryRoot().resolve("pom.xml"));
        String expected = pom.substring(pom.indexOf("<version>") + 9, pom.indexOf("</version>"));
        assertEquals("tickstore " + expected, version.out().lines().findFirst().orElseThrow());
    }

    @Test
    void enumValuesAreTakenInAnyCase() {
        CliRunner.Result run = CliRunner.run("run", "--store", dir.toString(), "--run", "r", "--entities", "50", "--ticks", "2",
                "--back-pressure", "grow", "--no-fsync");
        assertEquals(0, run.exitCode(), run::toString);
        CliRunner.Result log = CliRunner.run("log", dir.resolve("r").toString(), "--export", "CSV", "--out", dir.resolve("e.csv").toString());
        assertEquals(0, log.exitCode(), log::toString);
        CliRunner.Result export = CliRunner.run("export", dir.resolve("r") + "@latest", "--format", "Arrow", "--out", dir.resolve("w.arrow").toString());
        assertEquals(0, export.exitCode(), export::toString);
    }

    @Test
    void theProgressBarShowsRateElapsedTimeAndTimeLeft() {
        long[] now = {0};
        StringWriter out = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(out), 100, "ticks", true, () -> now[0]);
        bar.start(20);
        now[0] = 4_000_000_000L;
        assertEquals("[############..................] 40/100 ticks  5.0 ticks/s  elapsed 0:04  ETA 0:12  300 rows",
                bar.line(40, now[0], "300 rows"));
        bar.update(40, "300 rows");
        assertTrue(out.toString().startsWith("\r[############"), out.toString());
        assertEquals("1:02:03", ProgressBar.clockTime(3723));
        StringWriter quiet = new StringWriter();
        new ProgressBar(new PrintWriter(quiet), 100, "ticks", false, () -> 0).update(50, "");
        assertEquals("", quiet.toString(), "no bar off a terminal");
    }

    @Test
    void printedCommandsPasteIntoAShellWhateverThePaths() throws Exception {
        Path store = Files.createDirectory(dir.resolve("my runs; it's $HOME"));
        CliRunner.Result run = CliRunner.run("run", "--store", store.toString(), "--run", "r", "--entities", "50", "--ticks", "4",
                "--checkpoint-every", "2", "--no-fsync", "--persist", "sqlite:" + store.resolve("j.sqlite"));
        assertEquals(0, run.exitCode(), run::toString);
        List<String> commands = new ArrayList<>();
        for (String line : run.out().lines().toList()) {
            int at = line.indexOf("./tickstore ");
            if (at >= 0) {
                commands.add(line.substring(at));
            }
        }
        assertEquals(3, commands.size(), run::toString);
        for (String command : commands) {
            List<String> words = shellWords(command);
            assertEquals("./tickstore", words.get(0));
            String[] args = words.subList(1, words.size()).toArray(new String[0]);
            CliRunner.Result again = CliRunner.run(args);
            assertEquals(0, again.exitCode(), command + "\n" + again);
        }
    }

    /** The words bash makes of a line, as it would run it. */
    private static List<String> shellWords(String line) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "for w in " + line + "; do printf '%s\\0' \"$w\"; done").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return List.of(out.split("\0"));
    }

    @Test
    void inspectCountsTheEventLogInARunsSize() throws IOException {
        CliRunner.Result run = CliRunner.run("run", "--store", dir.toString(), "--run", "r", "--entities", "500", "--ticks", "6",
                "--checkpoint-every", "3", "--no-fsync");
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode json = JSON.readTree(CliRunner.run("inspect", "--json", dir.resolve("r").toString()).out());
        long log = 0;
        try (var files = Files.walk(dir.resolve("r/events"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                log += Files.isRegularFile(f) ? Files.size(f) : 0;
            }
        }
        assertTrue(log > 0);
        assertEquals(log, json.get("logBytes").asLong());
        assertEquals(json.get("snapshotBytes").asLong() + log, json.get("bytes").asLong());
        String text = CliRunner.run("inspect", dir.resolve("r").toString()).out();
        assertTrue(text.lines().findFirst().orElseThrow().contains("event log " + Units.bytes(log)), text);
        String storeText = CliRunner.run("inspect", dir.toString()).out();
        assertTrue(storeText.contains("(event log " + Units.bytes(log) + ")"), storeText);
    }

    @Test
    void exitCodesAreTheDocumentedOnes() throws IOException {
        assertEquals(ExitCodes.OK, CliRunner.run("--help").exitCode());
        assertEquals(ExitCodes.USAGE, CliRunner.run("run", "--entities", "many").exitCode(), "a value that does not parse");
        assertEquals(ExitCodes.USAGE, CliRunner.run("no-such-command").exitCode());
        assertEquals(ExitCodes.USAGE, CliRunner.run("replay", dir.toString()).exitCode(), "a tick is missing");
        assertEquals(ExitCodes.FAILURE, CliRunner.run("inspect", dir.resolve("missing").toString()).exitCode());
        CliRunner.Result run = CliRunner.run("run", "--store", dir.toString(), "--run", "r", "--entities", "50", "--ticks", "1",
                "--checkpoint-every", "1", "--no-fsync");
        assertEquals(ExitCodes.OK, run.exitCode());
        Path file = dir.resolve("r/tick-00000000000000000001/creatures/energy.npy");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);
        assertEquals(ExitCodes.FAILURE, CliRunner.run("verify", dir.toString()).exitCode(), "a checksum that does not hold");
        String readme = Files.readString(ReadmeSnippetsTest.repositoryRoot().resolve("cli/README.md"));
        assertTrue(readme.contains("Exit codes: 0 success; 1 failure"), "the README documents them");
        assertTrue(readme.contains("130") && readme.contains("143"), "the README documents the exit codes of a stopped run");
    }
}
