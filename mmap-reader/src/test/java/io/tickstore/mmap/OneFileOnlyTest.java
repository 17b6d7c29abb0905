package io.tickstore.mmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.snapshot.SnapshotFormatException;
import io.tickstore.snapshot.format.SnapshotLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening a column reads that column's file and nothing else of the snapshot: a garbage or missing manifest and
 * damaged sibling columns do not matter. When the column is missing, the error says what is there instead.
 */
class OneFileOnlyTest {
    @TempDir
    Path dir;

    private Path snapshot() {
        return SnapshotLayout.snapshotDir(dir, 42);
    }

    @Test
    void opensAColumnWhoseManifestAndSiblingsAreGarbage() throws IOException {
        Path snapshot = snapshot();
        NpyFiles.writeFloats(SnapshotLayout.columnFile(snapshot, "creatures", "pos_x"), 1.5f, -2.5f);
        Files.write(SnapshotLayout.manifest(snapshot), "{ this is not json".getBytes(StandardCharsets.UTF_8));
        Files.write(SnapshotLayout.columnFile(snapshot, "creatures", "pos_y"), new byte[] {1, 2, 3});
        Files.write(SnapshotLayout.entityIdFile(snapshot, "creatures"), new byte[0]);

        try (MappedColumn column = MappedColumn.open(snapshot, "creatures", "pos_x")) {
            assertEquals(ColumnType.F32, column.type());
            assertEquals(-2.5f, column.getFloat(1));
        }
    }

    @Test
    void opensAColumnOfASnapshotWithNoManifestAndNoOtherFiles() throws IOException {
        Path snapshot = snapshot();
        NpyFiles.writeDoubles(SnapshotLayout.columnFile(snapshot, "plants", "height"), 0.25);
        assertFalse(Files.exists(SnapshotLayout.manifest(snapshot)));

        try (MappedColumn column = MappedColumn.open(snapshot, "plants", "height")) {
            assertEquals(0.25, column.getDouble(0));
        }
    }

    @Test
    void theEntityIdsOpenLikeAnyColumn() throws IOException {
        Path snapshot = snapshot();
        NpyFiles.write(SnapshotLayout.entityIdFile(snapshot, "creatures"), ColumnType.I64, 3, 9);
        try (MappedColumn ids = MappedColumn.open(snapshot, "creatures", "_entity_id")) {
            assertEquals(9, ids.getLong(1));
        }
    }

    @Test
    void aMissingColumnListsTheColumnsTheTableHas() {
        Path snapshot = snapshot();
        NpyFiles.writeInts(SnapshotLayout.columnFile(snapshot, "creatures", "age"), 1);
        NpyFiles.writeInts(SnapshotLayout.columnFile(snapshot, "creatures", "hunger"), 1);

        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> MappedColumn.open(snapshot, "creatures", "speed"));
        assertEquals(Problem.MISSING_FILE, e.problem());
        assertEquals(SnapshotLayout.columnFile(snapshot, "creatures", "speed"), e.file());
        assertTrue(e.getMessage().contains("no column 'speed' in table 'creatures' (columns: age, hunger)"), e.getMessage());
    }

    @Test
    void aMissingTableListsTheTablesTheSnapshotHas() {
        Path snapshot = snapshot();
        NpyFiles.writeInts(SnapshotLayout.columnFile(snapshot, "creatures", "age"), 1);
        NpyFiles.writeInts(SnapshotLayout.columnFile(snapshot, "plants", "age"), 1);

        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> MappedColumn.open(snapshot, "rocks", "age"));
        assertEquals(Problem.MISSING_FILE, e.problem());
        assertTrue(e.getMessage().contains("has no table 'rocks' (tables: creatures, plants)"), e.getMessage());
    }

    @Test
    void aMissingSnapshotDirectoryIsSaidPlainly() {
        Path snapshot = snapshot();
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> MappedColumn.open(snapshot, "creatures", "age"));
        assertEquals(Problem.MISSING_FILE, e.problem());
        assertTrue(e.getMessage().contains("snapshot directory " + snapshot + " does not exist"), e.getMessage());
    }
}
