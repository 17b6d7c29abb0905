package io.tickstore.backends.postgres.copy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.agrona.UnsafeApi;

/**
 * Encodes a PGCOPY binary stream ({@link PgCopyLayout}) into one reusable chunk and hands each full chunk to a
 * {@link CopySink}. Numbers, booleans, uuids, timestamps, numerics of at most 20 digits and row headers are written
 * without allocating anything; text is encoded to UTF-8 in place.
 *
 * <p>Typical use: {@link #writeHeader()}, then per row {@link #startRow(int)} and one {@code write...} per field,
 * then {@link #finish()}. A field may span chunks; {@link #ensureRoom(int)} lets a caller keep rows whole within a
 * chunk (the journal writers do, so progress is reported at row boundaries).
 *
 * <p>Not thread-safe. Every value type is round-trip tested against a real server ({@code BinaryCopyTypesTest}).
 */
public final class BinaryCopyWriter {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** Smallest chunk: the longest fixed-size value (a u64 numeric, 4 + 18 bytes) plus a row header must fit. */
    public static final int MIN_CHUNK_BYTES = 64;
    private static final byte JSONB_VERSION = 1;

    private final CopySink sink;
    private final byte[] chunk;
    private final short[] numericScratch = new short[4 + PgNumericLayout.MAX_U64_DIGITS];
    private int position;
    private long flushedBytes;

    public BinaryCopyWriter(CopySink sink, int chunkBytes) {
        if (chunkBytes < MIN_CHUNK_BYTES) {
            throw new IllegalArgumentException("chunk of " + chunkBytes + " bytes is below the minimum of " + MIN_CHUNK_BYTES);
        }
        this.sink = sink;
        this.chunk = new byte[chunkBytes];
    }

    /** Bytes handed to the sink so far. */
    public long flushedBytes() {
        return flushedBytes;
    }

    /** Bytes encoded so far, flushed or not. */
    public long bytesWritten() {
        return flushedBytes + position;
    }

    public int chunkBytes() {
        return chunk.length;
    }

    /** Flushes first when fewer than {@code bytes} remain in the chunk. Returns whether it flushed. */
    public boolean ensureRoom(int bytes) throws SQLException {
        if (position + bytes > chunk.length) {
            flush();
            return true;
        }
        return false;
    }

    /** Hands the encoded bytes to the sink (nothing when there are none). */
    public void flush() throws SQLException {
        if (position > 0) {
            sink.write(chunk, 0, position);
            flushedBytes += position;
            position = 0;
        }
    }

    // ------------------------------------------------------------------ stream structure

    public void writeHeader() throws SQLException {
        ensureRoom(PgCopyLayout.HEADER_LENGTH);
        System.arraycopy(PgCopyLayout.SIGNATURE, 0, chunk, position, PgCopyLayout.SIGNATURE_LENGTH);
        INT.set(chunk, position + PgCopyLayout.FLAGS_OFFSET, 0);
        INT.set(chunk, position + PgCopyLayout.EXTENSION_LENGTH_OFFSET, 0);
        position += PgCopyLayout.HEADER_LENGTH;
    }

    public void startRow(int fields) throws SQLException {
        if (fields < 0 || fields > Short.MAX_VALUE) {
            throw new IllegalArgumentException("a row of " + fields + " fields cannot be encoded");
        }
        putShort((short) fields);
    }

    /** Writes the trailer and flushes. */
    public void finish() throws SQLException {
        putShort(PgCopyLayout.TRAILER);
        flush();
    }

    // ------------------------------------------------------------------ scalar fields

    public void writeNull() throws SQLException {
        putInt(PgCopyLayout.NULL_LENGTH);
    }

    /** {@code int2}. */
    public void writeInt2(short value) throws SQLException {
        ensureRoom(6);
        INT.set(chunk, position, 2);
        SHORT.set(chunk, position + 4, value);
        position += 6;
    }

    /** {@code int4}. */
    public void writeInt4(int value) throws SQLException {
        ensureRoom(8);
        INT.set(chunk, position, 4);
        INT.set(chunk, position + 4, value);
        position += 8;
    }

    /** {@code int8}. */
    public void writeInt8(long value) throws SQLException {
        ensureRoom(12);
        INT.set(chunk, position, 8);
        LONG.set(chunk, position + 4, value);
        position += 12;
    }

    /** {@code float4}, bit for bit (NaN payloads and negative zero survive). */
    public void writeFloat4(float value) throws SQLException {
        writeFloat4Bits(Float.floatToRawIntBits(value));
    }

    /** {@code float4} from its raw IEEE bits. */
    public void writeFloat4Bits(int bits) throws SQLException {
        writeInt4(bits);
    }

    /** {@code float8}, bit for bit. */
    public void writeFloat8(double value) throws SQLException {
        writeFloat8Bits(Double.doubleToRawLongBits(value));
    }

    /** {@code float8} from its raw IEEE bits. */
    public void writeFloat8Bits(long bits) throws SQLException {
        writeInt8(bits);
    }

    /** {@code bool}: one byte, 0 or 1. */
    public void writeBool(boolean value) throws SQLException {
        ensureRoom(5);
        INT.set(chunk, position, 1);
        chunk[position + 4] = value ? (byte) 1 : (byte) 0;
        position += 5;
    }

    /** {@code uuid}: 16 bytes, most significant first. */
    public void writeUuid(long mostSignificant, long leastSignificant) throws SQLException {
        ensureRoom(20);
        INT.set(chunk, position, 16);
        LONG.set(chunk, position + 4, mostSignificant);
        LONG.set(chunk, position + 12, leastSignificant);
        position += 20;
    }

    public void writeUuid(UUID value) throws SQLException {
        writeUuid(value.getMostSignificantBits(), value.getLeastSignificantBits());
    }

    /** {@code timestamptz} from microseconds since 2000-01-01 UTC ({@link PgTimestamps}). */
    public void writeTimestamptzMicros(long microsSince2000) throws SQLException {
        writeInt8(microsSince2000);
    }

    /** {@code timestamptz}; digits finer than a microsecond are dropped. */
    public void writeTimestamptz(Instant value) throws SQLException {
        writeTimestamptzMicros(PgTimestamps.toMicros(value));
    }

    /** {@code numeric} of any precision and scale. */
    public void writeNumeric(BigDecimal value) throws SQLException {
        writeNumericFields(PgNumericLayout.encode(value), -1);
    }

    /** {@code numeric(20,0)} holding an unsigned 64-bit integer given as its bits; allocates nothing. */
    public void writeNumericUnsigned64(long bits) throws SQLException {
        writeNumericFields(numericScratch, PgNumericLayout.encodeUnsigned64(bits, numericScratch));
    }

    private void writeNumericFields(short[] fields, int count) throws SQLException {
        int n = count < 0 ? fields.length : count;
        putInt(2 * n);
        for (int i = 0; i < n; i++) {
            putShort(fields[i]);
        }
    }

    /** {@code text} or {@code varchar}: UTF-8 without a terminator. */
    public void writeText(CharSequence value) throws SQLException {
        int length = utf8Length(value);
        putInt(length);
        putUtf8(value, length);
    }

    /** {@code jsonb}: a version byte (1) then the JSON text; the server checks the JSON. */
    public void writeJsonb(CharSequence json) throws SQLException {
        int length = utf8Length(json);
        putInt(length + 1);
        putByte(JSONB_VERSION);
        putUtf8(json, length);
    }

    /** {@code bytea}: the bytes as they are. */
    public void writeBytea(byte[] value, int offset, int length) throws SQLException {
        putInt(length);
        putBytes(value, offset, length);
    }

    public void writeBytea(byte[] value) throws SQLException {
        writeBytea(value, 0, value.length);
    }

    // ------------------------------------------------------------------ one-dimensional arrays (PgArrayLayout)

    public void writeInt2Array(short[] values) throws SQLException {
        putArrayHeader(values.length, 2, PgOid.INT2, false);
        for (short v : values) {
            writeInt2(v);
        }
    }

    public void writeInt4Array(int[] values) throws SQLException {
        putArrayHeader(values.length, 4, PgOid.INT4, false);
        for (int v : values) {
            writeInt4(v);
        }
    }

    public void writeInt8Array(long[] values) throws SQLException {
        putArrayHeader(values.length, 8, PgOid.INT8, false);
        for (long v : values) {
            writeInt8(v);
        }
    }

    public void writeFloat4Array(float[] values) throws SQLException {
        putArrayHeader(values.length, 4, PgOid.FLOAT4, false);
        for (float v : values) {
            writeFloat4(v);
        }
    }

    public void writeFloat8Array(double[] values) throws SQLException {
        putArrayHeader(values.length, 8, PgOid.FLOAT8, false);
        for (double v : values) {
            writeFloat8(v);
        }
    }

    public void writeBoolArray(boolean[] values) throws SQLException {
        putArrayHeader(values.length, 1, PgOid.BOOL, false);
        for (boolean v : values) {
            writeBool(v);
        }
    }

    /** {@code text[]}; null elements are SQL NULLs. */
    public void writeTextArray(List<String> values) throws SQLException {
        long body = 0;
        boolean hasNulls = false;
        for (String v : values) {
            if (v == null) {
                hasNulls = true;
                body += 4;
            } else {
                body += 4 + utf8Length(v);
            }
        }
        long total = PgArrayLayout.overhead(values.size()) + body;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a text array of " + total + " bytes exceeds a field's limit");
        }
        putInt((int) total);
        putArrayPrefix(values.size(), PgOid.TEXT, hasNulls);
        for (String v : values) {
            if (v == null) {
                writeNull();
            } else {
                writeText(v);
            }
        }
    }

    private void putArrayHeader(int elements, int elementWidth, int oid, boolean hasNulls) throws SQLException {
        long total = PgArrayLayout.overhead(elements) + (long) elements * (4 + elementWidth);
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("an array of " + elements + " elements exceeds a field's limit");
        }
        putInt((int) total);
        putArrayPrefix(elements, oid, hasNulls);
    }

    private void putArrayPrefix(int elements, int oid, boolean hasNulls) throws SQLException {
        putInt(elements == 0 ? 0 : 1);
        putInt(hasNulls ? 1 : 0);
        putInt(oid);
        if (elements > 0) {
            putInt(elements);
            putInt(PgArrayLayout.LOWER_BOUND);
        }
    }

    // ------------------------------------------------------------------ from off-heap memory (a table's stored values)

    /** {@code text}: {@code length} UTF-8 bytes at {@code address}, copied as they are; allocates nothing. */
    public void writeTextUtf8(long address, int length) throws SQLException {
        putInt(length);
        putOffHeap(address, length);
    }

    /** {@code jsonb}: the version byte, then {@code length} bytes of JSON text at {@code address}; allocates nothing. */
    public void writeJsonbUtf8(long address, int length) throws SQLException {
        if (length > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("a jsonb value of " + length + " bytes exceeds a field's limit");
        }
        putInt(length + 1);
        putByte(JSONB_VERSION);
        putOffHeap(address, length);
    }

    /**
     * {@code text[]} of the strings stored as {@code length} bytes at {@code address}, each string's UTF-8 followed by
     * a 0 byte (how a table keeps a {@code str[]} value); allocates nothing.
     */
    public void writeTextArrayOfTerminated(long address, int length) throws SQLException {
        int items = 0;
        for (int i = 0; i < length; i++) {
            if (UnsafeApi.getByte(address + i) == 0) {
                items++;
            }
        }
        // each string's length word replaces its terminator
        long total = PgArrayLayout.overhead(items) + (long) length + 3L * items;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a text array of " + total + " bytes exceeds a field's limit");
        }
        putInt((int) total);
        putArrayPrefix(items, PgOid.TEXT, false);
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (UnsafeApi.getByte(address + i) == 0) {
                writeTextUtf8(address + start, i - start);
                start = i + 1;
            }
        }
    }

    /**
     * The header of an array field of {@code shape} (one dimension or more, each at least 1; lower bounds 1) whose
     * elements, {@code elementBytes} bytes in all with their length words, follow through the element writers
     * ({@link #writeInt2}, {@link #writeFloat8Bits}, {@link #writeNumericUnsigned64}, ...).
     */
    public void writeArrayHeader(int[] shape, int elementOid, long elementBytes) throws SQLException {
        long total = PgArrayLayout.HEADER_LENGTH + (long) PgArrayLayout.DIMENSION_LENGTH * shape.length + elementBytes;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("an array of " + total + " bytes exceeds a field's limit");
        }
        putInt((int) total);
        putInt(shape.length);
        putInt(0);
        putInt(elementOid);
        for (int dim : shape) {
            putInt(dim);
            putInt(PgArrayLayout.LOWER_BOUND);
        }
    }

    /** The bytes {@link #writeNumericUnsigned64} writes for {@code bits}, its length word included. */
    public int numericUnsigned64Bytes(long bits) {
        return 4 + 2 * PgNumericLayout.encodeUnsigned64(bits, numericScratch);
    }

    private void putOffHeap(long address, int length) throws SQLException {
        int done = 0;
        while (done < length) {
            if (position == chunk.length) {
                flush();
            }
            int n = Math.min(length - done, chunk.length - position);
            UnsafeApi.copyMemory(null, address + done, chunk, UnsafeApi.arrayBaseOffset(byte[].class) + position, n);
            position += n;
            done += n;
        }
    }

    // ------------------------------------------------------------------ raw puts

    private void putByte(byte v) throws SQLException {
        ensureRoom(1);
        chunk[position++] = v;
    }

    private void putShort(short v) throws SQLException {
        ensureRoom(2);
        SHORT.set(chunk, position, v);
        position += 2;
    }

    private void putInt(int v) throws SQLException {
        ensureRoom(4);
        INT.set(chunk, position, v);
        position += 4;
    }

    private void putBytes(byte[] bytes, int offset, int length) throws SQLException {
        int done = 0;
        while (done < length) {
            if (position == chunk.length) {
                flush();
            }
            int n = Math.min(length - done, chunk.length - position);
            System.arraycopy(bytes, offset + done, chunk, position, n);
            position += n;
            done += n;
        }
    }

    private void putUtf8(CharSequence s, int encodedLength) throws SQLException {
        if (position + encodedLength > chunk.length) {
            // too long for the rest of this chunk: encode once and copy across chunk boundaries
            byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
            putBytes(bytes, 0, bytes.length);
            return;
        }
        int p = position;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                chunk[p++] = (byte) c;
            } else if (c < 0x800) {
                chunk[p++] = (byte) (0xC0 | (c >> 6));
                chunk[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                chunk[p++] = (byte) (0xF0 | (cp >> 18));
                chunk[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                chunk[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                chunk[p++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                chunk[p++] = (byte) '?'; // an unpaired surrogate, encoded as String.getBytes does
            } else {
                chunk[p++] = (byte) (0xE0 | (c >> 12));
                chunk[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                chunk[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        position = p;
    }

    /** UTF-8 bytes of {@code s}, counting an unpaired surrogate as the one byte {@code '?'} it is replaced by. */
    static int utf8Length(CharSequence s) {
        long length = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                length += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                length += 1;
            } else {
                length += 3;
            }
        }
        if (length > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("a text of " + length + " UTF-8 bytes exceeds a field's limit");
        }
        return (int) length;
    }
}
