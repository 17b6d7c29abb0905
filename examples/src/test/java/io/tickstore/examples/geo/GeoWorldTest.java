package io.tickstore.examples.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ContentHash;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.columns.sim.SimulationRunner;
import io.tickstore.columns.sim.SimulationSettings;
import io.tickstore.columns.sim.SimRandom;
import io.tickstore.columns.sim.SimulationSystem;
import io.tickstore.columns.sim.TickContext;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.columns.trace.TraceBatch;
import io.tickstore.columns.trace.TraceCollector;
import io.tickstore.columns.trace.TraceLevel;
import io.tickstore.columns.trace.TraceRecorder;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The geographic world's own invariants on a small map, unrecorded (its journal is tested where it lives). */
class GeoWorldTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    static SimulationSettings small(long seed) {
        return new SimulationSettings(seed, 0, Map.of("resolution", "3"));
    }

    private World run(long seed, long ticks) {
        World world = SimulationRunner.newWorld(new GeoWorld(), memory.root(), small(seed));
        new SimulationRunner(new GeoWorld(), world).run(ticks);
        return world;
    }

    @Test
    void aSmallMapHasCountiesHexesAndSevenChildrenPerHex() {
        try (World world = run(1, 3)) {
            Table territory = world.table("territory");
            Table map = world.table("hex_map");
            Table substrate = world.table("hex_substrate");
            assertEquals(64, territory.rowCount());
            assertTrue(map.rowCount() > 300 && map.rowCount() < 2000, map.rowCount() + " hexes");
            assertEquals(map.rowCount(), world.table("hex_activity").rowCount());
            // pentagons have six children; the rest seven
            assertTrue(substrate.rowCount() >= 6 * map.rowCount() && substrate.rowCount() <= 7 * map.rowCount());
            for (long row = 0; row < territory.rowCount(); row++) {
                assertTrue(territory.getString(GeoWorld.T_FIPS, row).matches("\\d{5}"));
                assertTrue(territory.getString(GeoWorld.T_FIPS, row).startsWith(territory.getString(GeoWorld.T_STATE, row)));
                float sum = 0;
                for (int c = 0; c < 4; c++) {
                    sum += territory.getFloat(GeoWorld.T_CLASS + c, row);
                }
                assertEquals(1f, sum, 1e-4f);
                float unemployment = territory.getFloat(GeoWorld.T_UNEMPLOYMENT, row);
                assertTrue(unemployment > 0 && unemployment < 1);
            }
        }
    }

    @Test
    void everyCountyChangesEveryTickAndActivityStaysValid() {
        try (World before = run(2, 4); World after = run(2, 5)) {
            Table a = before.table("territory");
            Table b = after.table("territory");
            for (long row = 0; row < a.rowCount(); row++) {
                assertNotEquals(a.getLong(GeoWorld.T_POP, row) + "/" + a.getFloat(GeoWorld.T_VT, row),
                        b.getLong(GeoWorld.T_POP, row) + "/" + b.getFloat(GeoWorld.T_VT, row), "county " + row + " changed");
            }
            Table activity = after.table("hex_activity");
            int hot = 0;
            for (long row = 0; row < activity.rowCount(); row++) {
                float heat = activity.getFloat(GeoWorld.A_HEAT, row);
                assertTrue(heat >= 0);
                assertEquals(activity.getStrings(GeoWorld.A_ORG_IDS, row).size(), activity.getShort(GeoWorld.A_ORG_COUNT, row));
                hot += heat > 0 ? 1 : 0;
            }
            assertTrue(hot > 0 && hot < activity.rowCount(), hot + " hexes with heat");
            assertEquals(ContentHash.hex(before.table("hex_substrate")), ContentHash.hex(after.table("hex_substrate")));
        }
    }

    @Test
    void theSameSeedMakesTheSameWorldAndAnotherSeedAnother() {
        try (World a = run(5, 6); World b = run(5, 6); World c = run(6, 6)) {
            assertEquals(ContentHash.hex(a), ContentHash.hex(b));
            assertNotEquals(ContentHash.hex(a), ContentHash.hex(c));
        }
    }

    /**
     * Traced at TRACE, the world is the one it is untraced (tracing draws nothing from the generator), and each tick
     * traces every county, every hex drawn (heat, or cooling off) with its organisations, and each system's totals.
     */
    @Test
    void tracingKeepsTheWorldAndTracesEveryCountyAndEveryHexDrawn() {
        TreeMap<String, Integer> events = new TreeMap<>();
        try (World untraced = run(7, 4); World world = SimulationRunner.newWorld(new GeoWorld(), memory.root(), small(7));
             TraceRecorder trace = TraceRecorder.create(TraceLevel.TRACE, memory.root(), batch -> count(batch, events))) {
            List<SimulationSystem> systems = new GeoWorld().systems(world);
            SimRandom random = SimRandom.fromState(world.rngState());
            for (long tick = 1; tick <= 4; tick++) {
                long now = tick;
                TickContext context = new TickContext() {
                    public World world() {
                        return world;
                    }

                    public long tick() {
                        return now;
                    }

                    public SimRandom random() {
                        return random;
                    }

                    public TraceCollector trace() {
                        return trace;
                    }
                };
                systems.forEach(system -> system.run(context));
                world.setTick(tick);
                world.setRngState(random.state());
                trace.flush(tick);
            }
            trace.awaitWritten();
            assertEquals(ContentHash.hex(untraced), ContentHash.hex(world), "tracing changes nothing in the world");
            long counties = world.table("territory").rowCount();
            int drawn = GeoWorld.activePerTick(world.table("hex_activity").rowCount());
            assertEquals(4 * counties, (long) events.get("economy.county"));
            assertEquals(4, (int) events.get("economy.totals"));
            assertEquals(4, (int) events.get("activity.totals"));
            assertEquals(4 * drawn, events.get("activity.hex") + events.getOrDefault("activity.cooled", 0));
            assertEquals(events.get("activity.hex"), events.get("activity.organisations"));
        }
    }

    private static void count(TraceBatch batch, TreeMap<String, Integer> events) {
        TraceBatch.Cursor c = batch.cursor();
        while (c.next()) {
            events.merge(c.system() + "." + c.event(), 1, Integer::sum);
        }
    }
}
