package io.tickstore.mmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MappedColumn#close()} unmaps at once, may be called twice, and every later read fails cleanly. */
class CloseTest {
    @TempDir
    Path dir;

    @Test
    void readingAfterCloseThrowsNamingTheFile() throws IOException {
        Path file = NpyFiles.writeDoubles(dir.resolve("energy.npy"), 1, 2, 3);
        MappedColumn column = MappedColumn.open(file);
        column.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> column.getDouble(0));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertThrows(IllegalStateException.class, () -> column.getBits(1));
        assertThrows(IllegalStateException.class, () -> column.getAsDouble(2));
        assertThrows(IllegalStateException.class, column::stats);
        assertThrows(IllegalStateException.class, () -> column.slice(0, 1));
        assertThrows(IllegalStateException.class, () -> column.copyTo(0, 1, ByteBuffer.allocate(8)));
    }

    @Test
    void aWrongTypeAfterCloseStillReportsTheClose() throws IOException {
        MappedColumn column = MappedColumn.open(NpyFiles.writeDoubles(dir.resolve("a.npy"), 1));
        column.close();
        assertThrows(IllegalStateException.class, () -> column.getInt(0));
    }

    @Test
    void closingTwiceIsHarmless() throws IOException {
        MappedColumn column = MappedColumn.open(NpyFiles.writeInts(dir.resolve("a.npy"), 1));
        column.close();
        column.close();
        assertTrue(column.isClosed());
    }

    @Test
    void whatTheColumnIsRemainsKnownAfterClose() throws IOException {
        Path file = NpyFiles.writeInts(dir.resolve("a.npy"), 1, 2);
        MappedColumn column = MappedColumn.open(file);
        column.close();
        assertEquals(2, column.length());
        assertEquals(file, column.file());
        assertTrue(column.toString().contains("closed"), column.toString());
    }

    @Test
    void closeUnmapsAtOnceWithoutWaitingForTheGarbageCollector() throws IOException {
        Path maps = Path.of("/proc/self/maps");
        Assumptions.assumeTrue(Files.isReadable(maps), "needs Linux's /proc/self/maps to see the mappings");
        Path file = NpyFiles.writeInts(dir.resolve("unmapped-on-close.npy"), 1, 2).toRealPath();
        MappedColumn column = MappedColumn.open(file);
        assertTrue(Files.readString(maps).contains(file.toString()), "mapped while open");
        column.close();
        assertFalse(Files.readString(maps).contains(file.toString()), "still mapped after close");
    }
}
