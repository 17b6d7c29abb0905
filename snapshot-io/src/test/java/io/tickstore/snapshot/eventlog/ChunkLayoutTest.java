package io.tickstore.snapshot.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tickstore.columns.TickstoreException.Problem;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The chunk header and trailer, byte by byte, and what each of their checks catches. */
class ChunkLayoutTest {
    private static final Path FILE = Path.of("segment-00000000000000000000.tlog");

    private static ByteBuffer encoded(ChunkHeader header) {
        ByteBuffer b = ByteBuffer.allocate(ChunkHeader.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.encode(b);
        return b.flip();
    }

    private static ChunkHeader sample() {
        return new ChunkHeader(0x1234L, 7, 100, 12, 40, 45, 3, 900);
    }

    @Test
    void aHeaderRoundTripsWithItsFieldsAtTheDocumentedOffsets() throws EventLogException {
        ByteBuffer b = encoded(sample());
        assertEquals("TSEVCHNK", new String(b.array(), 0, 8, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(1, b.getShort(ChunkHeader.VERSION_OFFSET));
        assertEquals(80, b.getShort(ChunkHeader.HEADER_BYTES_OFFSET));
        assertEquals(28, b.getShort(ChunkHeader.RECORD_BYTES_OFFSET));
        assertEquals(0x1234L, b.getLong(ChunkHeader.RUN_ID_OFFSET));
        assertEquals(7, b.getLong(ChunkHeader.SEQUENCE_OFFSET));
        assertEquals(100, b.getInt(ChunkHeader.RECORD_COUNT_OFFSET));
        assertEquals(40, b.getLong(ChunkHeader.FIRST_TICK_OFFSET));
        assertEquals(900, b.getLong(ChunkHeader.MAX_ENTITY_OFFSET));
        ChunkHeader back = ChunkHeader.decode(b, FILE, 0);
        assertEquals(sample().toString(), back.toString());
        assertEquals(80 + 100 * 28 + 16, back.chunkBytes());
    }

    @Test
    void everyFlippedByteOfAHeaderIsCaught() {
        for (int i = 0; i < ChunkHeader.BYTES; i++) {
            ByteBuffer b = encoded(sample());
            b.put(i, (byte) (b.get(i) ^ 0x40));
            int at = i;
            EventLogException e = assertThrows(EventLogException.class, () -> ChunkHeader.decode(b, FILE, 0),
                    "byte " + at);
            assertEquals(i < 8 ? Problem.BAD_MAGIC : Problem.CHECKSUM_MISMATCH, e.problem(), "byte " + at);
        }
    }

    @Test
    void aNewerVersionWithAValidChecksumIsRefusedAsSuch() {
        ByteBuffer b = encoded(sample());
        b.putShort(ChunkHeader.VERSION_OFFSET, (short) 3);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(b.array(), 0, ChunkHeader.HEADER_CRC_OFFSET);
        b.putInt(ChunkHeader.HEADER_CRC_OFFSET, (int) crc.getValue());
        assertEquals(Problem.UNSUPPORTED_VERSION, assertThrows(EventLogException.class,
                () -> ChunkHeader.decode(b, FILE, 0)).problem());
    }

    @Test
    void version2IsAChunkWithValuesAndVersion1OneWithout() throws EventLogException {
        ChunkHeader withValues = new ChunkHeader(0x7469636b73746f72L, 3, 100, 12, 5, 9, 1, 70, 4096);
        ByteBuffer b = encoded(withValues);
        assertEquals(2, b.getShort(ChunkHeader.VERSION_OFFSET));
        ChunkHeader back = ChunkHeader.decode(b, FILE, 0);
        assertEquals(4096, back.valueBytes());
        assertEquals(80 + 100 * 28 + 4096 + 16, back.chunkBytes());
        assertEquals(1, encoded(sample()).getShort(ChunkHeader.VERSION_OFFSET));
        ByteBuffer v1WithValues = encoded(sample());
        v1WithValues.putInt(ChunkHeader.VALUE_BYTES_OFFSET, 8);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(v1WithValues.array(), 0, ChunkHeader.HEADER_CRC_OFFSET);
        v1WithValues.putInt(ChunkHeader.HEADER_CRC_OFFSET, (int) crc.getValue());
        assertEquals(Problem.BAD_HEADER, assertThrows(EventLogException.class, () -> ChunkHeader.decode(v1WithValues, FILE, 0)).problem(),
                "version 1's reserved field stays 0");
    }

    @Test
    void aTrailerMustCarryTheHeadersSequenceAndTheChecksumOfTheBytes() throws EventLogException {
        ByteBuffer t = ByteBuffer.allocate(ChunkTrailer.BYTES);
        ChunkTrailer.encode(t, 7, 0xCAFE);
        t.flip();
        ChunkTrailer.check(t, sample(), 0xCAFE, FILE, 0);
        assertEquals(Problem.CHECKSUM_MISMATCH, assertThrows(EventLogException.class,
                () -> ChunkTrailer.check(t, sample(), 0xBEEF, FILE, 0)).problem());
        ByteBuffer other = ByteBuffer.allocate(ChunkTrailer.BYTES);
        ChunkTrailer.encode(other, 8, 0xCAFE);
        other.flip();
        assertEquals(Problem.TRUNCATED, assertThrows(EventLogException.class,
                () -> ChunkTrailer.check(other, sample(), 0xCAFE, FILE, 0)).problem());
    }
}
