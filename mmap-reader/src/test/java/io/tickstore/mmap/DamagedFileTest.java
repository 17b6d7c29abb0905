package io.tickstore.mmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.snapshot.SnapshotFormatException;
import io.tickstore.snapshot.format.NpyHeader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files are refused at open with a {@link SnapshotFormatException} that names the file and the problem;
 * the header is checked against the real file size before anything is mapped, so no damage reaches a read.
 */
class DamagedFileTest {
    private static final String F64_DICT = "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }";

    @TempDir
    Path dir;

    /** Opens the file, expects the refusal, and checks that it names the file. */
    private SnapshotFormatException refused(Path file, Problem expected) {
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> MappedColumn.open(file));
        assertEquals(expected, e.problem(), e.getMessage());
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        return e;
    }

    @Test
    void aFileWithFewerRowsThanItsHeaderSaysIsTruncated() {
        Path file = NpyFiles.writeBytes(dir.resolve("a.npy"), NpyHeader.encode(ColumnType.F64, 10), NpyFiles.zeros(5 * 8));
        SnapshotFormatException e = refused(file, Problem.TRUNCATED);
        assertTrue(e.getMessage().contains("10 f64 values"), e.getMessage());
    }

    @Test
    void aFileLongerThanItsHeaderSaysIsALengthMismatch() {
        Path file = NpyFiles.writeBytes(dir.resolve("a.npy"), NpyHeader.encode(ColumnType.F64, 10), NpyFiles.zeros(12 * 8));
        refused(file, Problem.LENGTH_MISMATCH);
    }

    @Test
    void aFileWithoutTheNumpyMagicIsRefused() {
        byte[] header = NpyFiles.header(1, 0, F64_DICT);
        header[1] = 'X';
        refused(NpyFiles.writeBytes(dir.resolve("a.npy"), header, NpyFiles.zeros(16)), Problem.BAD_MAGIC);
    }

    @Test
    void aTextFileIsNotANpyFile() {
        refused(NpyFiles.writeBytes(dir.resolve("a.npy"), "{\"not\": \"an array\"}\n".getBytes()), Problem.BAD_MAGIC);
    }

    @Test
    void anUnknownFormatVersionIsRefused() {
        SnapshotFormatException e = refused(NpyFiles.writeBytes(dir.resolve("a.npy"), NpyFiles.header(4, 0, F64_DICT),
                NpyFiles.zeros(16)), Problem.UNSUPPORTED_VERSION);
        assertTrue(e.getMessage().contains("4.0"), e.getMessage());
    }

    @Test
    void aHeaderLengthPointingPastTheEndOfTheFileIsTruncated() {
        byte[] header = NpyFiles.header(1, 0, F64_DICT);
        header[8] = (byte) 0x60;
        header[9] = (byte) 0xEA;
        refused(NpyFiles.writeBytes(dir.resolve("a.npy"), header, NpyFiles.zeros(16)), Problem.TRUNCATED);
    }

    @Test
    void anAbsurdHeaderLengthIsRefusedWithoutAllocatingIt() {
        byte[] header = NpyFiles.header(2, 0, F64_DICT);
        header[8] = (byte) 0xFF;
        header[9] = (byte) 0xFF;
        header[10] = (byte) 0xFF;
        header[11] = (byte) 0xFF;
        SnapshotFormatException e = refused(NpyFiles.writeBytes(dir.resolve("a.npy"), header, NpyFiles.zeros(16)),
                Problem.TRUNCATED);
        assertTrue(e.getMessage().contains("4294967295"), e.getMessage());
    }

    @Test
    void aHeaderLongerThanAnyTickstoreReadsIsRefusedEvenWhenTheFileIsLongEnough() {
        String padded = F64_DICT.replace("}", " ".repeat(NpyHeader.MAX_HEADER_BYTES) + "}");
        refused(NpyFiles.writeBytes(dir.resolve("a.npy"), NpyFiles.header(2, 0, padded), NpyFiles.zeros(16)),
                Problem.BAD_HEADER);
    }

    @Test
    void aTwoDimensionalArrayInFortranOrderIsRefused() {
        String dict = "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }";
        SnapshotFormatException e = refused(NpyFiles.writeBytes(dir.resolve("a.npy"), NpyFiles.header(1, 0, dict),
                NpyFiles.zeros(48)), Problem.BAD_HEADER);
        assertTrue(e.getMessage().contains("Fortran order"), e.getMessage());
    }

    @Test
    void anArrayOfStringsIsNotAColumnOfValues() {
        String dict = "{'descr': '<U2', 'fortran_order': False, 'shape': (2,), }";
        SnapshotFormatException e = refused(NpyFiles.writeBytes(dir.resolve("a.npy"), NpyFiles.header(1, 0, dict),
                NpyFiles.zeros(16)), Problem.BAD_HEADER);
        assertTrue(e.getMessage().contains("MappedCategories"), e.getMessage());
    }

    @Test
    void aScalarIsRefused() {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (), }";
        refused(NpyFiles.writeBytes(dir.resolve("a.npy"), NpyFiles.header(1, 0, dict), NpyFiles.zeros(8)),
                Problem.BAD_HEADER);
    }

    @Test
    void anUnknownDtypeIsRefused() {
        String dict = "{'descr': '<c16', 'fortran_order': False, 'shape': (2,), }";
        SnapshotFormatException e = refused(NpyFiles.writeBytes(dir.resolve("a.npy"), NpyFiles.header(1, 0, dict),
                NpyFiles.zeros(32)), Problem.BAD_HEADER);
        assertTrue(e.getMessage().contains("<c16"), e.getMessage());
    }

    @Test
    void aBigEndianDtypeIsRefused() {
        String dict = "{'descr': '>f8', 'fortran_order': False, 'shape': (2,), }";
        refused(NpyFiles.writeBytes(dir.resolve("a.npy"), NpyFiles.header(1, 0, dict), NpyFiles.zeros(16)),
                Problem.BAD_HEADER);
    }

    @Test
    void aNegativeLengthIsRefused() {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (-2,), }";
        refused(NpyFiles.writeBytes(dir.resolve("a.npy"), NpyFiles.header(1, 0, dict)), Problem.BAD_HEADER);
    }

    @Test
    void aLengthBeyondAnyFileIsRefused() {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (9223372036854775807,), }";
        refused(NpyFiles.writeBytes(dir.resolve("a.npy"), NpyFiles.header(1, 0, dict), NpyFiles.zeros(16)),
                Problem.BAD_HEADER);
    }

    @Test
    void anEmptyFileIsTruncated() {
        refused(NpyFiles.writeBytes(dir.resolve("a.npy")), Problem.TRUNCATED);
    }

    @Test
    void aFileCutInsideItsHeaderIsTruncated() {
        byte[] header = NpyHeader.encode(ColumnType.I32, 4);
        byte[] cut = new byte[header.length / 2];
        System.arraycopy(header, 0, cut, 0, cut.length);
        refused(NpyFiles.writeBytes(dir.resolve("a.npy"), cut), Problem.TRUNCATED);
    }

    @Test
    void aMissingFileIsMissing() {
        SnapshotFormatException e = refused(dir.resolve("nowhere.npy"), Problem.MISSING_FILE);
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void aDirectoryIsNotAColumnFile() throws Exception {
        Path file = Files.createDirectory(dir.resolve("pos_x.npy"));
        refused(file, Problem.MISSING_FILE);
    }
}
