package io.tickstore.columns;

import java.util.Locale;

/**
 * The element types a column can hold, named as numpy names them.
 *
 * <p>Every type is stored little-endian with its natural width, so a column's bytes are exactly
 * the bytes numpy keeps for an array of the matching {@link #numpyDescr() descr}. {@code bool} is one
 * byte per value (0 or 1), as in numpy, not a bit.
 */
public enum ColumnType {
    I8("i8", "|i1", 0, Kind.SIGNED),
    U8("u8", "|u1", 0, Kind.UNSIGNED),
    I16("i16", "<i2", 1, Kind.SIGNED),
    U16("u16", "<u2", 1, Kind.UNSIGNED),
    I32("i32", "<i4", 2, Kind.SIGNED),
    U32("u32", "<u4", 2, Kind.UNSIGNED),
    I64("i64", "<i8", 3, Kind.SIGNED),
    U64("u64", "<u8", 3, Kind.UNSIGNED),
    F32("f32", "<f4", 2, Kind.FLOAT),
    F64("f64", "<f8", 3, Kind.FLOAT),
    BOOL("bool", "|b1", 0, Kind.BOOL);

    /** What family of values a type holds; widening is only allowed within a family (plus integer to float). */
    public enum Kind { SIGNED, UNSIGNED, FLOAT, BOOL }

    private static final ColumnType[] VALUES = values();

    private final String typeName;
    private final String numpyDescr;
    private final int log2Width;
    private final Kind kind;

    ColumnType(String typeName, String numpyDescr, int log2Width, Kind kind) {
        this.typeName = typeName;
        this.numpyDescr = numpyDescr;
        this.log2Width = log2Width;
        this.kind = kind;
    }

    /** The short name used in schemas, manifests and the CLI: {@code i8 u8 … f64 bool}. */
    public String typeName() {
        return typeName;
    }

    /** The numpy {@code descr} string written in .npy headers, e.g. {@code <f4}. */
    public String numpyDescr() {
        return numpyDescr;
    }

    /** Bytes per value. */
    public int byteWidth() {
        return 1 << log2Width;
    }

    /** log2 of {@link #byteWidth()}, so a row offset is {@code row << log2Width()}. */
    public int log2Width() {
        return log2Width;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isInteger() {
        return kind == Kind.SIGNED || kind == Kind.UNSIGNED;
    }

    public boolean isFloat() {
        return kind == Kind.FLOAT;
    }

    /**
     * Whether every value of {@code this} is exactly representable in {@code wider}, so a column stored as
     * {@code this} may be loaded into a column declared as {@code wider}.
     */
    public boolean widensTo(ColumnType wider) {
        if (wider == this) {
            return true;
        }
        switch (kind) {
            case SIGNED:
                if (wider.kind == Kind.SIGNED) {
                    return wider.log2Width > log2Width;
                }
                // an integer fits a float exactly when its bits fit the mantissa (24 for f32, 53 for f64)
                return wider == F64 && log2Width <= 2 || wider == F32 && log2Width <= 1;
            case UNSIGNED:
                if (wider.kind == Kind.UNSIGNED) {
                    return wider.log2Width > log2Width;
                }
                if (wider.kind == Kind.SIGNED) {
                    return wider.log2Width > log2Width;
                }
                return wider == F64 && log2Width <= 2 || wider == F32 && log2Width <= 1;
            case FLOAT:
                return wider == F64;
            default:
                return false;
        }
    }

    /** Looks a type up by its short name; null when there is none. */
    public static ColumnType byName(String name) {
        if (name == null) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (ColumnType type : VALUES) {
            if (type.typeName.equals(lower)) {
                return type;
            }
        }
        return null;
    }

    /** Looks a type up by its numpy descr ({@code <f4}, {@code |u1} …); null when there is none. */
    public static ColumnType byNumpyDescr(String descr) {
        for (ColumnType type : VALUES) {
            if (type.numpyDescr.equals(descr)) {
                return type;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return typeName;
    }
}
