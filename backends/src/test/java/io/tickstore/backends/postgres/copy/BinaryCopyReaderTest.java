package io.tickstore.backends.postgres.copy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Decoding a PGCOPY stream however the bytes are split into messages, and refusing malformed ones. */
class BinaryCopyReaderTest {
    private static final UUID ID = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

    private static byte[] sample() throws SQLException {
        BinaryCopyWriterTest.Collected out = new BinaryCopyWriterTest.Collected();
        BinaryCopyWriter w = new BinaryCopyWriter(out, 1024);
        w.writeHeader();
        for (int i = 0; i < 20; i++) {
            w.startRow(9);
            w.writeInt8(i);
            w.writeInt2((short) -i);
            w.writeFloat4Bits(0x7fc0_0000 | i);
            w.writeText("row ✓ " + i);
            if (i % 3 == 0) {
                w.writeNull();
            } else {
                w.writeUuid(ID);
            }
            w.writeNumeric(new BigDecimal(i + ".25"));
            w.writeNumericUnsigned64(-1L - i);
            w.writeInt8Array(new long[] {i, i + 1});
            w.writeTimestamptzMicros(i * 1_000_000L);
        }
        w.finish();
        return out.bytes.toByteArray();
    }

    /** Splits {@code bytes} into messages of the given sizes, cycling through them. */
    private static CopySource split(byte[] bytes, int... sizes) {
        Deque<byte[]> messages = new ArrayDeque<>();
        int at = 0;
        for (int i = 0; at < bytes.length; i++) {
            int n = Math.min(sizes[i % sizes.length], bytes.length - at);
            messages.add(Arrays.copyOfRange(bytes, at, at + n));
            at += n;
        }
        return messages::poll;
    }

    private static void readSample(CopySource source) throws SQLException {
        BinaryCopyReader r = new BinaryCopyReader(source);
        r.readHeader();
        for (int i = 0; i < 20; i++) {
            assertTrue(r.nextRow(9));
            assertEquals(i, r.readInt8());
            assertEquals(-i, r.readInt2());
            assertEquals(0x7fc0_0000 | i, r.readFloat4Bits());
            assertEquals("row ✓ " + i, r.readText());
            if (i % 3 == 0) {
                assertTrue(r.nextIsNull());
            } else {
                assertEquals(ID, r.readUuid());
            }
            assertEquals(new BigDecimal(i + ".25"), r.readNumeric());
            assertEquals(-1L - i, r.readNumericUnsigned64());
            assertArrayEquals(new long[] {i, i + 1}, r.readInt8Array());
            assertEquals(Instant.parse("2000-01-01T00:00:00Z").plusSeconds(i), r.readTimestamptz());
        }
        assertEquals(-1, r.nextRow());
        r.expectEnd();
        assertEquals(20, r.rowsRead());
    }

    @Test
    void aStreamInOneMessageDecodes() throws SQLException {
        readSample(split(sample(), Integer.MAX_VALUE));
    }

    @Test
    void aStreamInOneByteMessagesDecodes() throws SQLException {
        readSample(split(sample(), 1));
    }

    @Test
    void aStreamSplitAtRandomDecodes() throws SQLException {
        Random random = new Random(7);
        int[] sizes = new int[64];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = 1 + random.nextInt(40);
        }
        readSample(split(sample(), sizes));
    }

    @Test
    void aStreamThatEndsMidRowIsRefused() throws SQLException {
        byte[] bytes = sample();
        BinaryCopyReader r = new BinaryCopyReader(split(Arrays.copyOf(bytes, 40), 7));
        r.readHeader();
        r.nextRow(9);
        r.readInt8();
        r.readInt2();
        CopyFormatException e = assertThrows(CopyFormatException.class, r::readFloat4Bits);
        assertTrue(e.getMessage().contains("ends inside"), e.getMessage());
    }

    @Test
    void aWrongSignatureIsRefused() {
        byte[] bytes = new byte[19];
        bytes[0] = 'X';
        CopyFormatException e = assertThrows(CopyFormatException.class, () -> new BinaryCopyReader(split(bytes, 19)).readHeader());
        assertTrue(e.getMessage().contains("not a PGCOPY binary stream"), e.getMessage());
    }

    @Test
    void aStreamWithOidsIsRefused() throws SQLException {
        byte[] bytes = sample();
        bytes[12] = 1; // flag bit 16, big-endian in bytes 11..14
        CopyFormatException e = assertThrows(CopyFormatException.class, () -> new BinaryCopyReader(split(bytes, 100)).readHeader());
        assertTrue(e.getMessage().contains("OIDs"), e.getMessage());
    }

    @Test
    void aFieldOfTheWrongLengthNamesItsRowAndField() throws SQLException {
        BinaryCopyReader r = new BinaryCopyReader(split(sample(), 50));
        r.readHeader();
        r.nextRow(9);
        CopyFormatException e = assertThrows(CopyFormatException.class, r::readInt4);
        assertEquals("row 0, field 0: int4 field has 8 bytes, expected 4", e.getMessage());
    }

    @Test
    void aNullWhereAValueIsNeededIsRefused() throws SQLException {
        BinaryCopyReader r = new BinaryCopyReader(split(sample(), 50));
        r.readHeader();
        r.nextRow(9);
        r.readInt8();
        r.readInt2();
        r.readFloat4Bits();
        r.readText();
        CopyFormatException e = assertThrows(CopyFormatException.class, r::readUuid);
        assertTrue(e.getMessage().contains("is NULL where a uuid value was expected"), e.getMessage());
    }

    @Test
    void movingOnBeforeReadingEveryFieldIsRefused() throws SQLException {
        BinaryCopyReader r = new BinaryCopyReader(split(sample(), 50));
        r.readHeader();
        r.nextRow(9);
        r.readInt8();
        assertThrows(CopyFormatException.class, r::nextRow);
    }

    @Test
    void skippedFieldsAndTheWrongFieldCountAreHandled() throws SQLException {
        BinaryCopyReader r = new BinaryCopyReader(split(sample(), 50));
        r.readHeader();
        r.nextRow(9);
        for (int i = 0; i < 9; i++) {
            r.skipField();
        }
        CopyFormatException e = assertThrows(CopyFormatException.class, () -> r.nextRow(3));
        assertEquals("row 1 has 9 fields, expected 3", e.getMessage());
    }

    @Test
    void bytesAfterTheTrailerAreRefused() throws SQLException {
        byte[] bytes = sample();
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 2);
        BinaryCopyReader r = new BinaryCopyReader(split(longer, 1 << 20));
        r.readHeader();
        while (r.nextRow() >= 0) {
            for (int i = 0; i < 9; i++) {
                r.skipField();
            }
        }
        assertThrows(CopyFormatException.class, r::expectEnd);
    }

    @Test
    void aTextArrayKeepsItsNulls() throws SQLException {
        BinaryCopyWriterTest.Collected out = new BinaryCopyWriterTest.Collected();
        BinaryCopyWriter w = new BinaryCopyWriter(out, 64);
        w.writeHeader();
        w.startRow(1);
        w.writeTextArray(Arrays.asList("a", null));
        w.finish();
        BinaryCopyReader r = new BinaryCopyReader(split(out.bytes.toByteArray(), 3));
        r.readHeader();
        r.nextRow(1);
        List<String> back = r.readTextArray();
        assertEquals("a", back.get(0));
        assertNull(back.get(1));
    }

    /** A row of an {@code int4[]} holding {1, 2} and an {@code int4} 7, with the array's element count set to {@code count}. */
    private static BinaryCopyReader arrayClaiming(int count) throws SQLException {
        BinaryCopyWriterTest.Collected out = new BinaryCopyWriterTest.Collected();
        BinaryCopyWriter w = new BinaryCopyWriter(out, 64);
        w.writeHeader();
        w.startRow(2);
        w.writeInt4Array(new int[] {1, 2});
        w.writeInt4(7);
        w.finish();
        byte[] bytes = out.bytes.toByteArray();
        // header 19, field count 2, field length 4, then ndim, has-nulls and element oid: the count is at 37, big-endian
        bytes[40] = (byte) count;
        BinaryCopyReader r = new BinaryCopyReader(split(bytes, 5));
        r.readHeader();
        r.nextRow(2);
        return r;
    }

    @Test
    void anArrayWhoseElementsRunPastItsFieldIsRefusedInsteadOfReadingTheNextField() throws SQLException {
        CopyFormatException e = assertThrows(CopyFormatException.class, () -> arrayClaiming(3).readInt4Array());
        assertTrue(e.getMessage().contains("int4[] ends inside an element"), e.getMessage());
    }

    @Test
    void anArrayWhoseElementsStopShortOfItsFieldIsRefused() throws SQLException {
        CopyFormatException e = assertThrows(CopyFormatException.class, () -> arrayClaiming(1).readInt4Array());
        assertTrue(e.getMessage().contains("8 bytes after its elements"), e.getMessage());
    }

    @Test
    void anArrayClaimingMoreElementsThanItsFieldCanHoldIsRefusedBeforeAllocating() throws SQLException {
        CopyFormatException e = assertThrows(CopyFormatException.class, () -> arrayClaiming(100).readInt4Array());
        assertTrue(e.getMessage().contains("claims 100 elements"), e.getMessage());
    }
}
