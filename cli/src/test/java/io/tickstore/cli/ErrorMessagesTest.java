package io.tickstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickstore.backends.PersistenceException;
import io.tickstore.backends.postgres.copy.CopyFormatException;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.snapshot.SnapshotFormatException;
import io.tickstore.snapshot.eventlog.EventLogException;
import io.tickstore.snapshot.internal.FileErrors;
import io.tickstore.snapshot.replay.ReplayException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Every failure is one line: the path at fault first, then what happened in words, and no class names. */
class ErrorMessagesTest {
    @Test
    void fileSystemFailuresNameTheirPathAndSayWhatHappened() {
        assertEquals("/data/runs: permission denied", ErrorMessages.oneLine(new AccessDeniedException("/data/runs")));
        assertEquals("/data/runs: is not a directory", ErrorMessages.oneLine(new NotDirectoryException("/data/runs")));
        assertEquals("/data/runs/r: already exists", ErrorMessages.oneLine(new FileAlreadyExistsException("/data/runs/r")));
        assertEquals("/data/runs: no such file or directory", ErrorMessages.oneLine(new NoSuchFileException("/data/runs")));
        assertEquals("/data/runs/r: directory not empty", ErrorMessages.oneLine(new DirectoryNotEmptyException("/data/runs/r")));
        assertEquals("/data/runs/r: not a directory",
                ErrorMessages.oneLine(new FileSystemException("/data/runs/r", null, "Not a directory")));
        assertEquals("/a -> /b: already exists", ErrorMessages.oneLine(new FileAlreadyExistsException("/a", "/b", null)));
    }

    @Test
    void wrappersAreLookedThroughWithoutTheirClassNames() {
        AccessDeniedException denied = new AccessDeniedException("/data/runs");
        assertEquals("/data/runs: permission denied", ErrorMessages.oneLine(new UncheckedIOException(denied)));
        assertEquals("/data/runs: permission denied", ErrorMessages.oneLine(new ExecutionException(new UncheckedIOException(denied))));
        assertEquals("/data/runs: permission denied", ErrorMessages.oneLine(new CompletionException(denied)));
        assertEquals("/data/runs: permission denied", ErrorMessages.oneLine(new RuntimeException(denied)));
        assertEquals("/data/runs: permission denied", ErrorMessages.oneLine(new IOException(denied)));
        assertEquals("/x.csv: broken pipe (writing the CSV of table 't' failed)", ErrorMessages.oneLine(
                new UncheckedIOException("writing the CSV of table 't' failed",
                        FileErrors.naming(Path.of("/x.csv"), new IOException("Broken pipe")))));
    }

    @Test
    void aFullDiskNamesTheFileItHappenedOnWithWhatWasBeingDoneAfterIt() {
        IOException full = FileErrors.naming(Path.of("/r/events/segment-0.tlog"), new IOException("No space left on device"));
        IOException writer = new IOException("event log /r/events cannot be written: " + full.getMessage(), full);
        assertEquals("/r/events/segment-0.tlog: no space left on device (event log /r/events cannot be written)",
                ErrorMessages.oneLine(new UncheckedIOException(writer)));
        SnapshotFormatException damaged = new SnapshotFormatException(Path.of("/r/tick-1/creatures/energy.npy"),
                Problem.TRUNCATED, "file has 3 bytes");
        assertEquals("/r/tick-1/creatures/energy.npy: file has 3 bytes (a checkpoint of run /r failed)", ErrorMessages.oneLine(
                new IOException("a checkpoint of run /r failed: " + damaged.getMessage(), damaged)));
        EventLogException log = new EventLogException(Path.of("/r/events/codebook.json"), Problem.CHECKSUM_MISMATCH,
                "codebook records codebookCrc32c '00000000'");
        assertEquals("/r/events/codebook.json: codebook records codebookCrc32c '00000000' (resuming run /r failed)",
                ErrorMessages.oneLine(new IOException("resuming run /r failed: " + log.getMessage(), log)));
    }

    @Test
    void ownMessagesStayAsTheyAreAndBugsKeepTheirClassName() {
        assertEquals("--head -1 is negative", ErrorMessages.oneLine(new CliException("--head -1 is negative")));
        assertEquals("/r/tick-1/manifest.json: manifest is for tick 2", ErrorMessages.oneLine(
                new SnapshotFormatException(Path.of("/r/tick-1/manifest.json"), Problem.BAD_HEADER, "manifest is for tick 2")));
        assertEquals("/r/events/segment-0.tlog: chunk 3 at offset 4096 fails its CRC32C", ErrorMessages.oneLine(
                new EventLogException(Path.of("/r/events/segment-0.tlog"), 3, 4096, Problem.DAMAGED_CHUNK,
                        "chunk 3 at offset 4096 fails its CRC32C")));
        assertEquals("/r: no snapshot at or before tick 5", ErrorMessages.oneLine(
                new ReplayException(Path.of("/r"), Problem.NO_SNAPSHOT, "no snapshot at or before tick 5")));
        assertEquals("sqlite:/r.sqlite: session 1 is unknown", ErrorMessages.oneLine(
                new PersistenceException(Problem.UNKNOWN_SESSION, "sqlite:/r.sqlite: session 1 is unknown")));
        assertEquals("row 0, field 1: int4 field of 3 bytes", ErrorMessages.oneLine(
                new CopyFormatException("row 0, field 1: int4 field of 3 bytes")));
        assertEquals("NullPointerException: table is null", ErrorMessages.oneLine(new NullPointerException("table is null")));
        assertEquals("NullPointerException", ErrorMessages.oneLine(new NullPointerException()));
        assertEquals("interrupted during input/output", ErrorMessages.oneLine(new ClosedByInterruptException()));
        assertEquals("first line", ErrorMessages.oneLine(new IllegalStateException("first line\nsecond line")));
    }
}
