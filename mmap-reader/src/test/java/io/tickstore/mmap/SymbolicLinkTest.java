package io.tickstore.mmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.snapshot.SnapshotFormatException;
import io.tickstore.snapshot.format.SnapshotLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opened by snapshot, table and column, a column is refused when its table directory or its file is a symbolic
 * link, as every snapshot reader refuses them; the snapshot directory may be a link, and a file opened by its own
 * path is the caller's choice.
 */
class SymbolicLinkTest {
    @TempDir
    Path dir;

    Path snapshot;
    Path elsewhere;

    @BeforeEach
    void writeColumn() throws IOException {
        snapshot = SnapshotLayout.snapshotDir(dir.resolve("run"), 42);
        NpyFiles.writeDoubles(SnapshotLayout.columnFile(snapshot, "creatures", "energy"), 1.5, 2.5);
        elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
    }

    private Path replaceWithLink(Path inside) throws IOException {
        Path moved = Files.move(inside, elsewhere.resolve(inside.getFileName()));
        return Files.createSymbolicLink(inside, moved);
    }

    @Test
    void aLinkedTableDirectoryIsRefused() throws IOException {
        Path link = replaceWithLink(snapshot.resolve("creatures"));
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> MappedColumn.open(snapshot, "creatures", "energy"));
        assertEquals(link, e.file());
        assertEquals(Problem.BAD_HEADER, e.problem());
        assertTrue(e.getMessage().contains("is a symbolic link to " + elsewhere.resolve("creatures")), e.getMessage());
    }

    @Test
    void aLinkedColumnFileIsRefused() throws IOException {
        Path link = replaceWithLink(SnapshotLayout.columnFile(snapshot, "creatures", "energy"));
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> MappedColumn.open(snapshot, "creatures", "energy"));
        assertEquals(link, e.file());
        assertEquals(Problem.BAD_HEADER, e.problem());
    }

    @Test
    void theSnapshotDirectoryMayBeALinkAndAFileOpenedByPathIsTheCallersChoice() throws IOException {
        Path alias = Files.createSymbolicLink(dir.resolve("alias"), snapshot);
        try (MappedColumn column = MappedColumn.open(alias, "creatures", "energy")) {
            assertEquals(2.5, column.getDouble(1));
        }
        Path fileLink = Files.createSymbolicLink(dir.resolve("energy.npy"), SnapshotLayout.columnFile(snapshot, "creatures", "energy"));
        try (MappedColumn column = MappedColumn.open(fileLink)) {
            assertEquals(1.5, column.getDouble(0));
        }
    }
}
