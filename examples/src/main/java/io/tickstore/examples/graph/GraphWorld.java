package io.tickstore.examples.graph;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.columns.sim.SimRandom;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A graph-shaped world like the reference design's integration test: a {@code nodes} table (position, kind,
 * degree, capacity, active) and an {@code edges} table (source, target, weight, flow), filled from a seed. The
 * backends' tests and the journal benchmarks persist it, so both measure and check the same world.
 *
 * <pre>
 * try (World world = GraphWorld.create(allocator, 42, 2_000, 4, 0)) {   // 2,000 nodes, 8,000 edges, tick 0
 *     backend.persistTick(session, world);
 * }
 * </pre>
 */
public final class GraphWorld {
    public static final Schema NODES = Schema.builder("nodes", 1)
            .column("x", ColumnType.F32)
            .column("y", ColumnType.F32)
            .column("kind", ColumnType.U8)
            .column("degree", ColumnType.U32)
            .column("capacity", ColumnType.F64)
            .column("active", ColumnType.BOOL)
            .build();

    public static final Schema EDGES = Schema.builder("edges", 1)
            .column("src", ColumnType.I64)
            .column("dst", ColumnType.I64)
            .column("weight", ColumnType.F64)
            .column("flow", ColumnType.F32)
            .build();

    private GraphWorld() {
    }

    /**
     * A new world at {@code tick} holding {@code nodes} nodes and {@code edgesPerNode} outgoing edges from each,
     * the same for the same arguments; the generator's state after filling it is the world's. The caller closes it.
     */
    public static World create(BufferAllocator allocator, long seed, int nodes, int edgesPerNode, long tick) {
        World world = new World(allocator);
        try {
            SimRandom random = new SimRandom(seed);
            fill(world, random, nodes, edgesPerNode);
            world.setTick(tick);
            world.setRngState(random.state());
            return world;
        } catch (RuntimeException | Error failure) {
            world.close();
            throw failure;
        }
    }

    /** Creates both tables in an empty world and fills them, drawing from {@code random}. */
    static void fill(World world, SimRandom random, int nodes, int edgesPerNode) {
        Table nodeTable = world.createTable(NODES, nodes);
        Table edgeTable = world.createTable(EDGES, (long) nodes * edgesPerNode);
        for (int i = 0; i < nodes; i++) {
            long slot = nodeTable.addRow();
            nodeTable.setFloat(0, slot, random.nextFloat() * 100f);
            nodeTable.setFloat(1, slot, random.nextFloat() * 100f);
            nodeTable.setByte(2, slot, (byte) (i % 7));
            nodeTable.setInt(3, slot, edgesPerNode);
            nodeTable.setDouble(4, slot, random.nextDouble() * 1e6);
            nodeTable.setBoolean(5, slot, (i & 1) == 0);
        }
        for (int i = 0; i < nodes; i++) {
            for (int k = 0; k < edgesPerNode; k++) {
                long slot = edgeTable.addRow();
                edgeTable.setLong(0, slot, i);
                edgeTable.setLong(1, slot, (long) (random.nextDouble() * nodes));
                edgeTable.setDouble(2, slot, random.nextDouble());
                edgeTable.setFloat(3, slot, random.nextFloat());
            }
        }
    }
}
