package io.tickstore.snapshot.format;

import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * CRC32C (Castagnoli, the checksum of iSCSI, ext4 metadata and Arrow's own tooling) as the snapshot format
 * records it: the unsigned 32-bit value written as exactly 8 lowercase hex digits, e.g. {@code "e3069283"}
 * for the ASCII bytes {@code 123456789}.
 *
 * <p>{@link java.util.zip.CRC32C} is hardware-accelerated on x86 and ARM, so checksumming a column costs
 * far less than writing it; the writer and reader checksum the very buffers they hand to the channel.
 */
public final class Crc32c {
    /** Characters in the text form. */
    public static final int HEX_DIGITS = 8;

    private Crc32c() {
    }

    /** The CRC32C of a whole byte array. */
    public static int of(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length);
        return (int) crc.getValue();
    }

    /** The text form: 8 lowercase hex digits, zero-padded. */
    public static String hex(int crc) {
        return String.format(Locale.ROOT, "%08x", crc);
    }

    /** The text form of a running checksum's current value. */
    public static String hex(CRC32C crc) {
        return hex((int) crc.getValue());
    }

    /** Whether {@code text} is exactly 8 hex digits (either case). */
    public static boolean isHex(String text) {
        if (text == null || text.length() != HEX_DIGITS) {
            return false;
        }
        for (int i = 0; i < HEX_DIGITS; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses the text form.
     *
     * @throws IllegalArgumentException when the text is not exactly 8 hex digits
     */
    public static int parseHex(String text) {
        if (!isHex(text)) {
            throw new IllegalArgumentException("'" + text + "' is not a CRC32C (8 hex digits)");
        }
        return (int) Long.parseLong(text, 16);
    }
}
