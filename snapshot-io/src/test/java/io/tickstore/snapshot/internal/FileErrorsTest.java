package io.tickstore.snapshot.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** I/O failures name their file and say what happened in words, not in class names. */
class FileErrorsTest {
    @TempDir
    Path dir;

    @Test
    void aBareWriteFailureGetsItsFile() {
        IOException bare = new IOException("No space left on device");
        IOException named = FileErrors.naming(Path.of("/data/runs/r/events/segment-0.tlog"), bare);
        assertEquals("/data/runs/r/events/segment-0.tlog: no space left on device", named.getMessage());
        assertEquals("/data/runs/r/events/segment-0.tlog", ((FileSystemException) named).getFile());
        assertSame(bare, named.getCause());
    }

    @Test
    void whatAlreadySaysMoreIsLeftAsItIs() {
        IOException hasFile = new AccessDeniedException("/a");
        IOException notAboutAFile = new InterruptedIOException("interrupted");
        IOException wrapper = new IOException("context", new IOException("cause"));
        for (IOException e : new IOException[] {hasFile, notAboutAFile, wrapper}) {
            assertSame(e, FileErrors.naming(Path.of("/b"), e));
        }
    }

    @Test
    void everyKindOfFileSystemFailureReadsAsWords() {
        assertEquals("permission denied", FileErrors.whatHappened(new AccessDeniedException("/a")));
        assertEquals("is not a directory", FileErrors.whatHappened(new NotDirectoryException("/a")));
        assertEquals("no such file or directory", FileErrors.whatHappened(new NoSuchFileException("/a")));
        assertEquals("directory not empty", FileErrors.whatHappened(new DirectoryNotEmptyException("/a")));
        assertEquals("already exists", FileErrors.whatHappened(new FileAlreadyExistsException(dir.toString())));
        assertEquals("not a directory", FileErrors.whatHappened(new FileSystemException("/a", null, "Not a directory")));
        assertEquals("no such file or directory: nothing to verify here",
                FileErrors.whatHappened(new NoSuchFileException("/a", null, "nothing to verify here")));
        assertEquals("already holds an event log",
                FileErrors.whatHappened(new FileAlreadyExistsException("/a", null, "already holds an event log")));
    }

    @Test
    void aPlainFileWhereADirectoryWasToBeMadeSaysSo() throws IOException {
        Path file = Files.writeString(dir.resolve("store"), "");
        FileAlreadyExistsException e = org.junit.jupiter.api.Assertions.assertThrows(FileAlreadyExistsException.class,
                () -> Files.createDirectories(file));
        assertEquals(file + ": already exists and is not a directory", FileErrors.describe(e));
    }
}
