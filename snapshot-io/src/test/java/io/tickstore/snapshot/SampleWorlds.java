package io.tickstore.snapshot;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.examples.creatures.CreatureSimulation;
import org.apache.arrow.memory.BufferAllocator;

/** Worlds the tests (and the golden generator) snapshot: the reference simulation and a table of every type. */
public final class SampleWorlds {
    /** The table with one column of every type. */
    public static final String KINDS = "kinds";

    /** One column per type, named after it: {@code v_i8 … v_bool}. */
    public static final Schema KINDS_SCHEMA = kindsSchema();

    private SampleWorlds() {
    }

    private static Schema kindsSchema() {
        Schema.Builder builder = Schema.builder(KINDS, 1);
        for (ColumnType type : ColumnType.values()) {
            builder.column(columnFor(type), type);
        }
        return builder.build();
    }

    public static String columnFor(ColumnType type) {
        return "v_" + type.typeName();
    }

    /**
     * The raw bits (as {@code Table.getBits} returns them) of the values row {@code row} holds in the column of
     * {@code type}: the extremes first (min, max, zero, -1 or NaN, -0.0, infinities, the smallest subnormal…),
     * then they repeat.
     */
    public static long extremeBits(ColumnType type, long row) {
        long[] values = extremes(type);
        return values[(int) (row % values.length)];
    }

    static long[] extremes(ColumnType type) {
        switch (type) {
            case I8: return new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE, 0, -1, 1};
            case U8: return new long[] {0, 0xFF, 1, 0x80};
            case I16: return new long[] {Short.MIN_VALUE, Short.MAX_VALUE, 0, -1};
            case U16: return new long[] {0, 0xFFFF, 1, 0x8000};
            case I32: return new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1};
            case U32: return new long[] {0, 0xFFFF_FFFFL, 1, 0x8000_0000L};
            case I64: return new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1};
            case U64: return new long[] {0, -1L, 1, Long.MIN_VALUE};
            case F32: return new long[] {
                    f32(Float.NaN), f32(-0.0f), f32(Float.POSITIVE_INFINITY), f32(Float.NEGATIVE_INFINITY),
                    f32(Float.MIN_VALUE), f32(Float.MAX_VALUE), f32(-Float.MAX_VALUE), f32(Float.MIN_NORMAL), f32(0f), f32(1.5f)};
            case F64: return new long[] {
                    Double.doubleToRawLongBits(Double.NaN), Double.doubleToRawLongBits(-0.0),
                    Double.doubleToRawLongBits(Double.POSITIVE_INFINITY), Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY),
                    Double.doubleToRawLongBits(Double.MIN_VALUE), Double.doubleToRawLongBits(Double.MAX_VALUE),
                    Double.doubleToRawLongBits(-Double.MAX_VALUE), Double.doubleToRawLongBits(Double.MIN_NORMAL),
                    Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(1.5)};
            case BOOL: return new long[] {1, 0};
            default: throw new AssertionError(type);
        }
    }

    private static long f32(float f) {
        return Float.floatToRawIntBits(f) & 0xFFFF_FFFFL;
    }

    /** Adds the {@value #KINDS} table to {@code world} with {@code rows} rows of {@link #extremeBits}. */
    public static Table addKinds(World world, long rows) {
        Table table = world.createTable(KINDS_SCHEMA, rows);
        for (long r = 0; r < rows; r++) {
            long slot = table.addRow();
            for (int c = 0; c < KINDS_SCHEMA.columnCount(); c++) {
                table.setBits(c, slot, extremeBits(table.columnType(c), r));
            }
        }
        return table;
    }

    /** A world holding only the kinds table, at tick 3 with a recognisable generator state. */
    public static World kindsWorld(BufferAllocator allocator, long rows) {
        World world = new World(allocator);
        try {
            addKinds(world, rows);
            world.setTick(3);
            world.setRngState(new byte[] {1, 2, 3, 4, 5});
            return world;
        } catch (RuntimeException e) {
            world.close();
            throw e;
        }
    }

    /** The table with a column of every kind other than scalar ({@code io.tickstore.columns.testing.AllKinds}). */
    public static final String ALL_KINDS = "all_kinds";

    /**
     * A world holding the {@value #ALL_KINDS} table: {@code rows} rows of random values of every kind (some rows left at
     * their defaults), two removed again so the values are not in slot order, at tick 4.
     */
    public static World allKindsWorld(BufferAllocator allocator, long seed, int rows) {
        World world = new World(allocator);
        try {
            Schema schema = io.tickstore.columns.testing.AllKinds.schema(ALL_KINDS);
            Table table = world.createTable(schema, rows);
            java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
            for (int i = 0; i < rows + 2; i++) {
                long slot = table.addRow();
                for (int c = 0; c < schema.columnCount(); c++) {
                    if (random.nextInt(5) > 0) {
                        io.tickstore.columns.testing.AllKinds.write(table, c, slot,
                                io.tickstore.columns.testing.AllKinds.randomValue(random, schema.column(c)), random);
                    }
                }
            }
            if (table.rowCount() > 3) {
                table.removeRow(1);
                table.removeRow(table.rowCount() / 2);
            }
            world.setTick(4);
            world.setRngState(new byte[] {4, 3, 2, 1});
            return world;
        } catch (RuntimeException e) {
            world.close();
            throw e;
        }
    }

    /** The reference simulation seeded with {@code seed}, advanced {@code ticks} ticks. */
    public static World creatures(BufferAllocator allocator, long seed, int entities, long ticks) {
        World world = CreatureSimulation.newWorld(allocator, seed, entities);
        try {
            new CreatureSimulation(world).run(ticks);
            return world;
        } catch (RuntimeException e) {
            world.close();
            throw e;
        }
    }
}
