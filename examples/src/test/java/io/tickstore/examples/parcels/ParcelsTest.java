package io.tickstore.examples.parcels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ContentHash;
import io.tickstore.columns.JsonText;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.columns.sim.SimulationRunner;
import io.tickstore.columns.sim.SimulationSettings;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The parcels simulation's own invariants, unrecorded (recording, replay and resume are tested where they live). */
class ParcelsTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    private World run(long seed, int parcels, long ticks) {
        World world = SimulationRunner.newWorld(new Parcels(), memory.root(), new SimulationSettings(seed, parcels));
        new SimulationRunner(new Parcels(), world).run(ticks);
        return world;
    }

    @Test
    void parcelsKeepTheirShapeAndTheDictionariesGrow() {
        try (World world = run(3, 300, 60)) {
            Table t = world.table("parcels");
            assertEquals(300 + 60 / 7, t.rowCount(), "each split removes one parcel and adds two");
            assertTrue(t.dictionary(Parcels.TERRAIN).entries().contains("class-2"), "a terrain class first seen at tick 50");
            for (long row = 0; row < t.rowCount(); row++) {
                String fips = t.getString(Parcels.FIPS, row);
                assertTrue(fips.matches("48\\d{3}"), fips);
                String attributes = t.getString(Parcels.ATTRIBUTES, row);
                assertEquals(JsonText.canonical(attributes), attributes, "JSON is kept canonical");
                double norm = 0;
                for (int i = 0; i < 16; i++) {
                    norm += t.getFloat(Parcels.EMBEDDING, row, i) * t.getFloat(Parcels.EMBEDDING, row, i);
                }
                assertTrue(Math.abs(Math.sqrt(norm) - 1) < 0.2, "embeddings stay near the unit sphere: " + norm);
                assertEquals(t.getStrings(Parcels.ORGS, row).stream().distinct().count(), t.getStrings(Parcels.ORGS, row).size());
            }
        }
    }

    @Test
    void theSameSeedMakesTheSameWorld() {
        try (World a = run(5, 120, 30); World b = run(5, 120, 30)) {
            assertEquals(ContentHash.hex(a), ContentHash.hex(b));
        }
    }
}
