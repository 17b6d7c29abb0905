package io.tickstore.backends.postgres.copy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The bytes of a PGCOPY stream, independent of any server. */
class BinaryCopyWriterTest {
    /** Collects everything the writer hands over, and counts the hand-overs. */
    static final class Collected implements CopySink {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int chunks;

        @Override
        public void write(byte[] chunk, int offset, int length) {
            bytes.write(chunk, offset, length);
            chunks++;
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Test
    void anEmptyStreamIsTheHeaderThenTheTrailer() throws SQLException {
        Collected out = new Collected();
        BinaryCopyWriter w = new BinaryCopyWriter(out, 64);
        w.writeHeader();
        w.finish();
        assertEquals("5047434f50590aff0d0a00" + "00000000" + "00000000" + "ffff", hex(out.bytes.toByteArray()));
    }

    @Test
    void fieldsAreLengthPrefixedAndBigEndian() throws SQLException {
        Collected out = new Collected();
        BinaryCopyWriter w = new BinaryCopyWriter(out, 64);
        w.startRow(5);
        w.writeInt2((short) 0x0102);
        w.writeInt4(-2);
        w.writeNull();
        w.writeBool(true);
        w.writeFloat8Bits(0x3ff0_0000_0000_0000L);
        w.flush();
        assertEquals("0005" + "00000002" + "0102" + "00000004" + "fffffffe" + "ffffffff" + "00000001" + "01" + "00000008" + "3ff0000000000000",
                hex(out.bytes.toByteArray()));
    }

    @Test
    void uuidTextJsonbAndNumericHaveTheirWireForms() throws SQLException {
        Collected out = new Collected();
        BinaryCopyWriter w = new BinaryCopyWriter(out, 64);
        w.writeUuid(new UUID(0x0102030405060708L, 0x090a0b0c0d0e0f10L));
        w.writeText("é");
        w.writeJsonb("{}");
        w.writeNumeric(new BigDecimal("-12.5"));
        w.flush();
        assertEquals("00000010" + "0102030405060708090a0b0c0d0e0f10" + "00000002" + "c3a9" + "00000003" + "01" + "7b7d"
                + "0000000c" + "0002" + "0000" + "4000" + "0001" + "000c" + "1388", hex(out.bytes.toByteArray()));
    }

    @Test
    void anArrayCarriesItsDimensionAndElementType() throws SQLException {
        Collected out = new Collected();
        BinaryCopyWriter w = new BinaryCopyWriter(out, 64);
        w.writeInt4Array(new int[] {7});
        w.writeInt4Array(new int[0]);
        w.flush();
        assertEquals("0000001c" + "00000001" + "00000000" + "00000017" + "00000001" + "00000001" + "00000004" + "00000007"
                + "0000000c" + "00000000" + "00000000" + "00000017", hex(out.bytes.toByteArray()));
    }

    @Test
    void theStreamIsTheSameWhateverTheChunkSize() throws SQLException {
        byte[] small = encodeSample(BinaryCopyWriter.MIN_CHUNK_BYTES);
        byte[] large = encodeSample(1 << 16);
        assertArrayEquals(large, small);
    }

    private static byte[] encodeSample(int chunk) throws SQLException {
        Collected out = new Collected();
        BinaryCopyWriter w = new BinaryCopyWriter(out, chunk);
        w.writeHeader();
        for (int i = 0; i < 50; i++) {
            w.startRow(6);
            w.writeInt8(i);
            w.writeText("row " + i + " ✓ 𝄞".repeat(i % 5));
            w.writeBytea(new byte[i * 3]);
            w.writeNumericUnsigned64(-1L - i);
            w.writeTextArray(Arrays.asList("a", null, "b".repeat(i)));
            w.writeFloat8Array(new double[] {i, -i});
        }
        w.finish();
        return out.bytes.toByteArray();
    }

    @Test
    void ensureRoomFlushesSoThatWhatFollowsFitsInOneChunk() throws SQLException {
        Collected out = new Collected();
        BinaryCopyWriter w = new BinaryCopyWriter(out, 64);
        w.writeInt8(1);
        w.writeInt8(2);
        assertEquals(false, w.ensureRoom(40));
        w.writeInt8(3);
        assertEquals(true, w.ensureRoom(40));
        assertEquals(1, out.chunks);
        assertEquals(36, w.flushedBytes());
    }

    @Test
    void textTooLongForAChunkIsSplitAcrossChunks() throws SQLException {
        Collected out = new Collected();
        BinaryCopyWriter w = new BinaryCopyWriter(out, 64);
        String text = "ü".repeat(100);
        w.writeText(text);
        w.flush();
        byte[] bytes = out.bytes.toByteArray();
        assertEquals(204, bytes.length);
        assertEquals(text, new String(bytes, 4, 200, StandardCharsets.UTF_8));
    }

    @Test
    void anUnpairedSurrogateIsEncodedAsJavaEncodesIt() throws SQLException {
        String text = "a\uD800b";
        Collected out = new Collected();
        BinaryCopyWriter w = new BinaryCopyWriter(out, 64);
        w.writeText(text);
        w.flush();
        byte[] expected = text.getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(expected, Arrays.copyOfRange(out.bytes.toByteArray(), 4, 4 + expected.length));
    }

    @Test
    void aChunkBelowTheMinimumIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BinaryCopyWriter(new Collected(), 16));
        assertThrows(IllegalArgumentException.class, () -> new BinaryCopyWriter(new Collected(), 64).startRow(40_000));
    }

    @Test
    void aTextArrayMarksThatItHasNulls() throws SQLException {
        Collected out = new Collected();
        BinaryCopyWriter w = new BinaryCopyWriter(out, 64);
        w.writeTextArray(List.of("x"));
        w.writeTextArray(Arrays.asList((String) null));
        w.flush();
        byte[] b = out.bytes.toByteArray();
        assertEquals("00000000", hex(Arrays.copyOfRange(b, 8, 12)));
        assertEquals("00000001", hex(Arrays.copyOfRange(b, 29 + 8, 29 + 12)));
    }
}
