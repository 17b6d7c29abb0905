package io.tickstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickstore.columns.testing.ScratchDevices;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export --out} and {@code log --export ... --out} never replace anything but a regular file: a FIFO or a
 * character device is written as a stream and stays what it is, a link, a directory or a format that cannot be
 * streamed to a device is refused with one line naming the path, and a regular file is replaced whole.
 */
class CliOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path store;

    @TempDir
    Path dir;

    static Path run;
    static Path snapshot;
    static long rows;

    @BeforeAll
    static void runSimulation() throws IOException {
        CliRunner.Result result = CliRunner.run("run", "--store", store.toString(), "--run", "out", "--entities", "300",
                "--ticks", "4", "--checkpoint-every", "2", "--seed", "3", "--no-fsync", "--json");
        assertEquals(0, result.exitCode(), result::toString);
        JsonNode summary = JSON.readTree(result.out());
        run = Path.of(summary.get("run").asText());
        snapshot = run.resolve("tick-00000000000000000004");
        rows = summary.get("finalRows").asLong();
    }

    @Test
    void exportStreamsCsvAndArrowIntoAFifoAnotherProcessReads() throws Exception {
        for (String format : List.of("csv", "arrow")) {
            Path fifo = mkfifo(dir.resolve(format + ".fifo"));
            byte[] read = readWhileRunning(fifo, "export", snapshot.toString(), "--format", format, "--out", fifo.toString());
            if (format.equals("csv")) {
                assertEquals(rows + 1, new String(read).lines().count());
            } else {
                try (RootAllocator allocator = new RootAllocator();
                     SeekableByteChannel channel = new ByteArrayReadableSeekableByteChannel(read);
                     ArrowFileReader reader = new ArrowFileReader(channel, allocator)) {
                    long total = 0;
                    while (reader.loadNextBatch()) {
                        total += reader.getVectorSchemaRoot().getRowCount();
                    }
                    assertEquals(rows, total, "a streamed Arrow IPC file reads back whole");
                }
            }
            assertEquals("p", fileType(fifo), "the FIFO is still a FIFO");
        }
    }

    @Test
    void logExportStreamsCsvIntoAFifo() throws Exception {
        Path fifo = mkfifo(dir.resolve("events.fifo"));
        byte[] read = readWhileRunning(fifo, "log", run.toString(), "--export", "csv", "--out", fifo.toString());
        assertTrue(new String(read).startsWith("tick,entity,key,value\n"));
        assertEquals("p", fileType(fifo));
    }

    @Test
    void aCharacterDeviceIsWrittenAndStaysADevice() {
        Path devNull = ScratchDevices.nullDevice(dir);
        CliRunner.Result export = CliRunner.run("export", snapshot.toString(), "--format", "csv", "--out", devNull.toString());
        assertEquals(0, export.exitCode(), export::toString);
        assertTrue(export.out().startsWith("wrote " + devNull + ": table creatures"), export::toString);
        CliRunner.Result log = CliRunner.run("log", run.toString(), "--export", "csv", "--out", devNull.toString());
        assertEquals(0, log.exitCode(), log::toString);
        assertEquals("c", fileType(devNull), devNull + " is still a character device");
    }

    @Test
    void aFullDeviceIsReportedAsNoSpaceNamingItAndStaysADevice() {
        Path devFull = ScratchDevices.fullDevice(dir);
        for (String[] command : List.of(
                new String[] {"export", snapshot.toString(), "--format", "csv", "--out", devFull.toString()},
                new String[] {"export", snapshot.toString(), "--format", "arrow", "--out", devFull.toString()},
                new String[] {"log", run.toString(), "--export", "csv", "--out", devFull.toString()})) {
            CliRunner.Result result = CliRunner.run(command);
            assertEquals(1, result.exitCode(), result::toString);
            assertEquals("tickstore: " + devFull + ": no space left on device", result.err().strip(), result::toString);
            assertEquals("c", fileType(devFull), devFull + " is still a character device");
        }
    }

    @Test
    void sqliteCannotGoToADeviceAndSaysSo() {
        Path devNull = ScratchDevices.nullDevice(dir);
        CliRunner.Result result = CliRunner.run("log", run.toString(), "--export", "sqlite", "--out", devNull.toString());
        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("tickstore: " + devNull + ": is a character device; a SQLite database cannot be written as a stream:"
                + " name a regular file", result.err().strip());
        assertEquals("c", fileType(devNull));
    }

    @Test
    void aSymbolicLinkIsRefusedNamingWhatItPointsToAndNeitherChanges() throws IOException {
        Path target = Files.writeString(dir.resolve("precious.csv"), "keep me\n");
        Path link = Files.createSymbolicLink(dir.resolve("out.csv"), target);
        for (String[] command : List.of(
                new String[] {"export", snapshot.toString(), "--format", "csv", "--out", link.toString()},
                new String[] {"log", run.toString(), "--export", "sqlite", "--out", link.toString()})) {
            CliRunner.Result result = CliRunner.run(command);
            assertEquals(1, result.exitCode(), result::toString);
            assertTrue(result.err().startsWith("tickstore: " + link + ": is a symbolic link to " + target), result::toString);
            assertEquals(1, result.err().strip().lines().count(), result::toString);
            assertTrue(Files.isSymbolicLink(link));
            assertEquals(target, Files.readSymbolicLink(link));
            assertEquals("keep me\n", Files.readString(target));
        }
    }

    @Test
    void aRegularFileIsReplacedWholeAndNothingElseIsLeft() throws IOException {
        Path csv = Files.writeString(dir.resolve("world.csv"), "old\n");
        CliRunner.Result result = CliRunner.run("export", snapshot.toString(), "--format", "csv", "--out", csv.toString(), "--json");
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(rows + 1, Files.readAllLines(csv).size());
        assertEquals(Files.size(csv), JSON.readTree(result.out()).get("bytes").asLong());
        Path db = Files.writeString(dir.resolve("events.sqlite"), "old\n");
        CliRunner.Result log = CliRunner.run("log", run.toString(), "--export", "sqlite", "--out", db.toString());
        assertEquals(0, log.exitCode(), log::toString);
        assertTrue(Files.size(db) > 4);
        try (var entries = Files.list(dir)) {
            assertEquals(List.of(db, csv), entries.sorted().toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aDirectoryTakesTheTableAsAFileNamedAfterIt() {
        CliRunner.Result result = CliRunner.run("export", snapshot.toString(), "--format", "csv", "--out", dir.toString());
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().startsWith("wrote " + dir.resolve("creatures.csv") + ": table creatures"), result::toString);
        assertEquals(rows + 1, lines(dir.resolve("creatures.csv")));
    }

    private static long lines(Path file) {
        try {
            return Files.readAllLines(file).size();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs the command while cat reads the FIFO, as the process at the other end of a pipe would. */
    private static byte[] readWhileRunning(Path fifo, String... args) throws Exception {
        Process cat = new ProcessBuilder("cat", fifo.toString()).start();
        try {
            CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return cat.getInputStream().readAllBytes();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            CliRunner.Result result = CliRunner.run(args);
            assertEquals(0, result.exitCode(), result::toString);
            return read.get(60, TimeUnit.SECONDS);
        } finally {
            cat.destroyForcibly();
        }
    }

    private static Path mkfifo(Path fifo) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("mkfifo is not available here: " + e.getMessage());
            return fifo;
        }
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "mkfifo failed: " + output);
        return fifo;
    }

    /** "c", "p", "-", "l" as ls -l shows them, the path itself (links not followed). */
    private static String fileType(Path path) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            switch (mode & 0170000) {
                case 0010000: return "p";
                case 0020000: return "c";
                case 0100000: return "-";
                case 0120000: return "l";
                default: return "?";
            }
        } catch (IOException e) {
            return "missing";
        }
    }
}
