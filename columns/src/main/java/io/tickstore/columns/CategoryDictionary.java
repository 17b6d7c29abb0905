package io.tickstore.columns;

import io.tickstore.columns.internal.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.agrona.UnsafeApi;

/**
 * The strings of one categorical column of a {@link Table}: code {@code i} stands for entry {@code i}. The table
 * owns it and it lives as long as the table; entries are only ever appended, so a code means the same string for
 * the table's whole life and in every snapshot, log and replay of it. The column's default string is always an
 * entry (a new table's code 0).
 *
 * <p>Lookups by string ({@link #codeOf(String)}) and by UTF-8 bytes ({@link #codeOfUtf8}) share one open-addressing
 * table keyed by a hash of the UTF-8 bytes, so neither allocates: a recorded write of a string the dictionary has
 * costs a hash and a comparison, and a loader can find the code of bytes it has not turned into a string.
 *
 * <p>Read it through its table's thread only, like the table.
 */
public final class CategoryDictionary {
    private final String column;
    private final long maxEntries;
    private String[] entries = new String[16];
    private byte[][] utf8 = new byte[16][];
    private int size;
    /** Open addressing: code + 1 per slot, 0 for empty; twice as many slots as entries at most. */
    private int[] slots = new int[32];
    private int[] hashes = new int[16];

    CategoryDictionary(String column, ColumnType codeType) {
        this.column = column;
        this.maxEntries = codeType == ColumnType.U32 ? Integer.MAX_VALUE - 8 : 1L << (8 * codeType.byteWidth());
    }

    /** Entries, codes {@code 0 .. size() - 1}. */
    public int size() {
        return size;
    }

    /** How many entries the code type can number: 256 for u8, 65,536 for u16, about 2^31 for u32. */
    public long capacity() {
        return maxEntries;
    }

    /** The string of a code. */
    public String get(int code) {
        if (code < 0 || code >= size) {
            throw new IndexOutOfBoundsException("code " + code + " outside the " + size + " entries of the dictionary of column '"
                    + column + "'");
        }
        return entries[code];
    }

    /** The code of a string, or -1 when it is not an entry. Allocates nothing. */
    public int codeOf(String text) {
        int h = Utf8.hash(text);
        int mask = slots.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int slot = slots[i];
            if (slot == 0) {
                return -1;
            }
            int code = slot - 1;
            if (hashes[code] == h && entries[code].equals(text)) {
                return code;
            }
        }
    }

    /** The code of a string given as {@code length} UTF-8 bytes of {@code bytes} from {@code offset}, or -1. Allocates nothing. */
    public int codeOfUtf8(byte[] bytes, int offset, int length) {
        int h = Utf8.hash(bytes, offset, length);
        int mask = slots.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int slot = slots[i];
            if (slot == 0) {
                return -1;
            }
            int code = slot - 1;
            if (hashes[code] == h && Arrays.equals(utf8[code], 0, utf8[code].length, bytes, offset, offset + length)) {
                return code;
            }
        }
    }

    /** The entries in code order (an unmodifiable copy). */
    public List<String> entries() {
        return Collections.unmodifiableList(new ArrayList<>(Arrays.asList(entries).subList(0, size)));
    }

    /** The UTF-8 bytes of a code's string: shared, never modify them. */
    byte[] utf8(int code) {
        return utf8[code];
    }

    /** The code of {@code text}, appending it when new; {@code added} is told the new code first. */
    int intern(String text, Added added) {
        int code = codeOf(text);
        if (code >= 0) {
            return code;
        }
        Utf8.checkText(text, "a value of categorical column '" + column + "'");
        checkRoom();
        if (added != null) {
            // told first: if it refuses (a log that cannot record the entry), the dictionary has not changed
            added.added(size, text);
        }
        return append(text);
    }

    /** Told of each entry {@link #intern} appends, before it is appended and before its code is written anywhere. */
    interface Added {
        void added(int code, String text);
    }

    /** Appends a string that is not an entry yet (checked by the caller); returns its code. */
    int append(String text) {
        checkRoom();
        if (size == entries.length) {
            int grown = (int) Math.min(maxEntries, (long) size * 2);
            entries = Arrays.copyOf(entries, grown);
            utf8 = Arrays.copyOf(utf8, grown);
            hashes = Arrays.copyOf(hashes, grown);
        }
        int code = size++;
        entries[code] = text;
        utf8[code] = text.getBytes(StandardCharsets.UTF_8);
        hashes[code] = Utf8.hash(text);
        if (size * 2 > slots.length) {
            rehash(slots.length * 2);
        } else {
            place(code);
        }
        return code;
    }

    private void checkRoom() {
        if (size >= maxEntries) {
            throw new IllegalStateException("the dictionary of categorical column '" + column + "' is full: its code type numbers "
                    + maxEntries + " strings; declare the column with a wider code (cat<u16>, cat<u32>)");
        }
    }

    /**
     * Appends {@code text} as code {@code code}, which must be the next one, for a loader or a replay rebuilding the
     * dictionary in code order; throws {@link IllegalArgumentException} for a code out of order, a repeated string or
     * text no table stores.
     */
    void appendAt(int code, String text) {
        if (code != size) {
            throw new IllegalArgumentException("dictionary of column '" + column + "': entry " + code + " arrives where entry "
                    + size + " is next");
        }
        Utf8.checkText(text, "dictionary entry " + code + " of column '" + column + "'");
        int existing = codeOf(text);
        if (existing >= 0) {
            throw new IllegalArgumentException("dictionary of column '" + column + "': entry " + code + " repeats entry " + existing
                    + " (\"" + JsonText.abbreviate(text) + "\")");
        }
        append(text);
    }

    /** Makes this dictionary equal to {@code other}: only the new entries when this one is a prefix of it. */
    void copyFrom(CategoryDictionary other) {
        boolean prefix = size <= other.size && (size == 0 || entries[size - 1].equals(other.entries[size - 1]));
        if (!prefix) {
            clear();
        }
        for (int code = size; code < other.size; code++) {
            append(other.entries[code]);
        }
    }

    void clear() {
        Arrays.fill(entries, 0, size, null);
        Arrays.fill(utf8, 0, size, null);
        Arrays.fill(slots, 0);
        size = 0;
    }

    private void rehash(int slotCount) {
        slots = new int[slotCount];
        for (int code = 0; code < size; code++) {
            place(code);
        }
    }

    private void place(int code) {
        int mask = slots.length - 1;
        int i = hashes[code] & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = code + 1;
    }

    /** Whether code {@code code}'s UTF-8 bytes equal the {@code length} bytes at {@code address}. */
    boolean equalsUtf8(int code, long address, int length) {
        byte[] bytes = utf8[code];
        if (bytes.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (UnsafeApi.getByte(address + i) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "CategoryDictionary[" + column + ", " + size + " entries]";
    }
}
