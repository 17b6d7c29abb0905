package io.tickstore.columns;

import io.tickstore.columns.internal.Utf8;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.agrona.UnsafeApi;

/**
 * How a {@code str[]} value is stored: each string in UTF-8 followed by one 0 byte. No string holds U+0000, so the
 * bytes say where every string ends: {@code []} is no bytes, {@code [""]} is one 0 byte, {@code ["a","b"]} is
 * {@code a\0b\0}. In numpy: {@code bytes(data[o[i]:o[i+1]]).split(b'\0')[:-1]}.
 */
final class StringLists {
    private StringLists() {
    }

    /** The stored bytes of a list of strings (each checked as stored text). */
    static byte[] encode(List<String> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < items.size(); i++) {
            Utf8.checkText(items.get(i), "item " + i);
            byte[] b = items.get(i).getBytes(StandardCharsets.UTF_8);
            out.write(b, 0, b.length);
            out.write(0);
        }
        return out.toByteArray();
    }

    /** The stored length of a list whose items were checked: every item's UTF-8 and its terminator. */
    /** The stored length of checked items, or -1 when one is null or not storable text (then ask {@link #encodedLength}). */
    static long encodedLengthOrMinusOne(List<String> items) {
        long length = 0;
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i);
            int itemLength = item == null ? -1 : Utf8.lengthOrMinusOne(item);
            if (itemLength < 0) {
                return -1;
            }
            length += itemLength + 1;
        }
        return length;
    }

    static long encodedLength(List<String> items, String what) {
        long length = 0;
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i);
            if (item == null) {
                throw new IllegalArgumentException(what + ": item " + i + " is null; a str[] holds strings only");
            }
            length += Utf8.checkText(item, what + " item " + i) + 1;
        }
        return length;
    }

    /** Writes checked items at {@code address}; returns the bytes written. */
    static long encode(List<String> items, long address) {
        long at = address;
        for (int i = 0; i < items.size(); i++) {
            at += Utf8.encode(items.get(i), at);
            UnsafeApi.putByte(at++, (byte) 0);
        }
        return at - address;
    }

    /** The strings of {@code length} stored bytes at {@code address}. */
    static List<String> decode(long address, long length) {
        List<String> items = new ArrayList<>();
        long start = 0;
        for (long i = 0; i < length; i++) {
            if (UnsafeApi.getByte(address + i) == 0) {
                items.add(Utf8.decode(address + start, (int) (i - start)));
                start = i + 1;
            }
        }
        return items;
    }

    /** -1 when {@code length} bytes at {@code address} are a stored list (good UTF-8, ending in a 0 unless empty), else a fault's offset. */
    static long firstFault(long address, long length) {
        long bad = Utf8.firstInvalid(address, length, true);
        if (bad >= 0) {
            return bad;
        }
        if (length > 0 && UnsafeApi.getByte(address + length - 1) != 0) {
            return length - 1;
        }
        return -1;
    }
}
