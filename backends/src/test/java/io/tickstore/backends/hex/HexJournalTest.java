package io.tickstore.backends.hex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.backends.PersistenceException;
import io.tickstore.backends.TierPlan;
import io.tickstore.backends.testing.PostgresTestSchema;
import io.tickstore.backends.testing.PostgresTestServer;
import io.tickstore.backends.testing.SqlRows;
import io.tickstore.columns.ColumnKind;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import io.tickstore.columns.sim.SimulationSettings;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.examples.geo.GeoWorld;
import io.tickstore.recording.Recording;
import io.tickstore.recording.RecordingObserver;
import io.tickstore.recording.TickReport;
import io.tickstore.recording.TouchedRows;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A recorded geographic world journaled in its tiers into the hex journal, and read back through the cache. */
class HexJournalTest {
    @RegisterExtension
    static final PostgresTestSchema postgres = new PostgresTestSchema("hex_journal");

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    static final GeoWorld GEO = new GeoWorld();

    static SimulationSettings small(long seed) {
        return new SimulationSettings(seed, 0, Map.of("resolution", "3"));
    }

    /** What a run held and touched at every tick: the activity that holds (heat, organisations, response) by hex. */
    static final class Run implements RecordingObserver {
        final Map<Integer, Integer> touchedPerTick = new TreeMap<>();
        final Map<Integer, Map<String, String>> activityPerTick = new TreeMap<>();
        UUID session;
        int counties;
        int hexes;

        @Override
        public void tickEnded(TickReport tick) {
            touchedPerTick.put((int) tick.tick(), tick.touched("hex_activity").orElseThrow().count());
        }

        @Override
        public boolean followsTouchedRows() {
            return true;
        }

        void keep(World world) {
            Table a = world.table("hex_activity");
            Map<String, String> byHex = new TreeMap<>();
            for (long slot = 0; slot < a.rowCount(); slot++) {
                byHex.put(Long.toHexString(a.getLong(0, slot)), activityText(a.getFloat(1, slot), a.getFloat(2, slot), a.getShort(3, slot),
                        a.getFloat(5, slot), a.getShort(6, slot), a.getString(7, slot)));
            }
            activityPerTick.put((int) world.tick(), byHex);
            counties = (int) world.table("territory").rowCount();
            hexes = (int) a.rowCount();
        }
    }

    static String activityText(float heat, float delta, short orgs, float presence, short actions, String response) {
        return heat + "/" + delta + "/" + orgs + "/" + presence + "/" + actions + "/" + response;
    }

    /** Every hex's activity at {@code tick} rebuilt from the journals, as {@link #activityText} has it. */
    static Map<String, String> rebuilt(Connection c, UUID session, int tick) throws SQLException {
        Map<String, String> rebuilt = new TreeMap<>();
        for (HexState hex : HexCache.reconstruct(c, session, tick, List.of())) {
            HexState.Activity a = hex.activity();
            rebuilt.put(hex.h3Index(), activityText(a.heat(), a.heatDelta(), a.orgCount(), a.orgPresence(), a.actionsTaken(), a.responseMode()));
        }
        return rebuilt;
    }

    /** Records {@code ticks} ticks of a small world with a hex journal persisting every tick. */
    Run record(String name, long seed, int ticks) throws Exception {
        Run run = new Run();
        HexJournal journal = HexJournal.open("postgres:" + PostgresTestServer.url(), postgres.options()).everyTick();
        try (Recording rec = Recording.at(dir.resolve(name)).fsync(false).simulation(GEO, small(seed)).observer(journal).observer(run)
                .create(memory.root())) {
            run.keep(rec.world());
            for (int t = 0; t < ticks; t++) {
                rec.step(GEO.systems(rec.world()));
                run.keep(rec.world());
            }
        }
        run.session = journal.sessionId();
        assertEquals(ticks + 1, journal.ticksPersisted());
        return run;
    }

    static Connection connect() throws SQLException {
        Connection c = PostgresTestServer.connect();
        try (Statement st = c.createStatement()) {
            st.execute("SET search_path TO \"" + postgres.name() + "\", public");
        }
        return c;
    }

    @Test
    void everyTierHoldsWhatItShouldAndTheCacheRebuildsEveryTick() throws Exception {
        Run run = record("tiers", 7, 5);
        String s = " WHERE game_id = '" + run.session + "'";
        try (Connection c = connect()) {
            // a closed ring of five or six corners, more where an H3 edge crosses an icosahedron face
            assertEquals(List.of(run.hexes + " 4326 t"), SqlRows.of(c, "SELECT count(*), min(ST_SRID(geom)), min(ST_NPoints(geom)) >= 6"
                    + " FROM hex_map" + s + " AND ST_IsValid(geom)"));
            assertTrue(Long.parseLong(SqlRows.of(c, "SELECT count(*) FROM hex_substrate" + s).get(0)) >= 6L * run.hexes);
            for (int tick = 0; tick <= 5; tick++) {
                String at = s + " AND tick = " + tick;
                assertEquals(List.of(Integer.toString(run.counties)), SqlRows.of(c, "SELECT count(*) FROM territory_snapshot" + at));
                assertEquals(List.of(Integer.toString(run.touchedPerTick.getOrDefault(tick, 0))),
                        SqlRows.of(c, "SELECT count(*) FROM hex_activity" + at), "tick " + tick + " holds the rows it touched");
                assertEquals(run.activityPerTick.get(tick), rebuilt(c, run.session, tick), "tick " + tick + " rebuilt from the journals");
            }
            assertEquals(List.of("5"), SqlRows.of(c, "SELECT DISTINCT tick FROM hex_latest" + s));
        }
    }

    /**
     * A property over random seeds, with the journal persisting every third tick only (so a persisted tick holds the
     * activity of three): at persisted ticks chosen at random, every reconstructed hex equals, in every field, the
     * {@link HexState} the simulation's own tables give ({@link HeldWorld}: its county's economics and factions, its
     * latest activity and the tick of it, its substrate rolled up), and the tick's territory rows equal the
     * simulation's territory in every column. The seeds and ticks are in each failure's message.
     */
    @Test
    void persistedTicksChosenAtRandomRebuildToTheWorldTheSimulationHeldInEveryColumn() throws Exception {
        Random seeds = new Random();
        for (int round = 0; round < 3; round++) {
            long seed = seeds.nextLong();
            HeldWorld held = new HeldWorld();
            HexJournal journal = HexJournal.open("postgres:" + PostgresTestServer.url(), postgres.options());
            try (Recording rec = Recording.at(dir.resolve("seed-" + round)).fsync(false).checkpointEvery(3).simulation(GEO, small(seed))
                    .observer(journal).observer(held).create(memory.root())) {
                held.keep(rec.world());
                for (int t = 1; t <= 15; t++) {
                    rec.step(GEO.systems(rec.world()));
                    if (t % 3 == 0) {
                        held.keep(rec.world());
                    }
                }
            }
            List<Integer> persisted = new ArrayList<>(held.keptTicks());
            Collections.shuffle(persisted, new Random(seed));
            try (Connection c = connect()) {
                for (int tick : persisted.subList(0, 3)) {
                    String where = "seed " + seed + " tick " + tick;
                    List<HexState> expected = held.hexesAt(tick);
                    List<HexState> rebuilt = HexCache.reconstruct(c, journal.sessionId(), tick, List.of());
                    assertEquals(expected.size(), rebuilt.size(), where + ": hexes rebuilt");
                    for (int i = 0; i < expected.size(); i++) {
                        assertEquals(expected.get(i), rebuilt.get(i), where + ": hex " + expected.get(i).h3Index());
                    }
                    assertTerritoryEqualsHeld(c, journal.sessionId(), tick, held, where);
                }
            }
        }
    }

    /** Every column of the tick's territory_snapshot rows against the simulation's territory (JSON compared as jsonb). */
    static void assertTerritoryEqualsHeld(Connection c, UUID session, int tick, HeldWorld held, String where) throws SQLException {
        Map<String, List<Object>> counties = held.territoryAt(tick);
        Schema schema = held.territorySchema();
        int rows = 0;
        try (PreparedStatement q = c.prepareStatement("SELECT * FROM territory_snapshot WHERE game_id = ? AND tick = ? ORDER BY county_fips");
                PreparedStatement json = c.prepareStatement("SELECT ?::jsonb = ?::jsonb")) {
            q.setObject(1, session);
            q.setInt(2, tick);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rows++;
                    String county = rs.getString("county_fips");
                    List<Object> row = counties.get(county);
                    assertTrue(row != null, where + ": county " + county + " is not in the simulation's territory");
                    assertEquals(tick, rs.getInt("tick"), where + ": county " + county);
                    for (int col = 0; col < schema.columnCount(); col++) {
                        String name = schema.column(col).name();
                        Object want = row.get(col);
                        String at = where + ": county " + county + " column " + name;
                        if (schema.column(col).kind() == ColumnKind.JSON) {
                            json.setString(1, (String) want);
                            json.setString(2, rs.getString(name));
                            try (ResultSet same = json.executeQuery()) {
                                same.next();
                                assertTrue(same.getBoolean(1), at + ": " + rs.getString(name) + " against " + want);
                            }
                        } else if (want instanceof Float f) {
                            assertEquals(f, rs.getFloat(name), at);
                        } else if (want instanceof Long l) {
                            assertEquals(l, rs.getLong(name), at);
                        } else if (want instanceof Short s) {
                            assertEquals(s, rs.getShort(name), at);
                        } else {
                            assertEquals(want, rs.getObject(name), at);
                        }
                    }
                }
            }
        }
        assertEquals(counties.size(), rows, where + ": territory rows");
    }

    @Test
    void tenSessionsJournalAtOnceAndEachHoldsOnlyItsOwn() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Run>> runs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int seed = 100 + i;
                runs.add(pool.submit(() -> record("ten-" + seed, seed, 3)));
            }
            try (Connection c = connect()) {
                for (Future<Run> future : runs) {
                    Run run = future.get();
                    assertEquals(run.activityPerTick.get(3), rebuilt(c, run.session, 3), "session " + run.session);
                    assertEquals(List.of(Integer.toString(4 * run.counties)),
                            SqlRows.of(c, "SELECT count(*) FROM territory_snapshot WHERE game_id = '" + run.session + "'"));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTableKeptOnceThatChangesFailsTheTickNamingTableTickAndRow() throws Exception {
        HexJournal journal = HexJournal.open("postgres:" + PostgresTestServer.url(), postgres.options());
        try (Recording rec = Recording.at(dir.resolve("once")).fsync(false).simulation(GEO, small(3)).observer(journal)
                .create(memory.root())) {
            rec.step(GEO.systems(rec.world()));
            rec.world().table("hex_substrate").setFloat(3, 5, 1234f);
            PersistenceException e = assertThrows(PersistenceException.class, rec::endTick);
            assertEquals(Problem.TIER_MISFIT, e.problem());
            assertTrue(e.getMessage().contains("table 'hex_substrate'") && e.getMessage().contains("tick 2")
                    && e.getMessage().contains("row 5"), e.getMessage());
        }
    }

    @Test
    void aSparseTableGivenARowItsTickDidNotTouchIsRefused() {
        TierPlan plan = HexJournalWriter.plan();
        PersistenceException e = assertThrows(PersistenceException.class, () -> plan.checkGiven("hex_activity", 9,
                TouchedRows.of("hex_activity", 3, 4, 7), TouchedRows.of("hex_activity", 3, 7)));
        assertEquals(Problem.TIER_MISFIT, e.problem());
        assertTrue(e.getMessage().contains("'hex_activity'") && e.getMessage().contains("row 4")
                && e.getMessage().contains("tick 9"), e.getMessage());
    }
}
