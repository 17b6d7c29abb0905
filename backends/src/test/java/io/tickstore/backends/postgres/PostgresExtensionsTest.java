package io.tickstore.backends.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.backends.ColumnSummary;
import io.tickstore.backends.PersistenceException;
import io.tickstore.backends.testing.PostgresTestSchema;
import io.tickstore.backends.testing.TestWorlds;
import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import io.tickstore.examples.creatures.CreatureSimulation;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What only PostgreSQL does: per-tick column summaries computed by the server, and CSV export through COPY. */
class PostgresExtensionsTest {
    @RegisterExtension
    static final PostgresTestSchema postgres = new PostgresTestSchema("extensions");

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @Test
    void aSummaryHoldsTheCountMinimumMaximumAndMeanOfAColumn() {
        try (World world = TestWorlds.creatures(memory.root(), 41, 1_000, 2)) {
            UUID session = UUID.randomUUID();
            postgres.backend().createSession(session, world);
            postgres.backend().persistTick(session, world);
            postgres.backend().summarizeTick(session, world.tick());
            Table creatures = world.table(CreatureSimulation.TABLE);
            int energy = creatures.columnIndex("energy");
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (long slot = 0; slot < creatures.rowCount(); slot++) {
                double v = creatures.getFloat(energy, slot);
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
            }
            List<ColumnSummary> summaries = postgres.backend().columnSummaries(session, CreatureSimulation.TABLE, "energy");
            assertEquals(1, summaries.size());
            ColumnSummary s = summaries.get(0);
            assertEquals(world.tick(), s.tick());
            assertEquals(creatures.rowCount(), s.rows());
            assertEquals(min, s.min());
            assertEquals(max, s.max());
            assertEquals(sum / creatures.rowCount(), s.mean(), 1e-9 * Math.abs(s.mean()));
        }
    }

    @Test
    void summarizingATickAgainReplacesItsSummaryAndTicksFormATimeSeries() {
        try (World world = TestWorlds.graph(memory.root(), 42, 100, 1, 0)) {
            UUID session = UUID.randomUUID();
            postgres.backend().createSession(session, world);
            postgres.backend().persistTick(session, world);
            postgres.backend().summarizeTick(session, 0);
            postgres.backend().summarizeTick(session, 0);
            world.setTick(1);
            world.table("nodes").removeRow(0);
            postgres.backend().persistTick(session, world);
            postgres.backend().summarizeTick(session, 1);
            List<ColumnSummary> active = postgres.backend().columnSummaries(session, "nodes", "active");
            assertEquals(List.of(0L, 1L), active.stream().map(ColumnSummary::tick).toList());
            assertEquals(List.of(100L, 99L), active.stream().map(ColumnSummary::rows).toList());
            assertEquals(0.5, active.get(0).mean());
        }
    }

    @Test
    void summariesOfAnEmptyTableAreNan() {
        try (World world = TestWorlds.graph(memory.root(), 43, 0, 0, 0)) {
            UUID session = UUID.randomUUID();
            postgres.backend().createSession(session, world);
            postgres.backend().persistTick(session, world);
            postgres.backend().summarizeTick(session, 0);
            ColumnSummary s = postgres.backend().columnSummaries(session, "edges", "weight").get(0);
            assertEquals(0, s.rows());
            assertTrue(Double.isNaN(s.min()) && Double.isNaN(s.max()) && Double.isNaN(s.mean()));
        }
    }

    @Test
    void summarizingATickThatIsNotStoredIsNoSuchTick() {
        UUID session = UUID.randomUUID();
        postgres.backend().createSession(session, List.of(TestWorlds.NODES));
        assertEquals(Problem.NO_SUCH_TICK, assertThrows(PersistenceException.class, () -> postgres.backend().summarizeTick(session, 3)).problem());
    }

    @Test
    void aColumnTheSessionDoesNotHaveIsRefusedByName() {
        UUID session = UUID.randomUUID();
        postgres.backend().createSession(session, List.of(TestWorlds.NODES));
        PersistenceException e = assertThrows(PersistenceException.class, () -> postgres.backend().columnSummaries(session, "nodes", "x; drop"));
        assertEquals(Problem.INVALID_INPUT, e.problem());
        assertTrue(e.getMessage().contains("no column 'x; drop'"), e.getMessage());
        assertEquals(Problem.INVALID_INPUT, assertThrows(PersistenceException.class, () -> postgres.backend().columnSummaries(session, "ghosts", "x")).problem());
    }

    @Test
    void csvExportWritesAHeaderAndEveryRowInSlotOrderWithUnsignedValues() {
        try (World world = TestWorlds.allTypes(memory.root(), 5)) {
            UUID session = UUID.randomUUID();
            postgres.backend().createSession(session, world);
            postgres.backend().persistTick(session, world);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long rows = postgres.backend().exportCsv(session, 5, "all_types", out);
            String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
            Table t = world.table("all_types");
            assertEquals(t.rowCount(), rows);
            assertEquals(t.rowCount() + 1, lines.length);
            assertEquals("_entity_id,i8,u8,i16,u16,order,u32,i64,u64,select,MixedCase,flag", lines[0]);
            assertTrue(lines[2].startsWith(t.entityId(1) + ",127,255,32767,65535,2147483647,4294967295,9223372036854775807,18446744073709551615,"),
                    lines[2]);
        }
    }
}
