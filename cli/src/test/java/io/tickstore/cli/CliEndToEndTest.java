package io.tickstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a user meets it: run a simulation, inspect what it wrote, read one column, verify,
 * export, and see a damaged file named in one line.
 */
class CliEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path store;

    static Path run;
    static JsonNode runSummary;

    @BeforeAll
    static void runSimulation() throws IOException {
        CliRunner.Result result = CliRunner.run("run", "--store", store.toString(), "--run", "demo", "--entities", "5000",
                "--ticks", "20", "--checkpoint-every", "5", "--seed", "7", "--json");
        assertEquals(0, result.exitCode(), result::toString);
        runSummary = JSON.readTree(result.out());
        run = Path.of(runSummary.get("run").asText());
    }

    @Test
    void runWritesASnapshotAtTickZeroEveryKTicksAndAtTheEnd() {
        List<Long> ticks = new ArrayList<>();
        runSummary.get("snapshots").forEach(t -> ticks.add(t.asLong()));
        assertEquals(List.of(0L, 5L, 10L, 15L, 20L), ticks);
        assertEquals(20, runSummary.get("finalTick").asLong());
        assertTrue(runSummary.get("worldHash").asText().matches("[0-9a-f]{64}"));
    }

    @Test
    void theSameSeedGivesTheSameWorld() throws IOException {
        CliRunner.Result again = CliRunner.run("run", "--store", store.toString(), "--run", "demo-again", "--entities", "5000",
                "--ticks", "20", "--checkpoint-every", "5", "--seed", "7", "--json", "--no-fsync");
        assertEquals(0, again.exitCode(), again::toString);
        assertEquals(runSummary.get("worldHash").asText(), JSON.readTree(again.out()).get("worldHash").asText());
    }

    @Test
    void inspectNamesEveryColumnFileWithItsDtypeRowsAndChecksum() throws IOException {
        CliRunner.Result result = CliRunner.run("inspect", "--json", run.toString());
        assertEquals(0, result.exitCode(), result::toString);
        JsonNode doc = JSON.readTree(result.out());
        assertEquals("run", doc.get("kind").asText());
        assertEquals(5, doc.get("snapshots").size());
        JsonNode last = doc.get("snapshots").get(4);
        assertEquals(20, last.get("tick").asLong());
        JsonNode creatures = last.get("tables").get(0);
        assertEquals("creatures", creatures.get("name").asText());
        assertEquals(8, creatures.get("columns").size());
        for (JsonNode column : creatures.get("columns")) {
            Path file = Path.of(column.get("file").asText());
            assertTrue(Files.isRegularFile(file), file::toString);
            assertEquals(creatures.get("rows").asLong(), column.get("rows").asLong());
            assertTrue(column.get("crc32c").asText().matches("[0-9a-f]{8}"));
            assertEquals(1, column.get("sinceVersion").asInt());
        }
    }

    @Test
    void inspectPrintsAReadableTableForAStoreARunAndASnapshot() {
        CliRunner.Result storeView = CliRunner.run("inspect", store.toString());
        assertEquals(0, storeView.exitCode(), storeView::toString);
        assertTrue(storeView.out().contains("demo"), storeView::toString);
        CliRunner.Result snapshotView = CliRunner.run("inspect", lastSnapshot().toString());
        assertEquals(0, snapshotView.exitCode(), snapshotView::toString);
        assertTrue(snapshotView.out().contains("energy"), snapshotView::toString);
        assertTrue(snapshotView.out().contains("energy.npy"), snapshotView::toString);
    }

    @Test
    void catReadsOneColumnAndItsStatistics() throws IOException {
        CliRunner.Result head = CliRunner.run("cat", lastSnapshot().toString(), "creatures/id", "--head", "3");
        assertEquals(0, head.exitCode(), head::toString);
        assertEquals(3, head.out().strip().split("\n").length, head::toString);

        CliRunner.Result stats = CliRunner.run("cat", lastSnapshot().toString(), "energy", "--stats", "--json");
        assertEquals(0, stats.exitCode(), stats::toString);
        JsonNode s = JSON.readTree(stats.out()).get("stats");
        assertTrue(s.get("min").asDouble() > 0, "every live creature has energy left");
        assertTrue(s.get("max").asDouble() >= s.get("mean").asDouble());
    }

    @Test
    void catReadsOnlyTheColumnItIsAskedFor() throws IOException {
        Path copy = store.resolve("only-one-column");
        Path table = copy.resolve("creatures");
        Files.createDirectories(table);
        Files.copy(lastSnapshot().resolve("creatures/gen.npy"), table.resolve("gen.npy"));
        CliRunner.Result result = CliRunner.run("cat", copy.toString(), "creatures/gen", "--head", "2");
        assertEquals(0, result.exitCode(), result::toString);
    }

    @Test
    void verifyPassesOnAHealthyStoreAndNamesTheFirstBadFileOtherwise() throws IOException {
        CliRunner.Result ok = CliRunner.run("verify", store.toString());
        assertEquals(0, ok.exitCode(), ok::toString);

        Path damagedRun = store.resolve("damaged");
        CliRunner.Result made = CliRunner.run("run", "--store", store.toString(), "--run", "damaged", "--entities", "500",
                "--ticks", "2", "--checkpoint-every", "1", "--no-fsync");
        assertEquals(0, made.exitCode(), made::toString);
        Path victim = damagedRun.resolve("tick-00000000000000000001/creatures/pos_y.npy");
        flipLastByte(victim);

        CliRunner.Result bad = CliRunner.run("verify", damagedRun.toString());
        assertEquals(1, bad.exitCode(), bad::toString);
        assertTrue(bad.err().contains(victim.toString()), bad::toString);
        assertEquals(1, bad.err().strip().split("\n").length, "one line, no stack trace: " + bad.err());
        Files.walk(damagedRun).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }

    @Test
    void exportWritesAnArrowFileArrowJavaReadsBackAndACsv() throws IOException {
        Path arrow = store.resolve("world.arrow");
        CliRunner.Result result = CliRunner.run("export", lastSnapshot().toString(), "--format", "arrow", "--out", arrow.toString());
        assertEquals(0, result.exitCode(), result::toString);
        try (RootAllocator allocator = new RootAllocator();
             FileChannel channel = FileChannel.open(arrow);
             ArrowFileReader reader = new ArrowFileReader(channel, allocator)) {
            long rows = 0;
            while (reader.loadNextBatch()) {
                rows += reader.getVectorSchemaRoot().getRowCount();
            }
            assertEquals(runSummary.get("finalRows").asLong(), rows);
        }
        Path csv = store.resolve("world.csv");
        CliRunner.Result csvResult = CliRunner.run("export", lastSnapshot().toString(), "--format", "csv", "--out", csv.toString());
        assertEquals(0, csvResult.exitCode(), csvResult::toString);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(runSummary.get("finalRows").asLong() + 1, lines.size());
        assertTrue(lines.get(0).contains("pos_x"), lines.get(0));
    }

    @Test
    void errorsAreOneLineWithoutAStackTraceUnlessVerbose() {
        CliRunner.Result missing = CliRunner.run("inspect", store.resolve("nowhere").toString());
        assertEquals(1, missing.exitCode());
        assertEquals(1, missing.err().strip().split("\n").length, missing::toString);
        assertTrue(missing.err().startsWith("tickstore: "), missing::toString);
        assertFalse(missing.err().contains("\tat "), missing::toString);

        CliRunner.Result verbose = CliRunner.run("cat", lastSnapshot().toString(), "creatures/no_such_column", "--verbose");
        assertEquals(1, verbose.exitCode());
        assertTrue(verbose.err().contains("no_such_column"), verbose::toString);
        assertTrue(verbose.err().contains("\tat "), "--verbose shows the stack: " + verbose.err());
    }

    @Test
    void aWrongCommandLineExitsWithTwo() {
        assertEquals(2, CliRunner.run("cat").exitCode());
        assertEquals(2, CliRunner.run("run", "--checkpoint-every", "0", "--store", store.toString()).exitCode());
        assertEquals(2, CliRunner.run("frobnicate").exitCode());
    }

    /**
     * The promise to numpy users: every file inspect names opens with numpy.load(mmap_mode='r') and holds what
     * cat prints. Runs numpy; skipped only where python3 with numpy is absent.
     */
    @Test
    void numpyOpensTheFilesInspectNamesAndReadsWhatCatPrints() throws Exception {
        Assumptions.assumeTrue(numpyAvailable(), "python3 with numpy is not installed here; the numpy cross-check is skipped");
        Path inspect = store.resolve("inspect.json");
        Files.writeString(inspect, CliRunner.run("inspect", "--json", run.toString()).out());
        Path cat = store.resolve("cat.json");
        CliRunner.Result catResult = CliRunner.run("cat", "--json", lastSnapshot().toString(), "creatures/energy");
        assertEquals(0, catResult.exitCode(), catResult::toString);
        Files.writeString(cat, catResult.out());
        Path script = repoRoot().resolve("cli/src/test/python/numpy_crosscheck.py");
        Process p = new ProcessBuilder("python3", script.toString(), inspect.toString(), lastSnapshot().toString(), cat.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "numpy cross-check timed out");
        assertEquals(0, p.exitValue(), output);
    }

    static Path lastSnapshot() {
        return run.resolve("tick-00000000000000000020");
    }

    static Path repoRoot() {
        String env = System.getenv("TICKSTORE_REPO_ROOT");
        Path dir = env != null ? Path.of(env) : Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("cli/src/test/python"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root from " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static boolean numpyAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void flipLastByte(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            long pos = ch.size() - 1;
            ch.read(b, pos);
            b.put(0, (byte) (b.get(0) ^ 0x5A));
            b.rewind();
            ch.write(b, pos);
        }
    }
}
