package io.tickstore.columns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DefaultValueTest {

    @Test
    void integerDefaultsAreCheckedAgainstTheirTypesRange() {
        assertRange(ColumnType.I8, -128, 127);
        assertRange(ColumnType.U8, 0, 255);
        assertRange(ColumnType.I16, Short.MIN_VALUE, Short.MAX_VALUE);
        assertRange(ColumnType.U16, 0, 65535);
        assertRange(ColumnType.I32, Integer.MIN_VALUE, Integer.MAX_VALUE);
        assertRange(ColumnType.U32, 0, 0xFFFF_FFFFL);
        assertRange(ColumnType.BOOL, 0, 1);
    }

    private static void assertRange(ColumnType type, long min, long max) {
        assertEquals(min, DefaultValue.ofInteger(type, min).bits());
        assertEquals(max, DefaultValue.ofInteger(type, max).bits());
        assertEquals(min, DefaultValue.parse(type, Long.toString(min)).bits());
        assertEquals(max, DefaultValue.parse(type, Long.toString(max)).bits());
        IllegalArgumentException below = assertThrows(IllegalArgumentException.class, () -> DefaultValue.ofInteger(type, min - 1));
        assertTrue(below.getMessage().contains(type.typeName()), below.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DefaultValue.ofInteger(type, max + 1));
        if (type != ColumnType.BOOL) {
            assertThrows(IllegalArgumentException.class, () -> DefaultValue.parse(type, Long.toString(min - 1)));
            assertThrows(IllegalArgumentException.class, () -> DefaultValue.parse(type, Long.toString(max + 1)));
        }
    }

    @Test
    void u8Of300AndI8OfMinus129AreRejectedNamingValueAndType() {
        IllegalArgumentException u8 = assertThrows(IllegalArgumentException.class, () -> DefaultValue.parse(ColumnType.U8, "300"));
        assertTrue(u8.getMessage().contains("300") && u8.getMessage().contains("u8"), u8.getMessage());
        IllegalArgumentException i8 = assertThrows(IllegalArgumentException.class, () -> DefaultValue.ofInteger(ColumnType.I8, -129));
        assertTrue(i8.getMessage().contains("-129") && i8.getMessage().contains("i8"), i8.getMessage());
    }

    @Test
    void i64TakesItsWholeRange() {
        assertEquals(Long.MIN_VALUE, DefaultValue.ofInteger(ColumnType.I64, Long.MIN_VALUE).bits());
        assertEquals(Long.MAX_VALUE, DefaultValue.parse(ColumnType.I64, "9223372036854775807").bits());
        assertThrows(IllegalArgumentException.class, () -> DefaultValue.parse(ColumnType.I64, "9223372036854775808"));
    }

    /** u64 values above Long.MAX_VALUE only exist as text (or raw bits); they are stored as negative longs. */
    @Test
    void u64MaxIsAcceptedThroughParseAndKeptAsAllOnes() {
        DefaultValue max = DefaultValue.parse(ColumnType.U64, "18446744073709551615");
        assertEquals(-1L, max.bits());
        assertEquals("18446744073709551615", max.toString());
        assertThrows(IllegalArgumentException.class, () -> DefaultValue.parse(ColumnType.U64, "18446744073709551616"));
        assertThrows(IllegalArgumentException.class, () -> DefaultValue.parse(ColumnType.U64, "-1"));
        assertThrows(IllegalArgumentException.class, () -> DefaultValue.ofInteger(ColumnType.U64, -1));
        assertEquals(Long.MAX_VALUE, DefaultValue.ofInteger(ColumnType.U64, Long.MAX_VALUE).bits());
    }

    @Test
    void textThatIsNotANumberIsRejectedNamingTheType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DefaultValue.parse(ColumnType.I32, "1.5"));
        assertTrue(e.getMessage().contains("'1.5'") && e.getMessage().contains("i32"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DefaultValue.parse(ColumnType.F32, "fast"));
        assertThrows(IllegalArgumentException.class, () -> DefaultValue.parse(ColumnType.BOOL, "yes"));
    }

    @Test
    void boolAcceptsWordsAndDigits() {
        assertEquals(1, DefaultValue.parse(ColumnType.BOOL, "true").bits());
        assertEquals(1, DefaultValue.parse(ColumnType.BOOL, " TRUE ").bits());
        assertEquals(1, DefaultValue.parse(ColumnType.BOOL, "1").bits());
        assertEquals(0, DefaultValue.parse(ColumnType.BOOL, "false").bits());
        assertEquals(0, DefaultValue.parse(ColumnType.BOOL, "0").bits());
    }

    @Test
    void floatDefaultsKeepTheirStoredBits() {
        assertEquals(Float.floatToRawIntBits(1.5f) & 0xFFFF_FFFFL, DefaultValue.ofFloat(ColumnType.F32, 1.5).bits());
        assertEquals(Float.floatToRawIntBits(-2.25f) & 0xFFFF_FFFFL, DefaultValue.parse(ColumnType.F32, "-2.25").bits(),
                "f32 bits are zero-extended, never sign-extended");
        assertEquals(Double.doubleToRawLongBits(0.1), DefaultValue.ofFloat(ColumnType.F64, 0.1).bits());
        assertEquals(Double.doubleToRawLongBits(3.0), DefaultValue.ofInteger(ColumnType.F64, 3).bits());
        assertEquals(Float.floatToRawIntBits(16_777_216f) & 0xFFFF_FFFFL, DefaultValue.ofInteger(ColumnType.F32, 16_777_216).bits());
        assertThrows(IllegalArgumentException.class, () -> DefaultValue.ofFloat(ColumnType.I32, 1.0));
    }

    @Test
    void negativeZeroIsNotZero() {
        DefaultValue f32 = DefaultValue.parse(ColumnType.F32, "-0.0");
        assertEquals(0x8000_0000L, f32.bits());
        assertFalse(f32.isZero(), "-0.0 must be written explicitly, it is not all-zero bytes");
        assertEquals(Long.MIN_VALUE, DefaultValue.ofFloat(ColumnType.F64, -0.0).bits());
        assertEquals("-0.0", f32.toString());
        assertNotEquals(DefaultValue.zero(ColumnType.F32), f32);
    }

    @Test
    void nanBitsArePreserved() {
        long quietF64 = Double.doubleToRawLongBits(Double.NaN);
        assertEquals(quietF64, DefaultValue.parse(ColumnType.F64, "NaN").bits());
        assertEquals(Float.floatToRawIntBits(Float.NaN) & 0xFFFF_FFFFL, DefaultValue.parse(ColumnType.F32, "NaN").bits());
        long payload = 0x7FF0_0000_0000_0ABCL;
        assertEquals(payload, DefaultValue.ofBits(ColumnType.F64, payload).bits(), "raw bits are kept as given");
        assertEquals(quietF64, DefaultValue.ofFloat(ColumnType.F64, Double.NaN).bits());
    }

    @Test
    void finiteFloatsTooLargeForTheirTypeAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> DefaultValue.ofFloat(ColumnType.F32, 1e39));
        assertThrows(IllegalArgumentException.class, () -> DefaultValue.parse(ColumnType.F32, "1e39"));
        assertThrows(IllegalArgumentException.class, () -> DefaultValue.parse(ColumnType.F64, "1e309"));
        assertEquals(Float.floatToRawIntBits(Float.POSITIVE_INFINITY) & 0xFFFF_FFFFL,
                DefaultValue.parse(ColumnType.F32, "Infinity").bits(), "an explicit infinity is a valid default");
        assertEquals(Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY), DefaultValue.ofFloat(ColumnType.F64, Double.NEGATIVE_INFINITY).bits());
        assertEquals(Float.floatToRawIntBits(Float.MAX_VALUE) & 0xFFFF_FFFFL, DefaultValue.ofFloat(ColumnType.F32, Float.MAX_VALUE).bits());
    }

    @Test
    void integersThatAFloatTypeCannotHoldExactlyAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> DefaultValue.ofInteger(ColumnType.F32, 16_777_217));
        assertThrows(IllegalArgumentException.class, () -> DefaultValue.ofInteger(ColumnType.F64, (1L << 53) + 1));
        assertThrows(IllegalArgumentException.class, () -> DefaultValue.ofInteger(ColumnType.F64, Long.MAX_VALUE));
        assertEquals(Double.doubleToRawLongBits(-0x1p63), DefaultValue.ofInteger(ColumnType.F64, Long.MIN_VALUE).bits());
    }

    @Test
    void textFormRoundTripsForEveryType() {
        String[][] cases = {
            {"i8", "-128"}, {"u8", "255"}, {"i16", "-32768"}, {"u16", "65535"}, {"i32", "-2147483648"},
            {"u32", "4294967295"}, {"i64", "-9223372036854775808"}, {"u64", "18446744073709551615"},
            {"f32", "0.1"}, {"f32", "-0.0"}, {"f32", "NaN"}, {"f32", "1.4E-45"}, {"f64", "0.1"}, {"f64", "-Infinity"},
            {"f64", "4.9E-324"}, {"bool", "true"}, {"bool", "false"},
        };
        for (String[] c : cases) {
            ColumnType type = ColumnType.byName(c[0]);
            DefaultValue value = DefaultValue.parse(type, c[1]);
            assertEquals(c[1], value.toString(), c[0]);
            assertEquals(value, DefaultValue.parse(type, value.toString()), c[0] + " " + c[1]);
            assertEquals(value.hashCode(), DefaultValue.parse(type, value.toString()).hashCode());
        }
    }

    @Test
    void equalBitsOfDifferentTypesAreDifferentDefaults() {
        assertNotEquals(DefaultValue.zero(ColumnType.I32), DefaultValue.zero(ColumnType.U32));
        assertEquals(DefaultValue.zero(ColumnType.I32), DefaultValue.ofInteger(ColumnType.I32, 0));
        assertTrue(DefaultValue.zero(ColumnType.F64).isZero());
    }
}
