package io.tickstore.snapshot.migrate;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.DefaultValue;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Four versions of one table, each a typical schema change, plus the values a row holds in any of them.
 *
 * <pre>
 * v1  id u32 | weight f32 | age i32 | legacy i16 | name_code u16
 * v2  + hunger f32 (default 1.5)
 * v3  name_code renamed to label; age widened to i64; weight widened to f64
 * v4  legacy dropped; + alive bool (default true)
 * </pre>
 */
final class HerdSchemas {
    static final String TABLE = "herd";
    static final float HUNGER_DEFAULT = 1.5f;

    static final Schema V1 = Schema.builder(TABLE, 1)
            .column("id", ColumnType.U32)
            .column("weight", ColumnType.F32)
            .column("age", ColumnType.I32)
            .column("legacy", ColumnType.I16)
            .column("name_code", ColumnType.U16)
            .build();

    static final Schema V2 = Schema.builder(TABLE, 2)
            .column("id", ColumnType.U32)
            .column("weight", ColumnType.F32)
            .column("age", ColumnType.I32)
            .column("legacy", ColumnType.I16)
            .column("name_code", ColumnType.U16)
            .column("hunger", ColumnType.F32, 2, DefaultValue.ofFloat(ColumnType.F32, HUNGER_DEFAULT))
            .build();

    static final Schema V3 = Schema.builder(TABLE, 3)
            .column("id", ColumnType.U32)
            .column("weight", ColumnType.F64)
            .column("age", ColumnType.I64)
            .column("legacy", ColumnType.I16)
            .renamedColumn("label", ColumnType.U16, 1, "name_code")
            .column("hunger", ColumnType.F32, 2, DefaultValue.ofFloat(ColumnType.F32, HUNGER_DEFAULT))
            .build();

    static final Schema V4 = Schema.builder(TABLE, 4)
            .column("id", ColumnType.U32)
            .column("weight", ColumnType.F64)
            .column("age", ColumnType.I64)
            .renamedColumn("label", ColumnType.U16, 1, "name_code")
            .column("hunger", ColumnType.F32, 2, DefaultValue.ofFloat(ColumnType.F32, HUNGER_DEFAULT))
            .column("alive", ColumnType.BOOL, 4, DefaultValue.ofInteger(ColumnType.BOOL, 1))
            .build();

    static final Schema[] VERSIONS = {V1, V2, V3, V4};

    private HerdSchemas() {
    }

    static Schema version(int v) {
        return VERSIONS[v - 1];
    }

    /**
     * The value row {@code row} holds in a column, whatever that column is called or typed in a version; the
     * first rows hold the awkward ones (NaN, -0.0, the i32 extremes) so widening is seen to keep them.
     */
    static double value(String column, long row) {
        switch (column) {
            case "id": return 1000 + row;
            case "weight": return row == 3 ? Double.NaN : row == 4 ? -0.0 : row * 0.25;
            case "age": return row == 1 ? Integer.MAX_VALUE : row == 2 ? Integer.MIN_VALUE : (row % 2 == 0 ? -row : row) * 1000;
            case "legacy": return row * 3 % 30_000;
            case "name_code": case "label": return row * 7 & 0xFFFF;
            case "hunger": return row % 3 == 0 ? 0 : row * 0.5;
            case "alive": return row % 2 == 0 ? 1 : 0;
            default: throw new IllegalArgumentException(column);
        }
    }

    /** The raw bits of {@code value} as a column of {@code type} stores it. */
    static long bits(ColumnType type, double value) {
        switch (type) {
            case F32: return Float.floatToRawIntBits((float) value) & 0xFFFF_FFFFL;
            case F64: return Double.doubleToRawLongBits(value);
            case BOOL: return value != 0 ? 1 : 0;
            default: return (long) value;
        }
    }

    /** A world holding a {@code herd} table at {@code version} with {@code rows} rows of {@link #value}. */
    static World world(BufferAllocator allocator, int version, long rows) {
        Schema schema = version(version);
        World world = new World(allocator);
        try {
            Table table = world.createTable(schema, rows);
            for (long r = 0; r < rows; r++) {
                long slot = table.addRow();
                for (int c = 0; c < schema.columnCount(); c++) {
                    table.setBits(c, slot, bits(schema.column(c).type(), value(schema.column(c).name(), r)));
                }
            }
            world.setTick(100 + version);
            return world;
        } catch (RuntimeException e) {
            world.close();
            throw e;
        }
    }
}
