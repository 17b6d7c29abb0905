package io.tickstore.snapshot.eventlog;

import java.util.Locale;

/** How the 8 value bytes of a record with a given key are to be read; recorded per key in the codebook. */
public enum ValueKind {
    /** An IEEE f64 (column values of float types and of integer types up to 32 bits, exact). */
    F64,
    /** A signed 64-bit integer (columns of type i64 and u64, as their raw bits). */
    I64,
    /** The code of a string in the codebook's symbol table, as an f64. */
    SYMBOL,
    /** Eight opaque bytes (the generator state words of the replay vocabulary). */
    RAW,
    /** No value: the record's key and entity say everything (births, deaths, tick ends). */
    NONE,
    /**
     * Bytes in the chunk's value area (chunk format version 2): the value's low 32 bits are where they start in the
     * area, its high 32 bits how many there are ({@link EventRecord#valueOffset}, {@link EventRecord#valueLength}). An
     * array row or a variable-length value of the replay vocabulary; needs codebook format version 2.
     */
    BYTES;

    /** The name used in codebook.json: lower case. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ValueKind fromJsonName(String name) {
        for (ValueKind kind : values()) {
            if (kind.jsonName().equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown value kind '" + name + "'");
    }
}
