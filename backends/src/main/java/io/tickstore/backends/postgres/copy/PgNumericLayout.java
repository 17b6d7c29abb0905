package io.tickstore.backends.postgres.copy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * The binary form of {@code numeric} (numeric_send / numeric_recv). Every field is a big-endian int16.
 *
 * <pre>
 *   0         2         4         6         8         10
 *   +---------+---------+---------+---------+---------+---------+----
 *   | ndigits | weight  | sign    | dscale  | digit 0 | digit 1 | ... ndigits digits, each 0..9999
 *   +---------+---------+---------+---------+---------+---------+----
 *   value = sum over i of digit[i] * 10000^(weight - i), negated when sign is NEGATIVE,
 *   printed with dscale digits after the decimal point.
 *   sign: 0x0000 positive, 0x4000 negative, 0xC000 NaN, 0xD000 +Infinity, 0xF000 -Infinity
 * </pre>
 *
 * The canonical form has no leading or trailing zero digits; zero is {@code ndigits = 0, weight = 0}.
 */
public final class PgNumericLayout {
    public static final int HEADER_LENGTH = 8;
    public static final int NBASE = 10_000;
    public static final int POSITIVE = 0x0000;
    public static final int NEGATIVE = 0x4000;
    public static final int NAN = 0xC000;
    public static final int PLUS_INFINITY = 0xD000;
    public static final int MINUS_INFINITY = 0xF000;
    /** Base-10000 digits a u64 needs at most: 2^64 - 1 has 20 decimal digits. */
    public static final int MAX_U64_DIGITS = 5;
    private static final BigInteger BIG_NBASE = BigInteger.valueOf(NBASE);
    private static final long U64_MAX_DIV_NBASE = Long.divideUnsigned(-1L, NBASE);

    private PgNumericLayout() {
    }

    /** The int16 fields (header then digits) of {@code value}; the field is {@code 2 * length} bytes. */
    public static short[] encode(BigDecimal value) {
        int scale = value.scale();
        BigInteger unscaled = value.unscaledValue();
        int dscale = Math.max(scale, 0);
        if (scale < 0) {
            unscaled = unscaled.multiply(BigInteger.TEN.pow(-scale));
            scale = 0;
        }
        int sign = unscaled.signum() < 0 ? NEGATIVE : POSITIVE;
        // align the fraction to whole base-10000 digits: value * 10^k is an integer with k a multiple of 4
        int fractionDigits = (scale + 3) / 4;
        BigInteger aligned = unscaled.abs().multiply(BigInteger.TEN.pow(fractionDigits * 4 - scale));
        int[] reversed = new int[aligned.bitLength() / 13 + 2];
        int n = 0;
        while (aligned.signum() > 0) {
            BigInteger[] qr = aligned.divideAndRemainder(BIG_NBASE);
            if (n == reversed.length) {
                reversed = Arrays.copyOf(reversed, n * 2);
            }
            reversed[n++] = qr[1].intValue();
            aligned = qr[0];
        }
        int weight = n - 1 - fractionDigits;
        int first = n - 1;
        int last = 0;
        while (last < n && reversed[last] == 0) {
            last++;
        }
        if (last == n) {
            return new short[] {0, 0, (short) POSITIVE, (short) dscale};
        }
        int ndigits = first - last + 1;
        short[] out = new short[HEADER_LENGTH / 2 + ndigits];
        out[0] = (short) ndigits;
        out[1] = (short) weight;
        out[2] = (short) sign;
        out[3] = (short) dscale;
        for (int i = 0; i < ndigits; i++) {
            out[4 + i] = (short) reversed[first - i];
        }
        return out;
    }

    /**
     * Writes the fields of an unsigned 64-bit integer into {@code out} (at least {@code 4 + MAX_U64_DIGITS} long) and
     * returns how many were written. Allocates nothing: this is the hot path for {@code u64} columns.
     */
    public static int encodeUnsigned64(long bits, short[] out) {
        int n = 0;
        for (long v = bits; v != 0; v = Long.divideUnsigned(v, NBASE)) {
            out[4 + n++] = (short) Long.remainderUnsigned(v, NBASE);
        }
        for (int i = 4, j = 4 + n - 1; i < j; i++, j--) {
            short t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        int ndigits = n;
        while (ndigits > 0 && out[4 + ndigits - 1] == 0) {
            ndigits--;
        }
        out[0] = (short) ndigits;
        out[1] = (short) (n == 0 ? 0 : n - 1);
        out[2] = POSITIVE;
        out[3] = 0;
        return 4 + ndigits;
    }

    /**
     * The value held by {@code fields} (header then digits, as read); throws for NaN and infinities, which
     * {@code BigDecimal} cannot hold.
     */
    public static BigDecimal decode(short[] fields) {
        short ndigits = fields[0];
        short weight = fields[1];
        int sign = fields[2] & 0xFFFF;
        short dscale = fields[3];
        checkHeader(ndigits, sign, dscale);
        if (sign == NAN || sign == PLUS_INFINITY || sign == MINUS_INFINITY) {
            throw new CopyFormatException("numeric " + (sign == NAN ? "NaN" : sign == PLUS_INFINITY ? "Infinity" : "-Infinity")
                    + " has no BigDecimal value");
        }
        BigInteger acc = BigInteger.ZERO;
        for (int i = 0; i < ndigits; i++) {
            checkDigit(fields[4 + i], i);
            acc = acc.multiply(BIG_NBASE).add(BigInteger.valueOf(fields[4 + i]));
        }
        // acc holds digits 0..ndigits-1; its last digit has weight (weight - ndigits + 1)
        int exponent = weight - ndigits + 1;
        BigDecimal value = exponent >= 0 ? new BigDecimal(acc.multiply(BIG_NBASE.pow(exponent)))
                : new BigDecimal(acc, -exponent * 4);
        if (sign == NEGATIVE) {
            value = value.negate();
        }
        return value.setScale(dscale, RoundingMode.UNNECESSARY);
    }

    /**
     * The unsigned 64-bit integer held by {@code fields} (header then digits, as read); throws unless they hold an
     * integer in [0, 2^64). Allocates nothing.
     */
    public static long decodeUnsigned64(short[] fields) {
        short ndigits = fields[0];
        short weight = fields[1];
        int sign = fields[2] & 0xFFFF;
        checkHeader(ndigits, sign, fields[3]);
        if (sign != POSITIVE) {
            throw new CopyFormatException("numeric with sign 0x" + Integer.toHexString(sign) + " is not an unsigned 64-bit integer");
        }
        if (ndigits == 0) {
            return 0;
        }
        if (weight < 0 || weight >= MAX_U64_DIGITS || ndigits > weight + 1) {
            throw new CopyFormatException("numeric with " + ndigits + " digits and weight " + weight + " is not an unsigned 64-bit integer");
        }
        long value = 0;
        for (int i = 0; i <= weight; i++) {
            short digit = i < ndigits ? fields[4 + i] : 0;
            checkDigit(digit, i);
            if (Long.compareUnsigned(value, U64_MAX_DIV_NBASE) > 0) {
                throw new CopyFormatException("numeric exceeds 2^64 - 1");
            }
            long shifted = value * NBASE;
            long sum = shifted + digit;
            if (Long.compareUnsigned(sum, shifted) < 0) {
                throw new CopyFormatException("numeric exceeds 2^64 - 1");
            }
            value = sum;
        }
        return value;
    }

    /** Throws when the header fields are impossible. */
    public static void checkHeader(short ndigits, int sign, short dscale) {
        if (ndigits < 0) {
            throw new CopyFormatException("numeric has " + ndigits + " digits");
        }
        if (sign != POSITIVE && sign != NEGATIVE && sign != NAN && sign != PLUS_INFINITY && sign != MINUS_INFINITY) {
            throw new CopyFormatException("numeric sign 0x" + Integer.toHexString(sign) + " is none of the defined ones");
        }
        if (dscale < 0) {
            throw new CopyFormatException("numeric display scale " + dscale + " is negative");
        }
    }

    private static void checkDigit(short digit, int index) {
        if (digit < 0 || digit >= NBASE) {
            throw new CopyFormatException("numeric digit " + index + " is " + digit + ", outside [0, " + NBASE + ")");
        }
    }
}
