package io.tickstore.columns;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * A column's default, as the raw 64-bit pattern of the stored value plus its type (see {@link ColumnSpec}).
 * Its text form ({@link #toString()}) is what manifests record and {@link #parse} reads back.
 */
public final class DefaultValue {
    private final ColumnType type;
    private final long bits;

    private DefaultValue(ColumnType type, long bits) {
        this.type = type;
        this.bits = bits;
    }

    /** All-zero bytes: 0, 0.0 or false. */
    public static DefaultValue zero(ColumnType type) {
        return new DefaultValue(type, 0L);
    }

    /** Builds a default from raw bits already in the stored representation of {@code type}. */
    public static DefaultValue ofBits(ColumnType type, long bits) {
        return new DefaultValue(type, bits);
    }

    /**
     * Parses a default from text: a decimal integer for integer types, a decimal or {@code NaN}/{@code Infinity}
     * for floats, {@code true}/{@code false} for bool.
     *
     * @throws IllegalArgumentException naming the value and the type when the text does not fit
     */
    public static DefaultValue parse(ColumnType type, String text) {
        String t = text.trim();
        try {
            switch (type) {
                case BOOL:
                    switch (t.toLowerCase(Locale.ROOT)) {
                        case "true": case "1": return new DefaultValue(type, 1);
                        case "false": case "0": return new DefaultValue(type, 0);
                        default: throw new IllegalArgumentException("'" + text + "' is not a bool (true or false)");
                    }
                case F32: {
                    float value = Float.parseFloat(t);
                    checkNoOverflow(type, text, Float.isInfinite(value), t);
                    return new DefaultValue(type, Float.floatToRawIntBits(value) & 0xFFFF_FFFFL);
                }
                case F64: {
                    double value = Double.parseDouble(t);
                    checkNoOverflow(type, text, Double.isInfinite(value), t);
                    return new DefaultValue(type, Double.doubleToRawLongBits(value));
                }
                case U64:
                    return new DefaultValue(type, Long.parseUnsignedLong(t));
                default:
                    return ofInteger(type, Long.parseLong(t));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid " + type + " value", e);
        }
    }

    /**
     * A finite decimal too large for the type parses to an infinity; that would silently turn a typo into
     * a different default, so only a spelled-out infinity may give one.
     */
    private static void checkNoOverflow(ColumnType type, String text, boolean infinite, String trimmed) {
        if (infinite && !trimmed.toLowerCase(Locale.ROOT).contains("infinity")) {
            throw new IllegalArgumentException("'" + text + "' is outside the finite range of " + type);
        }
    }

    /**
     * Builds an integer default, checking that it fits {@code type}; for f32 and f64 it must be exactly
     * representable, so the default stored is the number given.
     */
    public static DefaultValue ofInteger(ColumnType type, long value) {
        long min;
        long max;
        switch (type) {
            case I8: min = Byte.MIN_VALUE; max = Byte.MAX_VALUE; break;
            case U8: min = 0; max = 0xFF; break;
            case I16: min = Short.MIN_VALUE; max = Short.MAX_VALUE; break;
            case U16: min = 0; max = 0xFFFF; break;
            case I32: min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; break;
            case U32: min = 0; max = 0xFFFF_FFFFL; break;
            case I64: min = Long.MIN_VALUE; max = Long.MAX_VALUE; break;
            case U64: min = 0; max = Long.MAX_VALUE; break;
            case BOOL: min = 0; max = 1; break;
            case F32: {
                float f = value;
                checkExact(type, value, new BigDecimal(f));
                return new DefaultValue(type, Float.floatToRawIntBits(f) & 0xFFFF_FFFFL);
            }
            case F64: {
                double d = value;
                checkExact(type, value, new BigDecimal(d));
                return new DefaultValue(type, Double.doubleToRawLongBits(d));
            }
            default: throw new AssertionError(type);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(value + " does not fit " + type + " [" + min + ", " + max + "]");
        }
        return new DefaultValue(type, value);
    }

    private static void checkExact(ColumnType type, long value, BigDecimal converted) {
        if (converted.compareTo(BigDecimal.valueOf(value)) != 0) {
            throw new IllegalArgumentException(value + " is not exactly representable as " + type + " (nearest: " + converted + ")");
        }
    }

    /**
     * Builds a floating-point default for an f32 or f64 column. An f32 default is rounded to the nearest float;
     * a finite value beyond the f32 range is rejected rather than turned into an infinity.
     */
    public static DefaultValue ofFloat(ColumnType type, double value) {
        if (type == ColumnType.F32) {
            float f = (float) value;
            if (Float.isInfinite(f) && !Double.isInfinite(value)) {
                throw new IllegalArgumentException(value + " is outside the finite range of " + type);
            }
            return new DefaultValue(type, Float.floatToRawIntBits(f) & 0xFFFF_FFFFL);
        }
        if (type == ColumnType.F64) {
            return new DefaultValue(type, Double.doubleToRawLongBits(value));
        }
        throw new IllegalArgumentException("a floating-point default needs an f32 or f64 column, not " + type);
    }

    public ColumnType type() {
        return type;
    }

    /** The stored bit pattern, zero-extended for unsigned and float types and sign-extended for signed ones. */
    public long bits() {
        return bits;
    }

    public boolean isZero() {
        return bits == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DefaultValue && ((DefaultValue) o).type == type && ((DefaultValue) o).bits == bits;
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Long.hashCode(bits);
    }

    @Override
    public String toString() {
        switch (type) {
            case BOOL: return bits != 0 ? "true" : "false";
            case F32: return Float.toString(Float.intBitsToFloat((int) bits));
            case F64: return Double.toString(Double.longBitsToDouble(bits));
            case U64: return Long.toUnsignedString(bits);
            default: return Long.toString(bits);
        }
    }
}
