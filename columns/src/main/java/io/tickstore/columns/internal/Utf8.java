package io.tickstore.columns.internal;

import java.nio.charset.StandardCharsets;
import org.agrona.UnsafeApi;

/**
 * UTF-8 for the text a table stores (categorical strings, {@code str}, {@code json}, the items of a {@code str[]}),
 * without allocating: lengths, encoding straight into off-heap memory, validation, and a hash that a string and its
 * encoded bytes share, so a dictionary can look either up.
 *
 * <p>Text that a table stores is Unicode without U+0000 and without unpaired surrogates: PostgreSQL's {@code text}
 * cannot hold U+0000, numpy's fixed-width strings strip it, and an unpaired surrogate has no UTF-8 form. Anything else
 * is refused where it enters ({@link #checkText}).
 */
public final class Utf8 {
    private static final int FNV_OFFSET = 0x811C9DC5;
    private static final int FNV_PRIME = 0x01000193;

    private Utf8() {
    }

    /**
     * The UTF-8 length of {@code s}, or -1 when it holds U+0000 or an unpaired surrogate or is longer than a value may
     * take. The hot path asks this first and calls {@link #checkText} only to build the error, so a write of good text
     * does not build a message it will never show.
     */
    public static int lengthOrMinusOne(CharSequence s) {
        long length = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return -1;
            }
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                length += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                return -1;
            } else {
                length += 3;
            }
        }
        return length > Integer.MAX_VALUE - 16 ? -1 : (int) length;
    }

    /**
     * The UTF-8 length of {@code s}; throws {@link IllegalArgumentException} naming {@code what} when it holds U+0000 or
     * an unpaired surrogate.
     */
    public static int checkText(CharSequence s, String what) {
        long length = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == 0) {
                throw new IllegalArgumentException(what + " holds U+0000 at char " + i + ", which no stored text may hold");
            }
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                length += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(what + " holds an unpaired surrogate at char " + i + ", which has no UTF-8 form");
            } else {
                length += 3;
            }
        }
        if (length > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(what + " is " + length + " UTF-8 bytes, more than a value may take");
        }
        return (int) length;
    }

    /** Encodes checked text ({@link #checkText}) at {@code address}; returns the bytes written. */
    public static int encode(CharSequence s, long address) {
        long p = address;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                UnsafeApi.putByte(p++, (byte) c);
            } else if (c < 0x800) {
                UnsafeApi.putByte(p++, (byte) (0xC0 | (c >> 6)));
                UnsafeApi.putByte(p++, (byte) (0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c)) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                UnsafeApi.putByte(p++, (byte) (0xF0 | (cp >> 18)));
                UnsafeApi.putByte(p++, (byte) (0x80 | ((cp >> 12) & 0x3F)));
                UnsafeApi.putByte(p++, (byte) (0x80 | ((cp >> 6) & 0x3F)));
                UnsafeApi.putByte(p++, (byte) (0x80 | (cp & 0x3F)));
            } else {
                UnsafeApi.putByte(p++, (byte) (0xE0 | (c >> 12)));
                UnsafeApi.putByte(p++, (byte) (0x80 | ((c >> 6) & 0x3F)));
                UnsafeApi.putByte(p++, (byte) (0x80 | (c & 0x3F)));
            }
        }
        return (int) (p - address);
    }

    /** The string of {@code length} UTF-8 bytes at {@code address} (which a table checked when they were stored). */
    public static String decode(long address, int length) {
        byte[] bytes = new byte[length];
        UnsafeApi.copyMemory(null, address, bytes, UnsafeApi.arrayBaseOffset(byte[].class), length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * The offset of the first byte that breaks the rules for stored text (malformed UTF-8, an overlong form, a
     * surrogate, a code point past U+10FFFF, or a 0 byte unless {@code zeroAllowed}), or -1 when all
     * {@code length} bytes at {@code address} are good.
     */
    public static long firstInvalid(long address, long length, boolean zeroAllowed) {
        long i = 0;
        while (i < length) {
            int b = UnsafeApi.getByte(address + i) & 0xFF;
            if (b < 0x80) {
                if (b == 0 && !zeroAllowed) {
                    return i;
                }
                i++;
                continue;
            }
            int need;
            int min;
            int cp;
            if (b >= 0xC2 && b <= 0xDF) {
                need = 1;
                min = 0x80;
                cp = b & 0x1F;
            } else if (b >= 0xE0 && b <= 0xEF) {
                need = 2;
                min = 0x800;
                cp = b & 0x0F;
            } else if (b >= 0xF0 && b <= 0xF4) {
                need = 3;
                min = 0x10000;
                cp = b & 0x07;
            } else {
                return i;
            }
            if (i + need >= length) {
                return i;
            }
            for (int k = 1; k <= need; k++) {
                int next = UnsafeApi.getByte(address + i + k) & 0xFF;
                if ((next & 0xC0) != 0x80) {
                    return i;
                }
                cp = (cp << 6) | (next & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return i;
            }
            i += need + 1;
        }
        return -1;
    }

    /** FNV-1a over the UTF-8 encoding of checked text, computed from its chars: equal to {@link #hash(long, int)} of its bytes. */
    public static int hash(CharSequence s) {
        int h = FNV_OFFSET;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                h = (h ^ c) * FNV_PRIME;
            } else if (c < 0x800) {
                h = (h ^ (0xC0 | (c >> 6))) * FNV_PRIME;
                h = (h ^ (0x80 | (c & 0x3F))) * FNV_PRIME;
            } else if (Character.isHighSurrogate(c) && i + 1 < n) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                h = (h ^ (0xF0 | (cp >> 18))) * FNV_PRIME;
                h = (h ^ (0x80 | ((cp >> 12) & 0x3F))) * FNV_PRIME;
                h = (h ^ (0x80 | ((cp >> 6) & 0x3F))) * FNV_PRIME;
                h = (h ^ (0x80 | (cp & 0x3F))) * FNV_PRIME;
            } else {
                h = (h ^ (0xE0 | (c >> 12))) * FNV_PRIME;
                h = (h ^ (0x80 | ((c >> 6) & 0x3F))) * FNV_PRIME;
                h = (h ^ (0x80 | (c & 0x3F))) * FNV_PRIME;
            }
        }
        return h;
    }

    /** FNV-1a over {@code length} bytes at {@code address}. */
    public static int hash(long address, int length) {
        int h = FNV_OFFSET;
        for (int i = 0; i < length; i++) {
            h = (h ^ (UnsafeApi.getByte(address + i) & 0xFF)) * FNV_PRIME;
        }
        return h;
    }

    /** FNV-1a over {@code length} bytes of {@code bytes} from {@code offset}. */
    public static int hash(byte[] bytes, int offset, int length) {
        int h = FNV_OFFSET;
        for (int i = 0; i < length; i++) {
            h = (h ^ (bytes[offset + i] & 0xFF)) * FNV_PRIME;
        }
        return h;
    }
}
