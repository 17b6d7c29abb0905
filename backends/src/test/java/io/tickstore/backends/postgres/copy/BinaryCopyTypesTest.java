package io.tickstore.backends.postgres.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.backends.testing.PostgresTestServer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;

/**
 * Every encoder of {@link BinaryCopyWriter} against the real server: values are COPYed in binary into a temporary
 * column of the type, the server prints them ({@code ::text}) as expected, and a binary COPY out decodes to the
 * values written. A tiny chunk makes every value cross chunk boundaries on the way in.
 */
class BinaryCopyTypesTest {
    private static Connection connection;
    private static CopyManager copy;

    @BeforeAll
    static void connect() throws SQLException {
        PostgresTestServer.assumeAvailable();
        connection = PostgresTestServer.connect();
        copy = connection.unwrap(PGConnection.class).getCopyAPI();
        try (Statement st = connection.createStatement()) {
            st.execute("SET TIME ZONE 'UTC'");
            st.execute("SET extra_float_digits = 1");
        }
    }

    @AfterAll
    static void disconnect() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }

    @FunctionalInterface
    interface Encode<T> {
        void write(BinaryCopyWriter writer, T value) throws SQLException;
    }

    @FunctionalInterface
    interface Decode<T> {
        T read(BinaryCopyReader reader) throws SQLException;
    }

    /** Writes {@code values} (null for SQL NULL) into a column of {@code sqlType}; returns what the server prints and what decodes. */
    private static <T> List<Object> roundTrip(String sqlType, List<T> values, List<String> serverText, Encode<T> encode, Decode<T> decode)
            throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("DROP TABLE IF EXISTS pg_temp.round_trip");
            st.execute("CREATE TEMP TABLE round_trip (n int4, v " + sqlType + ")");
        }
        CopyIn in = copy.copyIn("COPY pg_temp.round_trip (n, v) FROM STDIN (FORMAT binary)");
        BinaryCopyWriter writer = new BinaryCopyWriter(in::writeToCopy, BinaryCopyWriter.MIN_CHUNK_BYTES);
        writer.writeHeader();
        for (int i = 0; i < values.size(); i++) {
            writer.startRow(2);
            writer.writeInt4(i);
            if (values.get(i) == null) {
                writer.writeNull();
            } else {
                encode.write(writer, values.get(i));
            }
        }
        writer.finish();
        assertEquals(values.size(), in.endCopy());

        List<String> printed = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT v::text FROM pg_temp.round_trip ORDER BY n")) {
            while (rs.next()) {
                printed.add(rs.getString(1));
            }
        }
        assertEquals(serverText, printed, "what the server stored, as it prints it");

        CopyOut out = copy.copyOut("COPY (SELECT n, v FROM pg_temp.round_trip ORDER BY n) TO STDOUT (FORMAT binary)");
        BinaryCopyReader reader = new BinaryCopyReader(out::readFromCopy);
        reader.readHeader();
        List<Object> decoded = new ArrayList<>();
        while (reader.nextRow(2)) {
            assertEquals(decoded.size(), reader.readInt4());
            decoded.add(reader.nextIsNull() ? null : decode.read(reader));
        }
        reader.expectEnd();
        return decoded;
    }

    private static <T> void assertRoundTrip(String sqlType, List<T> values, List<String> serverText, Encode<T> encode, Decode<T> decode)
            throws SQLException {
        assertEquals(values, roundTrip(sqlType, values, serverText, encode, decode));
    }

    private static List<String> texts(String... texts) {
        return Arrays.asList(texts);
    }

    @Test
    void int2() throws SQLException {
        assertRoundTrip("int2", Arrays.asList((short) 0, Short.MIN_VALUE, Short.MAX_VALUE, null, (short) -1), texts("0", "-32768", "32767", null, "-1"),
                BinaryCopyWriter::writeInt2, BinaryCopyReader::readInt2);
    }

    @Test
    void int4() throws SQLException {
        assertRoundTrip("int4", Arrays.asList(0, Integer.MIN_VALUE, Integer.MAX_VALUE, null), texts("0", "-2147483648", "2147483647", null),
                BinaryCopyWriter::writeInt4, BinaryCopyReader::readInt4);
    }

    @Test
    void int8() throws SQLException {
        assertRoundTrip("int8", Arrays.asList(0L, Long.MIN_VALUE, Long.MAX_VALUE, null), texts("0", "-9223372036854775808", "9223372036854775807", null),
                BinaryCopyWriter::writeInt8, BinaryCopyReader::readInt8);
    }

    @Test
    void float4KeepsEveryBitIncludingNanPayloadsAndNegativeZero() throws SQLException {
        List<Integer> bits = Arrays.asList(Float.floatToRawIntBits(1.5f), Float.floatToRawIntBits(-0.0f), 0x7fc0_0001,
                Float.floatToRawIntBits(Float.NEGATIVE_INFINITY), Float.floatToRawIntBits(Float.MIN_VALUE), null);
        assertRoundTrip("float4", bits, texts("1.5", "-0", "NaN", "-Infinity", "1e-45", null), BinaryCopyWriter::writeFloat4Bits,
                BinaryCopyReader::readFloat4Bits);
    }

    @Test
    void float8KeepsEveryBit() throws SQLException {
        List<Long> bits = Arrays.asList(Double.doubleToRawLongBits(0.1), Double.doubleToRawLongBits(-0.0), 0x7ff8_0000_0000_0abcL,
                Double.doubleToRawLongBits(Double.MAX_VALUE), null);
        assertRoundTrip("float8", bits, texts("0.1", "-0", "NaN", "1.7976931348623157e+308", null), BinaryCopyWriter::writeFloat8Bits,
                BinaryCopyReader::readFloat8Bits);
    }

    @Test
    void bool() throws SQLException {
        assertRoundTrip("bool", Arrays.asList(true, false, null), texts("true", "false", null), BinaryCopyWriter::writeBool, BinaryCopyReader::readBool);
    }

    @Test
    void uuid() throws SQLException {
        UUID a = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        UUID b = new UUID(-1L, 0L);
        assertRoundTrip("uuid", Arrays.asList(a, b, null), texts(a.toString(), "ffffffff-ffff-ffff-0000-000000000000", null),
                BinaryCopyWriter::writeUuid, BinaryCopyReader::readUuid);
    }

    @Test
    void textInUtf8IncludingValuesLongerThanAChunk() throws SQLException {
        String longText = "ünïcødé ".repeat(40);
        List<String> values = Arrays.asList("", "plain", "tab\tnew\nline \\ quote'\"", "é ✓ 𝄞 中文", longText, null);
        assertRoundTrip("text", values, values, BinaryCopyWriter::writeText, BinaryCopyReader::readText);
    }

    @Test
    void varchar() throws SQLException {
        List<String> values = Arrays.asList("short", "ünï", null);
        assertRoundTrip("varchar(10)", values, values, BinaryCopyWriter::writeText, BinaryCopyReader::readText);
    }

    @Test
    void bytea() throws SQLException {
        byte[] big = new byte[300];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        List<byte[]> values = Arrays.asList(new byte[0], new byte[] {0, -1, 127, -128}, big, null);
        List<Object> back = roundTrip("bytea", values, texts("\\x", "\\x00ff7f80", "\\x" + hex(big), null), BinaryCopyWriter::writeBytea,
                BinaryCopyReader::readBytea);
        for (int i = 0; i < values.size(); i++) {
            assertTrue(Arrays.equals(values.get(i), (byte[]) back.get(i)), "value " + i);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (byte x : bytes) {
            b.append(String.format("%02x", x));
        }
        return b.toString();
    }

    @Test
    void jsonbIsCheckedAndNormalisedByTheServer() throws SQLException {
        List<String> written = Arrays.asList("{\"b\":1,\"a\":[true,null,\"✓\"]}", "42", "\"text\"", null);
        List<String> normalised = texts("{\"a\": [true, null, \"✓\"], \"b\": 1}", "42", "\"text\"", null);
        assertEquals(normalised, roundTrip("jsonb", written, normalised, BinaryCopyWriter::writeJsonb, BinaryCopyReader::readJsonb));
    }

    @Test
    void timestamptzInMicroseconds() throws SQLException {
        List<Instant> values = Arrays.asList(Instant.parse("2024-03-01T12:34:56.123456Z"), Instant.parse("1999-12-31T23:59:59.999999Z"),
                Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("1970-01-01T00:00:00Z"), null);
        assertRoundTrip("timestamptz", values,
                texts("2024-03-01 12:34:56.123456+00", "1999-12-31 23:59:59.999999+00", "2000-01-01 00:00:00+00", "1970-01-01 00:00:00+00", null),
                BinaryCopyWriter::writeTimestamptz, BinaryCopyReader::readTimestamptz);
    }

    @Test
    void numericOfAnyPrecisionAndScale() throws SQLException {
        List<BigDecimal> values = Arrays.asList(new BigDecimal("0"), new BigDecimal("-1.5"), new BigDecimal("12345678901234567890.0001"),
                new BigDecimal("0.00001"), new BigDecimal("10000"), new BigDecimal("-0.10"), new BigDecimal("99999999.99990000"), null);
        assertRoundTrip("numeric", values,
                texts("0", "-1.5", "12345678901234567890.0001", "0.00001", "10000", "-0.10", "99999999.99990000", null),
                BinaryCopyWriter::writeNumeric, BinaryCopyReader::readNumeric);
    }

    @Test
    void numericWithANegativeScaleArrivesAsItsValue() throws SQLException {
        List<Object> back = roundTrip("numeric", List.of(new BigDecimal("1E+5")), texts("100000"), BinaryCopyWriter::writeNumeric,
                BinaryCopyReader::readNumeric);
        assertEquals(new BigDecimal("100000"), back.get(0));
    }

    @Test
    void numericHoldingUnsigned64BitIntegers() throws SQLException {
        List<Long> bits = Arrays.asList(0L, 1L, 10_000L, 100_000_000L, Long.MIN_VALUE, -1L, null);
        assertRoundTrip("numeric(20,0)", bits,
                texts("0", "1", "10000", "100000000", "9223372036854775808", "18446744073709551615", null),
                BinaryCopyWriter::writeNumericUnsigned64, BinaryCopyReader::readNumericUnsigned64);
    }

    @Test
    void int2Array() throws SQLException {
        List<Object> back = roundTrip("int2[]", Arrays.asList(new short[] {1, -2, 3}, new short[0]), texts("{1,-2,3}", "{}"),
                BinaryCopyWriter::writeInt2Array, BinaryCopyReader::readInt2Array);
        assertTrue(Arrays.equals(new short[] {1, -2, 3}, (short[]) back.get(0)));
        assertEquals(0, ((short[]) back.get(1)).length);
    }

    @Test
    void int4Array() throws SQLException {
        int[] values = {Integer.MIN_VALUE, 0, Integer.MAX_VALUE};
        List<Object> back = roundTrip("int4[]", List.of(values), texts("{-2147483648,0,2147483647}"), BinaryCopyWriter::writeInt4Array,
                BinaryCopyReader::readInt4Array);
        assertTrue(Arrays.equals(values, (int[]) back.get(0)));
    }

    @Test
    void int8Array() throws SQLException {
        long[] values = {Long.MIN_VALUE, 7};
        List<Object> back = roundTrip("int8[]", List.of(values), texts("{-9223372036854775808,7}"), BinaryCopyWriter::writeInt8Array,
                BinaryCopyReader::readInt8Array);
        assertTrue(Arrays.equals(values, (long[]) back.get(0)));
    }

    @Test
    void float4Array() throws SQLException {
        float[] values = {1.5f, -0.0f, Float.POSITIVE_INFINITY};
        List<Object> back = roundTrip("float4[]", List.of(values), texts("{1.5,-0,Infinity}"), BinaryCopyWriter::writeFloat4Array,
                BinaryCopyReader::readFloat4Array);
        assertTrue(Arrays.equals(values, (float[]) back.get(0)));
    }

    @Test
    void float8Array() throws SQLException {
        double[] values = {0.25, -1e300};
        List<Object> back = roundTrip("float8[]", List.of(values), texts("{0.25,-1e+300}"), BinaryCopyWriter::writeFloat8Array,
                BinaryCopyReader::readFloat8Array);
        assertTrue(Arrays.equals(values, (double[]) back.get(0)));
    }

    @Test
    void boolArray() throws SQLException {
        boolean[] values = {true, false, true};
        List<Object> back = roundTrip("bool[]", List.of(values), texts("{t,f,t}"), BinaryCopyWriter::writeBoolArray, BinaryCopyReader::readBoolArray);
        assertTrue(Arrays.equals(values, (boolean[]) back.get(0)));
    }

    @Test
    void textArrayWithNullElements() throws SQLException {
        List<List<String>> values = Arrays.asList(Arrays.asList("a", null, "b c", "✓"), List.of(), null);
        assertRoundTrip("text[]", values, texts("{a,NULL,\"b c\",✓}", "{}", null), BinaryCopyWriter::writeTextArray,
                BinaryCopyReader::readTextArray);
    }

    @Test
    void theHeaderTheServerWritesIsTheLayoutsSignature() throws SQLException {
        CopyOut out = copy.copyOut("COPY (SELECT 1) TO STDOUT (FORMAT binary)");
        byte[] first = out.readFromCopy();
        while (out.readFromCopy() != null) {
            // drain the stream
        }
        PgCopyLayout.checkSignature(first, 0);
        assertEquals("PGCOPY\n", new String(first, 0, 7, StandardCharsets.ISO_8859_1));
    }
}
