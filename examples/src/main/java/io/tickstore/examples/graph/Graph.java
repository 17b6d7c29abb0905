package io.tickstore.examples.graph;

import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.columns.sim.SimRandom;
import io.tickstore.columns.sim.Simulation;
import io.tickstore.columns.sim.SimulationSettings;
import io.tickstore.columns.sim.SimulationSystem;
import io.tickstore.columns.sim.TickContext;
import java.util.List;

/**
 * The graph sample as a {@link Simulation} ({@code ./tickstore run --sim graph}): {@code entities} nodes with
 * {@code edges-per-node} outgoing edges each (parameter, default 4). Each tick a twentieth of the edges carry a new
 * flow, nodes whose inflow exceeds their capacity go inactive, and one edge in a thousand is rewired (removed and
 * added again elsewhere), so the journal sees writes, deaths and births.
 */
public final class Graph implements Simulation {
    public static final String NAME = "graph";
    public static final String EDGES_PER_NODE = "edges-per-node";

    private static final int FLOW = 3;
    private static final int WEIGHT = 2;
    private static final int SRC = 0;
    private static final int DST = 1;
    private static final int ACTIVE = 5;
    private static final int CAPACITY = 4;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "a graph of nodes and weighted edges whose flows change each tick; edges are rewired now and then";
    }

    @Override
    public List<Schema> schemas() {
        return List.of(GraphWorld.NODES, GraphWorld.EDGES);
    }

    @Override
    public void populate(World world, SimRandom random, SimulationSettings settings) {
        long perNode = settings.longParameter(EDGES_PER_NODE, 4);
        if (perNode < 0 || perNode > 1024 || settings.entities() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(EDGES_PER_NODE + "=" + perNode + " with " + settings.entities()
                    + " nodes is out of range (0..1024 edges per node, at most " + Integer.MAX_VALUE + " nodes)");
        }
        GraphWorld.fill(world, random, (int) settings.entities(), (int) perNode);
    }

    @Override
    public long bytesPerEntity() {
        return GraphWorld.NODES.rowWidth() + 8 + 4L * (GraphWorld.EDGES.rowWidth() + 8);
    }

    @Override
    public List<SimulationSystem> systems(World world) {
        Table nodes = world.table(GraphWorld.NODES.name());
        Table edges = world.table(GraphWorld.EDGES.name());
        return List.of(SimulationSystem.of("flow", tick -> flow(tick, nodes, edges)),
                SimulationSystem.of("rewire", tick -> rewire(tick, nodes, edges)));
    }

    /** A twentieth of the edges (random gaps of 1..39 slots) take a new flow; overloaded targets switch off. */
    private static void flow(TickContext tick, Table nodes, Table edges) {
        SimRandom random = tick.random();
        long n = edges.rowCount();
        for (long slot = 1 + (random.nextLong() >>> 1) % 39 - 1; slot < n; slot += 1 + (random.nextLong() >>> 1) % 39) {
            float flow = (float) (edges.getDouble(WEIGHT, slot) * random.nextFloat() * 1000.0);
            edges.setFloat(FLOW, slot, flow);
            long target = nodes.slotOf(edges.getLong(DST, slot));
            if (target >= 0 && flow > nodes.getDouble(CAPACITY, target) * 1e-3) {
                nodes.setBoolean(ACTIVE, target, !nodes.getBoolean(ACTIVE, target));
            }
        }
    }

    /** One edge in a thousand is removed and a new one added from the same source to a random node. */
    private static void rewire(TickContext tick, Table nodes, Table edges) {
        SimRandom random = tick.random();
        long rewires = edges.rowCount() / 1000;
        for (long i = 0; i < rewires && edges.rowCount() > 0 && nodes.rowCount() > 0; i++) {
            long slot = (random.nextLong() >>> 1) % edges.rowCount();
            long src = edges.getLong(SRC, slot);
            edges.removeRow(slot);
            long added = edges.addRow();
            edges.setLong(SRC, added, src);
            edges.setLong(DST, added, nodes.entityId((random.nextLong() >>> 1) % nodes.rowCount()));
            edges.setDouble(WEIGHT, added, random.nextDouble());
            edges.setFloat(FLOW, added, 0f);
        }
    }
}
