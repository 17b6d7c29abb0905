package io.tickstore.snapshot.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.snapshot.internal.fault.FaultPoint;
import io.tickstore.snapshot.internal.fault.Faults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small file is written whole or replaced atomically, and a failed write leaves the old file and no other. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    @AfterEach
    void clearFaults() {
        Faults.clear();
    }

    @Test
    void aReplacedFileHoldsTheNewBytesAndNothingElseIsLeftBeside() throws IOException {
        Path file = dir.resolve("run.json");
        AtomicFiles.replace(file, bytes("first"), true, null);
        AtomicFiles.replace(file, bytes("second"), false, null);
        assertEquals("second", Files.readString(file));
        assertEquals(List.of(file), entries());
    }

    @Test
    void aWriteThatFailsHalfWayLeavesTheOldFileWholeAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("run.json");
        AtomicFiles.replace(file, bytes("old"), true, null);
        Faults.install(new Faults.Plan(FaultPoint.RUN_SETTINGS, Faults.Kind.NO_SPACE, 1));
        IOException e = assertThrows(IOException.class,
                () -> AtomicFiles.replace(file, bytes("a much longer new content"), true, FaultPoint.RUN_SETTINGS));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("No space left on device"), e.getMessage());
        assertEquals("old", Files.readString(file));
        assertEquals(List.of(file), entries());
    }

    @Test
    void aNewFileIsNeverWrittenOverAnother() throws IOException {
        Path file = dir.resolve("manifest.json");
        AtomicFiles.writeNew(file, bytes("{}"), true, null);
        assertThrows(FileAlreadyExistsException.class, () -> AtomicFiles.writeNew(file, bytes("[]"), false, null));
        assertEquals("{}", Files.readString(file));
    }

    @Test
    void aTemporaryNameIsHiddenBesideItsFile() {
        Path temp = AtomicFiles.temporaryFor(dir.resolve("codebook.json"));
        assertEquals(dir, temp.getParent());
        assertTrue(temp.getFileName().toString().matches("\\.codebook\\.json\\.tmp-[0-9a-f]{8}"), temp.toString());
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.sorted().toList();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
