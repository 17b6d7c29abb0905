package io.tickstore.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.testing.ScratchDevices;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where an export may write: a regular file is replaced whole, a FIFO or a character device is written as a stream
 * and stays what it is, and nothing else is ever replaced.
 */
class OutputTargetTest {
    @TempDir
    Path dir;

    @Test
    void aRegularFileIsReplacedWholeOnlyWhenTheNewOneIsComplete() throws IOException {
        Path file = Files.writeString(dir.resolve("out.csv"), "old\n");
        OutputTarget target = OutputTarget.of(file);
        assertFalse(target.isStream());
        target.writeText(out -> {
            out.write("new\n");
            out.flush();
            assertEquals("old\n", Files.readString(file), "the old file stays until the new one is complete");
            return null;
        });
        assertEquals("new\n", Files.readString(file));
        assertEquals(4, target.bytesWritten());
        assertEquals(List.of(file), entries(), "no temporary file is left behind");
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = Files.writeString(dir.resolve("out.csv"), "old\n");
        IOException e = assertThrows(IOException.class, () -> OutputTarget.of(file).writeText(out -> {
            out.write("partial");
            throw new IOException("the export failed");
        }));
        assertEquals("the export failed", e.getMessage());
        assertEquals("old\n", Files.readString(file));
        assertEquals(List.of(file), entries());
    }

    @Test
    void aNewFileIsCreatedInAnExistingDirectoryOnly() throws IOException {
        Path file = dir.resolve("new.csv");
        OutputTarget.of(file).writeText(out -> {
            out.write("x\n");
            return null;
        });
        assertEquals("x\n", Files.readString(file));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> OutputTarget.of(dir.resolve("nowhere/out.csv")));
        assertEquals(dir.resolve("nowhere") + ": no such directory to write out.csv in", e.getMessage());
    }

    @Test
    void aFifoIsWrittenAsAStreamWhileAnotherProcessReadsItAndStaysAFifo() throws Exception {
        Path fifo = dir.resolve("events.fifo");
        mkfifo(fifo);
        // cat reads the FIFO as another process would; opening it for writing waits for this reader.
        Process reader = new ProcessBuilder("cat", fifo.toString()).redirectErrorStream(true).start();
        try {
            CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> readAll(reader.getInputStream()));
            OutputTarget target = OutputTarget.of(fifo);
            assertTrue(target.isStream());
            assertEquals("a FIFO", target.describe());
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 20_000; i++) {
                expected.append(i).append(",row\n");
            }
            target.writeText(out -> {
                out.write(expected.toString());
                return null;
            });
            assertEquals(expected.toString(), read.get(60, TimeUnit.SECONDS));
            assertTrue(reader.waitFor(60, TimeUnit.SECONDS));
            assertEquals(expected.length(), target.bytesWritten());
        } finally {
            reader.destroyForcibly();
        }
        assertEquals("p", fileType(fifo), "the FIFO is still a FIFO");
        assertEquals(List.of(fifo), entries());
    }

    @Test
    void devNullIsWrittenAsAStreamAndStaysACharacterDevice() throws IOException {
        Path devNull = ScratchDevices.nullDevice(dir);
        OutputTarget target = OutputTarget.of(devNull);
        assertTrue(target.isStream());
        assertEquals("a character device", target.describe());
        target.writeText(out -> {
            out.write("discarded\n");
            return null;
        });
        assertEquals(10, target.bytesWritten());
        assertEquals("c", fileType(devNull));
    }

    @Test
    void devFullFailsNamingItselfAndNoSpaceAndStaysACharacterDevice() {
        Path devFull = ScratchDevices.fullDevice(dir);
        FileSystemException e = assertThrows(FileSystemException.class, () -> OutputTarget.of(devFull).writeText(out -> {
            out.write("x".repeat(100_000));
            return null;
        }));
        assertEquals(devFull + ": no space left on device", e.getMessage());
        assertEquals(devFull.toString(), e.getFile());
        assertEquals("c", fileType(devFull), devFull + " is still a device, not a file that replaced it");
    }

    @Test
    void aSymbolicLinkToAFileIsRefusedNamingWhatItPointsToAndBothAreLeftAlone() throws IOException {
        Path real = Files.writeString(dir.resolve("real.csv"), "keep\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), real.getFileName());
        FileSystemException e = assertThrows(FileSystemException.class, () -> OutputTarget.of(link));
        assertEquals(link + ": is a symbolic link to real.csv (a regular file); an export writes through a link only to a"
                + " FIFO or a character device: name the file itself", e.getMessage());
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(real.getFileName(), Files.readSymbolicLink(link));
        assertEquals("keep\n", Files.readString(real));

        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.csv"), dir.resolve("gone.csv"));
        e = assertThrows(FileSystemException.class, () -> OutputTarget.of(dangling));
        assertTrue(e.getMessage().contains("(nothing)"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("gone.csv")));
    }

    @Test
    void aSymbolicLinkToACharacterDeviceIsWrittenThroughAsDevStdoutIs() throws IOException {
        Path devNull = ScratchDevices.nullDevice(dir);
        Path link = Files.createSymbolicLink(dir.resolve("sink"), devNull);
        OutputTarget target = OutputTarget.of(link);
        assertTrue(target.isStream());
        target.writeText(out -> {
            out.write("discarded\n");
            return null;
        });
        assertEquals(devNull, Files.readSymbolicLink(link), "the link is still a link to the device");
        assertEquals("c", fileType(devNull));
    }

    @Test
    void aDirectoryIsRefused() {
        FileSystemException e = assertThrows(FileSystemException.class, () -> OutputTarget.of(dir));
        assertEquals(dir + ": is a directory; an export writes a file (name one inside it)", e.getMessage());
        assertTrue(Files.isDirectory(dir));
    }

    @Test
    void aFormatThatNeedsARealFileRefusesAStreamAndWritesAFileWhole() throws IOException {
        Path devNull = ScratchDevices.nullDevice(dir);
        FileSystemException e = assertThrows(FileSystemException.class,
                () -> OutputTarget.of(devNull).writeFile("a SQLite database", temp -> 0L));
        assertEquals(devNull + ": is a character device; a SQLite database cannot be written as a stream: name a regular"
                + " file", e.getMessage());
        assertEquals("c", fileType(devNull));
        Path file = dir.resolve("db");
        OutputTarget target = OutputTarget.of(file);
        long written = target.writeFile("a database", temp -> Files.write(temp, new byte[7]).toFile().length());
        assertEquals(7, written);
        assertEquals(7, target.bytesWritten());
        assertEquals(List.of(file), entries());
    }

    @Test
    void somethingThatTookTheFilesPlaceDuringTheWriteIsNotReplaced() throws IOException {
        Path file = Files.writeString(dir.resolve("out.csv"), "old\n");
        Path elsewhere = Files.writeString(dir.resolve("elsewhere.csv"), "elsewhere\n");
        OutputTarget target = OutputTarget.of(file);
        FileSystemException e = assertThrows(FileSystemException.class, () -> target.writeText(out -> {
            Files.delete(file);
            Files.createSymbolicLink(file, elsewhere);
            return null;
        }));
        assertTrue(e.getMessage().contains("became a symbolic link"), e.getMessage());
        assertTrue(Files.isSymbolicLink(file));
        assertEquals("elsewhere\n", Files.readString(elsewhere));
    }

    private List<Path> entries() throws IOException {
        try (var stream = Files.list(dir)) {
            // what the tests write, without the files and devices they only set up
            return stream.filter(p -> !Set.of("elsewhere.csv", "real.csv", "null", "full", "sink")
                    .contains(p.getFileName().toString())).sorted().toList();
        }
    }

    static void mkfifo(Path fifo) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("mkfifo is not available here: " + e.getMessage());
            return;
        }
        String output = readAll(p.getInputStream());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "mkfifo failed: " + output);
    }

    /** "c", "p", "-", ... as the first letter of ls -l, from the file's own type (links not followed). */
    static String fileType(Path path) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            switch (mode & 0170000) {
                case 0010000: return "p";
                case 0020000: return "c";
                case 0040000: return "d";
                case 0100000: return "-";
                case 0120000: return "l";
                default: return "?";
            }
        } catch (IOException e) {
            return "missing";
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
