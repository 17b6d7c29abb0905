package io.tickstore.backends.postgres.copy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** numeric's base-10000 digits: canonical encoding, exact decoding, and the allocation-free u64 path. */
class PgNumericLayoutTest {
    @ParameterizedTest
    @ValueSource(strings = {"0", "0.000", "1", "-1", "9999", "10000", "123456789.000100", "-0.0001", "0.00001", "1E+12", "18446744073709551615"})
    void decodingAnEncodingGivesTheValueWithItsScale(String text) {
        BigDecimal value = new BigDecimal(text);
        BigDecimal back = PgNumericLayout.decode(PgNumericLayout.encode(value));
        assertEquals(0, value.compareTo(back));
        assertEquals(Math.max(value.scale(), 0), back.scale());
    }

    @Test
    void theEncodingIsCanonical() {
        assertArrayEquals(new short[] {1, 1, 0, 0, 1}, PgNumericLayout.encode(new BigDecimal("10000")));
        assertArrayEquals(new short[] {2, 0, 0x4000, 2, 12, 5000}, PgNumericLayout.encode(new BigDecimal("-12.50")));
        assertArrayEquals(new short[] {0, 0, 0, 3}, PgNumericLayout.encode(new BigDecimal("0.000")));
        assertArrayEquals(new short[] {1, -2, 0, 5, 1000}, PgNumericLayout.encode(new BigDecimal("0.00001")));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 9_999, 10_000, 100_000_000, Long.MAX_VALUE, Long.MIN_VALUE, -1})
    void anUnsignedLongEncodesAsItsBigDecimalDoes(long bits) {
        short[] fields = new short[9];
        int n = PgNumericLayout.encodeUnsigned64(bits, fields);
        assertArrayEquals(PgNumericLayout.encode(new BigDecimal(Long.toUnsignedString(bits))), Arrays.copyOf(fields, n));
        assertEquals(bits, PgNumericLayout.decodeUnsigned64(fields));
    }

    @Test
    void valuesThatAreNotUnsignedLongsAreRefused() {
        assertThrows(CopyFormatException.class, () -> PgNumericLayout.decodeUnsigned64(PgNumericLayout.encode(new BigDecimal("-1"))));
        assertThrows(CopyFormatException.class, () -> PgNumericLayout.decodeUnsigned64(PgNumericLayout.encode(new BigDecimal("1.5"))));
        assertThrows(CopyFormatException.class,
                () -> PgNumericLayout.decodeUnsigned64(PgNumericLayout.encode(new BigDecimal("18446744073709551616"))));
        assertThrows(CopyFormatException.class, () -> PgNumericLayout.decodeUnsigned64(new short[] {1, 0, 0, 0, 10_000}));
        assertThrows(CopyFormatException.class, () -> PgNumericLayout.decode(new short[] {0, 0, (short) 0xC000, 0}));
    }
}
