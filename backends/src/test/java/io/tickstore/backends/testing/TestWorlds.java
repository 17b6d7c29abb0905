package io.tickstore.backends.testing;

import io.tickstore.examples.graph.GraphWorld;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.DefaultValue;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.examples.creatures.CreatureSimulation;
import org.apache.arrow.memory.BufferAllocator;

/** Worlds the backend tests persist: the reference creatures, a table of every type at its extremes, a graph. */
public final class TestWorlds {
    /**
     * Every column type, with reserved words ({@code order}, {@code select}) and mixed case among the names so that
     * quoting is exercised, and one non-zero default.
     */
    public static final Schema ALL_TYPES = Schema.builder("all_types", 2)
            .column("i8", ColumnType.I8)
            .column("u8", ColumnType.U8)
            .column("i16", ColumnType.I16)
            .column("u16", ColumnType.U16)
            .column("order", ColumnType.I32)
            .column("u32", ColumnType.U32)
            .column("i64", ColumnType.I64)
            .column("u64", ColumnType.U64)
            .column("select", ColumnType.F32)
            .column("MixedCase", ColumnType.F64, 2, DefaultValue.ofFloat(ColumnType.F64, 1.5))
            .column("flag", ColumnType.BOOL)
            .build();

    /** The graph world's node table ({@link GraphWorld#NODES}). */
    public static final Schema NODES = GraphWorld.NODES;

    /** The graph world's edge table ({@link GraphWorld#EDGES}). */
    public static final Schema EDGES = GraphWorld.EDGES;

    private TestWorlds() {
    }

    /** A column of every kind other than scalar ({@code io.tickstore.columns.testing.AllKinds}), under a name of its own. */
    public static final Schema EVERY_KIND = io.tickstore.columns.testing.AllKinds.schema("every_kind");

    /**
     * {@code rows} rows of random values of every kind at {@code tick} (arrays with NaN payloads, -0.0, infinities and
     * every element type's extremes; strings of one to four UTF-8 bytes a character), a row removed so slots moved.
     */
    public static World everyKind(BufferAllocator allocator, long seed, int rows, long tick) {
        World world = new World(allocator);
        Table t = world.createTable(EVERY_KIND, rows);
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int i = 0; i < rows + 1; i++) {
            long slot = t.addRow();
            for (int c = 0; c < EVERY_KIND.columnCount(); c++) {
                io.tickstore.columns.testing.AllKinds.write(t, c, slot,
                        io.tickstore.columns.testing.AllKinds.randomValue(random, EVERY_KIND.column(c)), random);
            }
        }
        t.removeRow(0);
        world.setTick(tick);
        world.setRngState(new byte[] {7, 7});
        return world;
    }

    /** The reference simulation after {@code ticks} ticks, so rows have been born, died and swap-removed. */
    public static World creatures(BufferAllocator allocator, long seed, int entities, int ticks) {
        World world = CreatureSimulation.newWorld(allocator, seed, entities);
        new CreatureSimulation(world).run(ticks);
        return world;
    }

    /** One table holding every type's minimum, maximum, zero and odd values (NaN payloads, -0.0, infinities). */
    public static World allTypes(BufferAllocator allocator, long tick) {
        World world = new World(allocator);
        Table t = world.createTable(ALL_TYPES, 16);
        long[][] rows = {
            // i8, u8, i16, u16, i32, u32, i64, u64, f32 bits, f64 bits, bool
            {Byte.MIN_VALUE, 0, Short.MIN_VALUE, 0, Integer.MIN_VALUE, 0, Long.MIN_VALUE, 0,
                Float.floatToRawIntBits(-0.0f), Double.doubleToRawLongBits(-0.0), 0},
            {Byte.MAX_VALUE, 0xFF, Short.MAX_VALUE, 0xFFFF, Integer.MAX_VALUE, 0xFFFF_FFFFL, Long.MAX_VALUE, -1L,
                0x7fc0_0001, 0x7ff8_0000_0000_0abcL, 1},
            {-1, 128, -1, 32768, -1, 0x8000_0000L, -1, Long.MIN_VALUE,
                Float.floatToRawIntBits(Float.POSITIVE_INFINITY), Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY), 1},
            {0, 1, 0, 1, 0, 1, 0, 10_000L * 10_000 * 10_000 * 10_000,
                Float.floatToRawIntBits(Float.MIN_VALUE), Double.doubleToRawLongBits(Double.MIN_VALUE), 0},
            {42, 200, 12345, 54321, 123456789, 3_000_000_000L, 1L << 53, 9_999_999_999_999_999L,
                Float.floatToRawIntBits(0.1f), Double.doubleToRawLongBits(1.0 / 3.0), 1},
            {7, 7, 7, 7, 7, 7, 7, 7, 0xffc0_0000, Double.doubleToRawLongBits(Double.NaN), 0},
        };
        for (long[] row : rows) {
            long slot = t.addRow();
            for (int c = 0; c < row.length; c++) {
                t.setBits(c, slot, row[c]);
            }
        }
        t.removeRow(2);
        world.setTick(tick);
        world.setRngState(new byte[] {1, 2, 3});
        return world;
    }

    /** A graph: {@code nodes} nodes and {@code edgesPerNode} outgoing edges from each, deterministic in {@code seed}. */
    public static World graph(BufferAllocator allocator, long seed, int nodes, int edgesPerNode, long tick) {
        return GraphWorld.create(allocator, seed, nodes, edgesPerNode, tick);
    }
}
