package io.tickstore.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.format.SnapshotLayout;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of damage to a snapshot is found, reported as its own {@link Problem} naming the file at fault,
 * and leaves no memory allocated (the leak-checking allocator fails the test otherwise).
 */
class DamageTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path run;

    Path snapshot;
    /** The last file the reader reads data from, so damage there is found after every table was allocated. */
    Path lastColumn;

    @BeforeEach
    void writeASnapshot() throws IOException {
        try (World world = SampleWorlds.creatures(memory.root(), 7, 200, 3)) {
            SampleWorlds.addKinds(world, 100);
            snapshot = SnapshotWriter.write(world, run, WriteOptions.defaults().withDurability(Durability.PAGE_CACHE)).dir();
        }
        lastColumn = SnapshotLayout.columnFile(snapshot, SampleWorlds.KINDS, "v_bool");
    }

    @Test
    void aCorruptedByteInAColumnIsAChecksumMismatch() throws IOException {
        flipByte(lastColumn, Files.size(lastColumn) - 10);
        SnapshotFormatException e = readFails(lastColumn, Problem.CHECKSUM_MISMATCH);
        assertTrue(e.getMessage().contains("but the manifest records"), e.getMessage());
    }

    @Test
    void aCorruptedByteIsFoundWithOneThreadAndWithMany() throws IOException {
        flipByte(SnapshotLayout.columnFile(snapshot, "creatures", "energy"), 200);
        for (int threads : new int[] {1, 2, 8}) {
            ReadOptions options = ReadOptions.defaults().withThreads(threads);
            SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                    () -> SnapshotReader.read(snapshot, memory.root(), options).close());
            assertEquals(Problem.CHECKSUM_MISMATCH, e.problem());
            assertEquals(0, memory.root().getAllocatedMemory(), "everything allocated is freed");
        }
    }

    @Test
    void aTruncatedColumnFileIsTruncated() throws IOException {
        truncate(lastColumn, Files.size(lastColumn) - 1);
        SnapshotFormatException e = readFails(lastColumn, Problem.TRUNCATED);
        assertTrue(e.getMessage().contains("manifest says fileBytes"), e.getMessage());
    }

    @Test
    void aFileCutInsideItsHeaderIsTruncated() throws IOException {
        truncate(lastColumn, 7);
        readFails(lastColumn, Problem.TRUNCATED);
    }

    @Test
    void aMissingColumnFileIsAMissingFile() throws IOException {
        Files.delete(lastColumn);
        readFails(lastColumn, Problem.MISSING_FILE);
    }

    @Test
    void aMissingEntityIdFileIsAMissingFile() throws IOException {
        Path ids = SnapshotLayout.entityIdFile(snapshot, "creatures");
        Files.delete(ids);
        readFails(ids, Problem.MISSING_FILE);
    }

    @Test
    void aFileThatIsNotNpyIsBadMagic() throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(lastColumn.toFile(), "rw")) {
            file.write("PK\u0003\u0004".getBytes(StandardCharsets.ISO_8859_1));
        }
        readFails(lastColumn, Problem.BAD_MAGIC);
    }

    @Test
    void aColumnReplacedByASymbolicLinkIsRefused() throws IOException {
        Path elsewhere = Files.move(lastColumn, run.resolve("elsewhere.npy"));
        Files.createSymbolicLink(lastColumn, elsewhere);
        SnapshotFormatException e = readFails(lastColumn, Problem.BAD_HEADER);
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    }

    @Test
    void aFileLongerThanTheManifestSaysIsALengthMismatch() throws IOException {
        Files.write(lastColumn, new byte[] {1}, StandardOpenOption.APPEND);
        readFails(lastColumn, Problem.LENGTH_MISMATCH);
    }

    @Test
    void aFileOfAnotherTypeInAColumnsPlaceIsABadHeader() throws IOException {
        Path i32 = SnapshotLayout.columnFile(snapshot, SampleWorlds.KINDS, "v_i32");
        Files.copy(SnapshotLayout.columnFile(snapshot, SampleWorlds.KINDS, "v_u32"), i32, StandardCopyOption.REPLACE_EXISTING);
        SnapshotFormatException e = readFails(i32, Problem.BAD_HEADER);
        assertTrue(e.getMessage().contains("file holds dtype <u4 but the manifest says <i4"), e.getMessage());
    }

    @Test
    void aManifestFromTheFutureIsAnUnsupportedVersionNamingBothVersions() throws IOException {
        ManifestEdits.editWithoutResigning(SnapshotLayout.manifest(snapshot), root -> root.put("formatVersion", 7));
        SnapshotFormatException e = readFails(SnapshotLayout.manifest(snapshot), Problem.UNSUPPORTED_VERSION);
        assertTrue(e.getMessage().contains("version 7") && e.getMessage().contains("format versions 1 to 2"), e.getMessage());
    }

    @Test
    void aManifestClaimingMoreRowsThanTheFilesHoldFindsThemTruncated() throws IOException {
        ManifestEdits.editAndResign(SnapshotLayout.manifest(snapshot), root -> setRows(root, 0, 250));
        SnapshotFormatException e = readFails(SnapshotLayout.entityIdFile(snapshot, "creatures"), Problem.TRUNCATED);
        assertTrue(e.getMessage().contains("manifest says fileBytes 2128 (dataBytes 2000), file has"), e.getMessage());
    }

    @Test
    void aManifestClaimingFewerRowsThanTheFilesHoldIsALengthMismatch() throws IOException {
        ManifestEdits.editAndResign(SnapshotLayout.manifest(snapshot), root -> setRows(root, 1, 10));
        readFails(SnapshotLayout.entityIdFile(snapshot, SampleWorlds.KINDS), Problem.LENGTH_MISMATCH);
    }

    @Test
    void aCorruptedByteInTheManifestIsCaughtByItsOwnChecksum() throws IOException {
        Path manifest = SnapshotLayout.manifest(snapshot);
        String json = Files.readString(manifest);
        String needle = "\"nextEntityId\": ";
        int at = json.indexOf(needle) + needle.length();
        char digit = json.charAt(at);
        Files.writeString(manifest, json.substring(0, at) + (char) (digit == '9' ? '1' : digit + 1) + json.substring(at + 1));
        SnapshotFormatException e = readFails(manifest, Problem.CHECKSUM_MISMATCH);
        assertTrue(e.getMessage().contains("manifestCrc32c"), e.getMessage());
    }

    @Test
    void aSnapshotMovedUnderAnotherTicksNameIsRefused() throws IOException {
        Path renamed = run.resolve(SnapshotLayout.snapshotDirName(99));
        Files.move(snapshot, renamed);
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> SnapshotReader.read(renamed, memory.root()));
        assertEquals(Problem.BAD_HEADER, e.problem());
        assertTrue(e.getMessage().contains("manifest is for tick 3 but its directory is named for tick 99"), e.getMessage());
    }

    @Test
    void damageToAnyFilesHeaderIsFoundBeforeAnyMemoryIsAllocated() throws IOException {
        truncate(lastColumn, Files.size(lastColumn) - 1);
        try (BufferAllocator reader = memory.root().newChildAllocator("reader", 0, Long.MAX_VALUE)) {
            SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                    () -> SnapshotReader.read(snapshot, reader).close());
            assertEquals(Problem.TRUNCATED, e.problem());
            assertEquals(0, reader.getPeakMemoryAllocation(), "the reader checked every file before allocating");
        }
    }

    // ------------------------------------------------------------------ helpers

    private SnapshotFormatException readFails(Path file, Problem problem) {
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> SnapshotReader.read(snapshot, memory.root()).close());
        assertEquals(problem, e.problem(), e.getMessage());
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file.toString()), "the message names the file: " + e.getMessage());
        assertEquals(0, memory.root().getAllocatedMemory(), "a failed read frees everything it allocated");
        return e;
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(position);
            int b = f.read();
            f.seek(position);
            f.write(b ^ 0x01);
        }
    }

    private static void truncate(Path file, long length) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length);
        }
    }

    /** Rewrites every length of table {@code t} as if it had {@code rows} rows (a consistent lie). */
    private static void setRows(ObjectNode root, int t, long rows) {
        ObjectNode table = ManifestEdits.table(root, t);
        table.put("rows", rows);
        table.put("nextEntityId", Math.max(rows, table.get("nextEntityId").longValue()));
        setFileRows((ObjectNode) table.get("entityIds"), rows, 8);
        for (int c = 0; c < table.get("columns").size(); c++) {
            ObjectNode column = ManifestEdits.column(root, t, c);
            String dtype = column.get("dtype").asText();
            setFileRows(column, rows, Integer.parseInt(dtype.substring(2)));
        }
    }

    private static void setFileRows(ObjectNode file, long rows, int width) {
        file.put("rows", rows);
        file.put("dataBytes", rows * width);
        file.put("fileBytes", file.get("dataOffset").longValue() + rows * width);
    }
}
