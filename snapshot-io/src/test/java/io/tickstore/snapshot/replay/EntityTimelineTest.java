package io.tickstore.snapshot.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.examples.creatures.CreatureSimulation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** An entity's values tick by tick, from a snapshot and the log alone, equal the worlds rebuilt at each of those ticks. */
class EntityTimelineTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    @Test
    void everyTicksValuesEqualTheRebuiltWorldsForEntitiesBornDyingAndLiving() throws IOException {
        Path run = dir.resolve("run");
        RecordedRun.record(run, memory.root(), 21, 300, 40, 10);
        List<String> columns = List.of("energy", "pos_x", "gen", "birth_t");
        try (RunHistory history = RunHistory.open(run)) {
            // entities that live throughout, and ones born during the range (ids past the initial 300)
            for (long entity : new long[] {0, 7, 150, 299, 300, 303, 310}) {
                EntityTimeline timeline = EntityTimeline.of(history, CreatureSimulation.TABLE, columns, entity, 5, 33, memory.root());
                assertEquals(29, timeline.size());
                for (int i = 0; i < timeline.size(); i++) {
                    long tick = timeline.tick(i);
                    try (World world = history.reconstructAt(tick, memory.root())) {
                        Table table = world.table(CreatureSimulation.TABLE);
                        long slot = table.slotOf(entity);
                        assertEquals(slot >= 0, timeline.alive(i), "entity " + entity + " live at tick " + tick);
                        if (slot >= 0) {
                            for (int c = 0; c < columns.size(); c++) {
                                assertEquals(table.getBits(table.columnIndex(columns.get(c)), slot), timeline.bits(i, c),
                                        "entity " + entity + " " + columns.get(c) + " at tick " + tick);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void aMisspeltColumnOrTableListsTheCloseNames() throws IOException {
        Path run = dir.resolve("run");
        RecordedRun.record(run, memory.root(), 22, 50, 5, 5);
        try (RunHistory history = RunHistory.open(run)) {
            TickstoreException column = assertThrows(TickstoreException.class,
                    () -> EntityTimeline.of(history, "creatures", List.of("enrgy"), 1, 0, 5, memory.root()));
            assertTrue(column.getMessage().endsWith("; did you mean energy?"), column.getMessage());
            TickstoreException table = assertThrows(TickstoreException.class,
                    () -> EntityTimeline.of(history, "creature", List.of("energy"), 1, 0, 5, memory.root()));
            assertTrue(table.getMessage().endsWith("; did you mean creatures?"), table.getMessage());
            ReplayException late = assertThrows(ReplayException.class,
                    () -> EntityTimeline.of(history, "creatures", List.of("energy"), 1, 0, 6, memory.root()));
            assertEquals(TickstoreException.Problem.TICK_AFTER_LOG, late.problem());
        }
    }
}
