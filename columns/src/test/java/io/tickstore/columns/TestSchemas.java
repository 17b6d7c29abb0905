package io.tickstore.columns;

/** Schemas shared by the table tests: one column of every type, with zero or non-zero defaults. */
final class TestSchemas {
    static final int I8 = 0;
    static final int U8 = 1;
    static final int I16 = 2;
    static final int U16 = 3;
    static final int I32 = 4;
    static final int U32 = 5;
    static final int I64 = 6;
    static final int U64 = 7;
    static final int F32 = 8;
    static final int F64 = 9;
    static final int BOOL = 10;

    private TestSchemas() {
    }

    /** Column {@code i} holds {@code ColumnType.values()[i]} and is named after it ("c_f32"); every default is zero. */
    static Schema allTypes(String tableName) {
        Schema.Builder builder = Schema.builder(tableName, 1);
        for (ColumnType type : ColumnType.values()) {
            builder.column("c_" + type.typeName(), type);
        }
        return builder.build();
    }

    /** Like {@link #allTypes} with a non-zero default in every column, given as text as a manifest would. */
    static Schema allTypesWithDefaults(String tableName) {
        return Schema.builder(tableName, 1)
                .column("c_i8", ColumnType.I8, 1, DefaultValue.ofInteger(ColumnType.I8, -7))
                .column("c_u8", ColumnType.U8, 1, DefaultValue.ofInteger(ColumnType.U8, 200))
                .column("c_i16", ColumnType.I16, 1, DefaultValue.ofInteger(ColumnType.I16, -300))
                .column("c_u16", ColumnType.U16, 1, DefaultValue.ofInteger(ColumnType.U16, 60000))
                .column("c_i32", ColumnType.I32, 1, DefaultValue.ofInteger(ColumnType.I32, -70000))
                .column("c_u32", ColumnType.U32, 1, DefaultValue.ofInteger(ColumnType.U32, 4_000_000_000L))
                .column("c_i64", ColumnType.I64, 1, DefaultValue.ofInteger(ColumnType.I64, -5_000_000_000L))
                .column("c_u64", ColumnType.U64, 1, DefaultValue.parse(ColumnType.U64, "18446744073709551615"))
                .column("c_f32", ColumnType.F32, 1, DefaultValue.ofFloat(ColumnType.F32, 1.5))
                .column("c_f64", ColumnType.F64, 1, DefaultValue.ofFloat(ColumnType.F64, -0.0))
                .column("c_bool", ColumnType.BOOL, 1, DefaultValue.parse(ColumnType.BOOL, "true"))
                .build();
    }

    /** Reduces arbitrary bits to what a column of {@code type} stores and {@link Table#getBits} returns. */
    static long canonicalBits(ColumnType type, long bits) {
        switch (type) {
            case I8: return (byte) bits;
            case U8: return bits & 0xFFL;
            case I16: return (short) bits;
            case U16: return bits & 0xFFFFL;
            case I32: return (int) bits;
            case U32: case F32: return bits & 0xFFFF_FFFFL;
            case BOOL: return bits & 1L;
            default: return bits;
        }
    }
}
