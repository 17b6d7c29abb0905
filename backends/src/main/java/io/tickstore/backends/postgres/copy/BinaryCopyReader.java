package io.tickstore.backends.postgres.copy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Decodes a PGCOPY binary stream ({@link PgCopyLayout}) from a {@link CopySource}, field by field, checking every
 * length against its type. Fixed-size reads allocate nothing; the arrays the source hands over are read in place
 * and only a field that spans two of them is gathered into a reusable scratch array.
 *
 * <p>Typical use: {@link #readHeader()}, then {@code while (nextRow() >= 0)} one {@code read...} per field (calling
 * {@link #nextIsNull()} first where a field may be NULL), then {@link #expectEnd()}. Errors name the row and
 * field. Not thread-safe.
 */
public final class BinaryCopyReader {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final byte[] EMPTY = new byte[0];

    private final CopySource source;
    private byte[] buffer = EMPTY;
    private int position;
    private int limit;
    private byte[] scratch = new byte[256];
    private final short[] numericFields = new short[4 + PgNumericLayout.MAX_U64_DIGITS];
    private long row = -1;
    private int field;
    private int fieldsInRow;
    private boolean ended;
    /** Where the array field being read ends: its elements must neither run past it nor stop short of it. */
    private int arrayEnd;

    public BinaryCopyReader(CopySource source) {
        this.source = source;
    }

    /** Rows started so far. */
    public long rowsRead() {
        return row + 1;
    }

    // ------------------------------------------------------------------ stream structure

    /** Reads and checks the signature, flags and header extension. */
    public void readHeader() throws SQLException {
        need(PgCopyLayout.HEADER_LENGTH, "the header");
        PgCopyLayout.checkSignature(buffer, position);
        int flags = (int) INT.get(buffer, position + PgCopyLayout.FLAGS_OFFSET);
        int extension = (int) INT.get(buffer, position + PgCopyLayout.EXTENSION_LENGTH_OFFSET);
        position += PgCopyLayout.HEADER_LENGTH;
        PgCopyLayout.checkFlags(flags);
        PgCopyLayout.checkExtensionLength(extension);
        skip(extension, "the header extension");
    }

    /**
     * Starts the next row and returns its field count, or -1 at the trailer. Throws when the previous row's fields
     * were not all read.
     */
    public int nextRow() throws SQLException {
        if (row >= 0 && field != fieldsInRow && !ended) {
            throw error("read " + field + " of its " + fieldsInRow + " fields before moving on");
        }
        need(PgCopyLayout.FIELD_COUNT_LENGTH, "a row's field count");
        short count = (short) SHORT.get(buffer, position);
        position += 2;
        if (count == PgCopyLayout.TRAILER) {
            ended = true;
            return -1;
        }
        if (count < 0) {
            throw new CopyFormatException("row " + (row + 1) + " has field count " + count);
        }
        row++;
        field = 0;
        fieldsInRow = count;
        return count;
    }

    /** Like {@link #nextRow()} but throws unless the row has exactly {@code expected} fields. */
    public boolean nextRow(int expected) throws SQLException {
        int count = nextRow();
        if (count >= 0 && count != expected) {
            throw new CopyFormatException("row " + row + " has " + count + " fields, expected " + expected);
        }
        return count >= 0;
    }

    /** Throws unless the trailer has been read and nothing follows it. */
    public void expectEnd() throws SQLException {
        if (!ended) {
            throw error("the stream has not reached its trailer");
        }
        if (position < limit) {
            throw new CopyFormatException((limit - position) + " bytes follow the trailer");
        }
        for (byte[] more = source.next(); more != null; more = source.next()) {
            if (more.length > 0) {
                throw new CopyFormatException(more.length + " bytes follow the trailer");
            }
        }
    }

    // ------------------------------------------------------------------ fields

    /** Whether the next field is NULL; if it is, it is consumed. */
    public boolean nextIsNull() throws SQLException {
        checkFieldAvailable();
        need(4, "a field length");
        if ((int) INT.get(buffer, position) == PgCopyLayout.NULL_LENGTH) {
            position += 4;
            field++;
            return true;
        }
        return false;
    }

    /** Skips the next field, NULL or not. */
    public void skipField() throws SQLException {
        checkFieldAvailable();
        need(4, "a field length");
        int length = (int) INT.get(buffer, position);
        position += 4;
        field++;
        if (length != PgCopyLayout.NULL_LENGTH) {
            if (length < 0) {
                throw error("has length " + length);
            }
            skip(length, "a field");
        }
    }

    public short readInt2() throws SQLException {
        fixed(2, "int2");
        short v = (short) SHORT.get(buffer, position);
        position += 2;
        return v;
    }

    public int readInt4() throws SQLException {
        fixed(4, "int4");
        int v = (int) INT.get(buffer, position);
        position += 4;
        return v;
    }

    public long readInt8() throws SQLException {
        fixed(8, "int8");
        long v = (long) LONG.get(buffer, position);
        position += 8;
        return v;
    }

    /** {@code float4} as raw IEEE bits (NaN payloads kept). */
    public int readFloat4Bits() throws SQLException {
        fixed(4, "float4");
        int v = (int) INT.get(buffer, position);
        position += 4;
        return v;
    }

    public float readFloat4() throws SQLException {
        return Float.intBitsToFloat(readFloat4Bits());
    }

    /** {@code float8} as raw IEEE bits. */
    public long readFloat8Bits() throws SQLException {
        fixed(8, "float8");
        long v = (long) LONG.get(buffer, position);
        position += 8;
        return v;
    }

    public double readFloat8() throws SQLException {
        return Double.longBitsToDouble(readFloat8Bits());
    }

    public boolean readBool() throws SQLException {
        fixed(1, "bool");
        byte v = buffer[position++];
        if (v != 0 && v != 1) {
            throw error("bool byte is " + v);
        }
        return v == 1;
    }

    public UUID readUuid() throws SQLException {
        fixed(16, "uuid");
        UUID v = new UUID((long) LONG.get(buffer, position), (long) LONG.get(buffer, position + 8));
        position += 16;
        return v;
    }

    /** {@code timestamptz} as microseconds since 2000-01-01 UTC. */
    public long readTimestamptzMicros() throws SQLException {
        fixed(8, "timestamptz");
        long v = (long) LONG.get(buffer, position);
        position += 8;
        return v;
    }

    public Instant readTimestamptz() throws SQLException {
        return PgTimestamps.toInstant(readTimestamptzMicros());
    }

    public String readText() throws SQLException {
        int length = variable("text");
        String v = new String(buffer, position, length, StandardCharsets.UTF_8);
        position += length;
        return v;
    }

    /** {@code jsonb}: checks the version byte and returns the JSON text. */
    public String readJsonb() throws SQLException {
        int length = variable("jsonb");
        if (length < 1 || buffer[position] != 1) {
            throw error(length < 1 ? "jsonb field is empty" : "jsonb version byte is " + buffer[position] + ", expected 1");
        }
        String v = new String(buffer, position + 1, length - 1, StandardCharsets.UTF_8);
        position += length;
        return v;
    }

    public byte[] readBytea() throws SQLException {
        int length = variable("bytea");
        byte[] v = new byte[length];
        System.arraycopy(buffer, position, v, 0, length);
        position += length;
        return v;
    }

    public BigDecimal readNumeric() throws SQLException {
        int length = variable("numeric");
        short[] fields = numericFields(length);
        return PgNumericLayout.decode(fields);
    }

    /** {@code numeric} holding an integer in [0, 2^64), returned as its bits; allocates nothing. */
    public long readNumericUnsigned64() throws SQLException {
        return unsigned64(variable("numeric"));
    }

    /** The {@code length} bytes of a numeric at the position, holding an integer in [0, 2^64), as its bits. */
    private long unsigned64(int length) {
        if (length > 2 * numericFields.length) {
            throw error("numeric of " + length + " bytes is too long for an unsigned 64-bit integer");
        }
        short[] fields = numericFields(length);
        try {
            return PgNumericLayout.decodeUnsigned64(fields);
        } catch (CopyFormatException e) {
            throw error(e.getMessage());
        }
    }

    private short[] numericFields(int length) {
        if (length < PgNumericLayout.HEADER_LENGTH || (length & 1) != 0) {
            throw error("numeric field of " + length + " bytes is malformed");
        }
        int n = length / 2;
        short ndigits = (short) SHORT.get(buffer, position);
        if (ndigits != n - 4) {
            throw error("numeric says " + ndigits + " digits in " + length + " bytes");
        }
        short[] fields = n <= numericFields.length ? numericFields : new short[n];
        for (int i = 0; i < n; i++) {
            fields[i] = (short) SHORT.get(buffer, position + 2 * i);
        }
        position += length;
        return fields;
    }

    public short[] readInt2Array() throws SQLException {
        int n = arrayHeader(PgOid.INT2, "int2[]");
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            out[i] = element(2, "int2[]") ? (short) SHORT.get(buffer, advance(2)) : 0;
        }
        return endArray(out, "int2[]");
    }

    public int[] readInt4Array() throws SQLException {
        int n = arrayHeader(PgOid.INT4, "int4[]");
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = element(4, "int4[]") ? (int) INT.get(buffer, advance(4)) : 0;
        }
        return endArray(out, "int4[]");
    }

    public long[] readInt8Array() throws SQLException {
        int n = arrayHeader(PgOid.INT8, "int8[]");
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = element(8, "int8[]") ? (long) LONG.get(buffer, advance(8)) : 0;
        }
        return endArray(out, "int8[]");
    }

    public float[] readFloat4Array() throws SQLException {
        int n = arrayHeader(PgOid.FLOAT4, "float4[]");
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = element(4, "float4[]") ? Float.intBitsToFloat((int) INT.get(buffer, advance(4))) : 0f;
        }
        return endArray(out, "float4[]");
    }

    public double[] readFloat8Array() throws SQLException {
        int n = arrayHeader(PgOid.FLOAT8, "float8[]");
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = element(8, "float8[]") ? Double.longBitsToDouble((long) LONG.get(buffer, advance(8))) : 0.0;
        }
        return endArray(out, "float8[]");
    }

    public boolean[] readBoolArray() throws SQLException {
        int n = arrayHeader(PgOid.BOOL, "bool[]");
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            out[i] = element(1, "bool[]") && buffer[advance(1)] == 1;
        }
        return endArray(out, "bool[]");
    }

    /** {@code text[]}; NULL elements come back as null. */
    public List<String> readTextArray() throws SQLException {
        int n = arrayHeader(PgOid.TEXT, "text[]");
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (arrayEnd - position < 4) {
                throw error("text[] ends inside an element");
            }
            int length = (int) INT.get(buffer, position);
            position += 4;
            if (length == PgCopyLayout.NULL_LENGTH) {
                out.add(null);
            } else {
                if (length < 0 || length > arrayEnd - position) {
                    throw error("text[] element " + i + " has length " + length + ", but " + (arrayEnd - position) + " bytes of its field remain");
                }
                out.add(new String(buffer, position, length, StandardCharsets.UTF_8));
                position += length;
            }
        }
        return endArray(out, "text[]");
    }

    /** Receives a field's bytes where they are, without a copy: valid during the call only. */
    @FunctionalInterface
    public interface BytesSink {
        void accept(byte[] bytes, int offset, int length);
    }

    /** A {@code text} (or {@code varchar}) field's UTF-8 bytes, handed to {@code sink} where they are; allocates nothing. */
    public void readTextBytes(BytesSink sink) throws SQLException {
        int length = variable("text");
        sink.accept(buffer, position, length);
        position += length;
    }

    /**
     * Starts reading an array field that must have exactly {@code shape} (lower bounds 1, no NULL) and elements of type
     * {@code oid}; the elements then follow through {@link #readArrayElement(int)}, and {@link #endArrayField()} checks
     * that they used the field up.
     */
    public void readArrayHeader(int[] shape, int oid, String type) throws SQLException {
        int length = variable(type);
        arrayEnd = position + length;
        if (length < PgArrayLayout.HEADER_LENGTH + PgArrayLayout.DIMENSION_LENGTH * shape.length) {
            throw error(type + " field of " + length + " bytes is shorter than the header of a " + shape.length + "-dimensional array");
        }
        int ndim = (int) INT.get(buffer, position);
        int hasNulls = (int) INT.get(buffer, position + 4);
        int elementOid = (int) INT.get(buffer, position + 8);
        if (ndim != shape.length || elementOid != oid) {
            throw error(type + " has " + ndim + " dimensions of type oid " + elementOid + ", expected " + shape.length + " of " + oid);
        }
        if (hasNulls != 0 && hasNulls != 1) {
            throw error(type + " has-nulls flag is " + hasNulls + ", not 0 or 1");
        }
        position += PgArrayLayout.HEADER_LENGTH;
        for (int d = 0; d < shape.length; d++) {
            int n = (int) INT.get(buffer, position);
            int lower = (int) INT.get(buffer, position + 4);
            if (n != shape[d] || lower != PgArrayLayout.LOWER_BOUND) {
                throw error(type + " dimension " + (d + 1) + " is [" + lower + ":" + (lower + n - 1) + "], expected [1:" + shape[d] + "]");
            }
            position += PgArrayLayout.DIMENSION_LENGTH;
        }
    }

    /**
     * The next element of the array being read: its length (a NULL is refused, as no column holds one); its {@code length}
     * bytes are then at the reader's position, read with {@link #elementBits(int)} or {@link #elementNumericUnsigned64(int)}.
     */
    public int readArrayElement(String type) {
        if (arrayEnd - position < 4) {
            throw error(type + " ends inside an element");
        }
        int length = (int) INT.get(buffer, position);
        position += 4;
        if (length == PgCopyLayout.NULL_LENGTH) {
            throw error(type + " holds a NULL element");
        }
        if (length < 0 || length > arrayEnd - position) {
            throw error(type + " element has length " + length + ", but " + (arrayEnd - position) + " bytes of its field remain");
        }
        return length;
    }

    /** A fixed-width element's big-endian bits ({@code width} 1, 2, 4 or 8), after {@link #readArrayElement}. */
    public long elementBits(int width, int length, String type) {
        if (length != width) {
            throw error(type + " element has length " + length + ", expected " + width);
        }
        long v;
        switch (width) {
            case 1: v = buffer[position]; break;
            case 2: v = (short) SHORT.get(buffer, position); break;
            case 4: v = (int) INT.get(buffer, position); break;
            default: v = (long) LONG.get(buffer, position); break;
        }
        position += width;
        return v;
    }

    /** A {@code numeric} element holding an integer in [0, 2^64), as its bits, after {@link #readArrayElement}. */
    public long elementNumericUnsigned64(int length) {
        return unsigned64(length);
    }

    /** Checks that the array being read has no bytes left after its elements. */
    public void endArrayField(String type) {
        endArray(null, type);
    }

    /**
     * Reads an array field's header and returns its element count; the elements follow in the buffer, which holds
     * the whole field, up to {@link #arrayEnd}.
     */
    private int arrayHeader(int oid, String type) throws SQLException {
        int length = variable(type);
        arrayEnd = position + length;
        if (length < PgArrayLayout.HEADER_LENGTH) {
            throw error(type + " field of " + length + " bytes is shorter than an array header");
        }
        int ndim = (int) INT.get(buffer, position);
        int hasNulls = (int) INT.get(buffer, position + 4);
        int elementOid = (int) INT.get(buffer, position + 8);
        try {
            PgArrayLayout.checkHeader(ndim, hasNulls, elementOid, oid);
        } catch (CopyFormatException e) {
            throw error(e.getMessage());
        }
        position += PgArrayLayout.HEADER_LENGTH;
        if (ndim == 0) {
            if (position != arrayEnd) {
                throw error("empty " + type + " is followed by " + (arrayEnd - position) + " bytes");
            }
            return 0;
        }
        if (length < PgArrayLayout.HEADER_LENGTH + PgArrayLayout.DIMENSION_LENGTH) {
            throw error(type + " field of " + length + " bytes is shorter than its dimension");
        }
        int n = (int) INT.get(buffer, position);
        PgArrayLayout.checkDimension(n);
        position += PgArrayLayout.DIMENSION_LENGTH;
        // every element takes at least its length word: a larger count is damage, not an array to allocate
        if (n > (arrayEnd - position) / 4) {
            throw error(type + " claims " + n + " elements but its field holds " + (arrayEnd - position) + " bytes of them");
        }
        return n;
    }

    /** Reads an element's length: false for NULL (which the primitive arrays report as 0). */
    private boolean element(int width, String type) {
        if (arrayEnd - position < 4) {
            throw error(type + " ends inside an element");
        }
        int length = (int) INT.get(buffer, position);
        position += 4;
        if (length == PgCopyLayout.NULL_LENGTH) {
            return false;
        }
        if (length != width) {
            throw error(type + " element has length " + length + ", expected " + width);
        }
        if (arrayEnd - position < width) {
            throw error(type + " ends inside an element");
        }
        return true;
    }

    /** Returns {@code values} once the array's elements have used up its field exactly. */
    private <T> T endArray(T values, String type) {
        if (position != arrayEnd) {
            throw error(type + " field holds " + (arrayEnd - position) + " bytes after its elements");
        }
        return values;
    }

    private int advance(int width) {
        int at = position;
        position += width;
        return at;
    }

    // ------------------------------------------------------------------ buffer management

    private void fixed(int width, String type) throws SQLException {
        int length = variable(type);
        if (length != width) {
            throw error(type + " field has " + length + " bytes, expected " + width);
        }
    }

    /** Reads a non-NULL field's length and makes sure its bytes are in the buffer. */
    private int variable(String type) throws SQLException {
        checkFieldAvailable();
        need(4, "a field length");
        int length = (int) INT.get(buffer, position);
        position += 4;
        field++;
        if (length == PgCopyLayout.NULL_LENGTH) {
            throw error("is NULL where a " + type + " value was expected");
        }
        if (length < 0) {
            throw error("has length " + length);
        }
        need(length, "a " + type + " field");
        return length;
    }

    private void checkFieldAvailable() {
        if (ended || row < 0 || field >= fieldsInRow) {
            throw error(ended ? "the stream has ended" : row < 0 ? "no row has been started" : "the row has only " + fieldsInRow + " fields");
        }
    }

    /** Makes {@code n} bytes available at {@code position}, pulling arrays from the source as needed. */
    private void need(int n, String what) throws SQLException {
        if (limit - position >= n) {
            return;
        }
        if (position == limit) {
            // nothing left over: read the next array in place
            byte[] next = pull(what);
            buffer = next;
            position = 0;
            limit = next.length;
            if (limit >= n) {
                return;
            }
        }
        int have = limit - position;
        if (scratch.length < n) {
            scratch = new byte[Math.max(n, scratch.length * 2)];
        }
        System.arraycopy(buffer, position, scratch, 0, have);
        while (have < n) {
            byte[] next = pull(what);
            if (scratch.length < have + next.length) {
                byte[] bigger = new byte[Math.max(have + next.length, scratch.length * 2)];
                System.arraycopy(scratch, 0, bigger, 0, have);
                scratch = bigger;
            }
            System.arraycopy(next, 0, scratch, have, next.length);
            have += next.length;
        }
        buffer = scratch;
        position = 0;
        limit = have;
    }

    private byte[] pull(String what) throws SQLException {
        byte[] next;
        do {
            next = source.next();
            if (next == null) {
                throw new CopyFormatException("the PGCOPY stream ends inside " + what + (row >= 0 ? " (row " + row + ", field " + field + ")" : ""));
            }
        } while (next.length == 0);
        return next;
    }

    private void skip(int length, String what) throws SQLException {
        int remaining = length;
        while (remaining > 0) {
            if (position == limit) {
                byte[] next = pull(what);
                buffer = next;
                position = 0;
                limit = next.length;
            }
            int n = Math.min(remaining, limit - position);
            position += n;
            remaining -= n;
        }
    }

    private CopyFormatException error(String detail) {
        return new CopyFormatException("row " + row + ", field " + Math.max(field - 1, 0) + ": " + detail);
    }
}
