package io.tickstore.snapshot.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.snapshot.SnapshotFormatException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The byte-level pieces: CRC32C text, path rules and the .npy header. */
class FormatPiecesTest {
    static final Path FILE = Path.of("snap/t/c.npy");

    @Test
    void crc32cIsTheCastagnoliChecksumWrittenAsEightHexDigits() {
        int crc = Crc32c.of("123456789".getBytes(StandardCharsets.US_ASCII));
        assertEquals("e3069283", Crc32c.hex(crc), "the standard CRC32C check value");
        assertEquals(crc, Crc32c.parseHex("E3069283"));
        assertEquals("00000000", Crc32c.hex(0));
        assertThrows(IllegalArgumentException.class, () -> Crc32c.parseHex("e306928"));
        assertThrows(IllegalArgumentException.class, () -> Crc32c.parseHex("e306928g"));
    }

    @Test
    void manifestPathsMustStayInsideTheSnapshot() {
        assertTrue(SnapshotLayout.isSafeRelativePath("creatures/pos_x.npy"));
        assertTrue(SnapshotLayout.isSafeRelativePath("creatures/_entity_id.npy"));
        for (String bad : new String[] {"../x.npy", "/abs.npy", "a/../b.npy", "a//b.npy", "a\\b.npy", "C:/x.npy", ".x/y.npy",
                "a/./b.npy", "", "a/"}) {
            assertFalse(SnapshotLayout.isSafeRelativePath(bad), bad);
        }
        assertEquals(Path.of("snap/creatures/pos_x.npy"), SnapshotLayout.resolveRelative(Path.of("snap"), "creatures/pos_x.npy"));
        assertThrows(IllegalArgumentException.class, () -> SnapshotLayout.resolveRelative(Path.of("snap"), "../x.npy"));
    }

    @Test
    void snapshotNamesSortByTickAndTemporaryNamesAreHidden() {
        assertEquals("tick-00000000000000000042", SnapshotLayout.snapshotDirName(42));
        assertEquals(42, SnapshotLayout.tickOf("tick-00000000000000000042"));
        assertEquals(-1, SnapshotLayout.tickOf("tick-42"));
        String temp = SnapshotLayout.temporaryDirName(42, "abcd1234");
        assertTrue(temp.startsWith("."));
        assertTrue(SnapshotLayout.isTemporary(temp));
        assertEquals(-1, SnapshotLayout.tickOf(temp));
    }

    @Test
    void everyHeaderTickstoreEncodesParsesBackAgainstItsFileSize() throws SnapshotFormatException {
        for (ColumnType type : ColumnType.values()) {
            for (long length : new long[] {0, 1, 1000, 1L << 40}) {
                byte[] header = NpyHeader.encode(type, length);
                assertEquals(NpyHeader.encodedSize(type, length), header.length);
                assertEquals(0, header.length % NpyHeader.ALIGNMENT);
                long fileSize = header.length + (length << type.log2Width());
                NpyHeader parsed = NpyHeader.parse(ByteBuffer.wrap(header), fileSize, FILE);
                assertEquals(type, parsed.type());
                assertEquals(length, parsed.length());
                assertEquals(header.length, parsed.dataOffset());
                assertEquals(fileSize, parsed.fileBytes());
            }
        }
    }

    @Test
    void aHeaderThatPromisesMoreThanTheFileHoldsIsTruncated() {
        byte[] header = NpyHeader.encode(ColumnType.F32, 100);
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> NpyHeader.parse(ByteBuffer.wrap(header), header.length + 399, FILE));
        assertEquals(Problem.TRUNCATED, e.problem());
        assertEquals(FILE, e.file());
    }

    @Test
    void anUnknownNpyVersionIsUnsupported() {
        byte[] header = NpyHeader.encode(ColumnType.F32, 1);
        header[6] = 9;
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> NpyHeader.parse(ByteBuffer.wrap(header), header.length + 4, FILE));
        assertEquals(Problem.UNSUPPORTED_VERSION, e.problem());
    }
}
