package io.tickstore.backends.hex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.backends.PersistenceException;
import io.tickstore.backends.testing.PostgresTestSchema;
import io.tickstore.backends.testing.SqlRows;
import io.tickstore.columns.TickstoreException.Problem;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HexCacheTest {
    @RegisterExtension
    static final PostgresTestSchema postgres = new PostgresTestSchema("hex_cache");

    /** Seeds, refreshes through ticks 1..n and keeps what hex_latest held at each tick. */
    private static Map<Integer, List<HexState>> journal(Connection c, HexWorldFixture world, int ticks, Random random)
            throws SQLException {
        world.writeMap(c);
        world.writeTick(c, 0, world.hexes() / 6);
        assertEquals(world.hexes(), HexCache.seed(c, world.session));
        Map<Integer, List<HexState>> held = new HashMap<>();
        held.put(0, HexCache.latest(c, world.session, List.of()));
        for (int tick = 1; tick <= ticks; tick++) {
            world.writeTick(c, tick, random.nextInt(world.hexes() / 4 + 1));
            HexCache.refresh(c, world.session, tick);
            held.put(tick, HexCache.latest(c, world.session, List.of()));
        }
        return held;
    }

    @Test
    void reconstructingAnyPastTickGivesWhatTheRefreshHeldThen() throws SQLException {
        try (Connection c = HexWorldFixture.connect(postgres.name())) {
            for (long seed = 1; seed <= 4; seed++) {
                Random random = new Random(seed);
                HexWorldFixture world = new HexWorldFixture(UUID.randomUUID(), 3 + random.nextInt(6), 4 + random.nextInt(12), seed);
                int ticks = 5 + random.nextInt(15);
                Map<Integer, List<HexState>> held = journal(c, world, ticks, random);
                assertEquals(held.get(ticks), HexCache.reconstruct(c, world.session, ticks, List.of()), "seed " + seed);
                for (int probe = 0; probe < 6; probe++) {
                    int tick = random.nextInt(ticks + 1);
                    assertEquals(held.get(tick), HexCache.reconstruct(c, world.session, tick, List.of()),
                            "seed " + seed + ", tick " + tick);
                    String county = HexWorldFixture.county(random.nextInt(world.counties));
                    List<HexState> ofCounty = held.get(tick).stream().filter(h -> h.countyFips().equals(county)).toList();
                    assertEquals(ofCounty, HexCache.reconstruct(c, world.session, tick, List.of(county)),
                            "seed " + seed + ", tick " + tick + ", county " + county);
                }
                c.rollback();
            }
        }
    }

    @Test
    void refreshingOverSkippedTicksEqualsRefreshingEachOne() throws SQLException {
        try (Connection c = HexWorldFixture.connect(postgres.name())) {
            HexWorldFixture world = new HexWorldFixture(UUID.randomUUID(), 4, 10, 7);
            world.writeMap(c);
            for (int tick = 0; tick <= 6; tick++) {
                world.writeTick(c, tick, 12);
            }
            HexCache.seed(c, world.session);
            HexCache.refresh(c, world.session, 2);
            HexCache.refresh(c, world.session, 6);
            HexCache.refresh(c, world.session, 6);
            assertEquals(HexCache.reconstruct(c, world.session, 6, List.of()), HexCache.latest(c, world.session, List.of()));
            c.rollback();
        }
    }

    @Test
    void activityHoldsUntilTheHexIsTouchedAgainAndEndedActivityLeavesNoHeat() throws SQLException {
        try (Connection c = HexWorldFixture.connect(postgres.name())) {
            HexWorldFixture world = new HexWorldFixture(UUID.randomUUID(), 2, 5, 3);
            world.writeMap(c);
            world.writeTick(c, 0, 0);
            world.writeTick(c, 1, 0);
            world.writeTick(c, 2, 0);
            String hex = HexWorldFixture.hex(3);
            SqlRows.of(c, "INSERT INTO hex_activity VALUES ('" + world.session + "', 1, '" + hex + "', 4.5, 4.5, 2, '{a,b}', 0.5, 3, 'suppress')"
                    + ", ('" + world.session + "', 2, '" + hex + "', 0, -4.5, 0, '{}', 0, 0, 'none') RETURNING 1");
            HexCache.seed(c, world.session);
            HexCache.refresh(c, world.session, 1);
            assertEquals(new HexState.Activity(1, 4.5f, 4.5f, (short) 2, 0.5f, (short) 3, "suppress"), activityOf(c, world, hex));
            world.writeTick(c, 3, 0);
            HexCache.refresh(c, world.session, 2);
            assertEquals(new HexState.Activity(2, 0f, -4.5f, (short) 0, 0f, (short) 0, "none"), activityOf(c, world, hex));
            HexCache.refresh(c, world.session, 3);
            assertEquals(new HexState.Activity(2, 0f, -4.5f, (short) 0, 0f, (short) 0, "none"), activityOf(c, world, hex));
            assertEquals(activityOf(c, world, hex), HexCache.reconstruct(c, world.session, 3, List.of(HexWorldFixture.county(0)))
                    .stream().filter(h -> h.h3Index().equals(hex)).findFirst().orElseThrow().activity());
            assertEquals(List.of(), SqlRows.of(c, "SELECT h3_index FROM v_hex_heat WHERE game_id = '" + world.session + "'"));
            c.rollback();
        }
    }

    private static HexState.Activity activityOf(Connection c, HexWorldFixture world, String hex) throws SQLException {
        return HexCache.latest(c, world.session, List.of(HexWorldFixture.county(0))).stream()
                .filter(h -> h.h3Index().equals(hex)).findFirst().orElseThrow().activity();
    }

    @Test
    void theSeedRollsTheSubstrateUpAndDerivesTheFactions() throws SQLException {
        try (Connection c = HexWorldFixture.connect(postgres.name())) {
            HexWorldFixture world = new HexWorldFixture(UUID.randomUUID(), 2, 3, 11);
            world.writeMap(c);
            world.writeTick(c, 0, 0);
            HexCache.seed(c, world.session);
            String s = "'" + world.session + "'";
            List<String> expected = SqlRows.of(c, "SELECT parent_h3, mode() WITHIN GROUP (ORDER BY terrain_type),"
                    + " avg(water_coverage)::real, avg(internet_access)::real, bool_or(broadband), avg(surveillance)::real,"
                    + " bool_or(urban) FROM hex_substrate WHERE game_id = " + s + " GROUP BY parent_h3 ORDER BY 1");
            assertEquals(expected, SqlRows.of(c, "SELECT h3_index, terrain_type, water_coverage, internet_access, broadband,"
                    + " surveillance, urban FROM hex_latest WHERE game_id = " + s + " ORDER BY 1"));
            for (HexState hex : HexCache.latest(c, world.session, List.of())) {
                HexState.Economy e = hex.economy();
                assertEquals(new HexState.Factions(e.classP() + e.classL(), e.classPb(), e.classB()), hex.factions());
            }
            c.rollback();
        }
    }

    @Test
    void sessionsSeeOnlyTheirOwnHexes() throws SQLException {
        try (Connection c = HexWorldFixture.connect(postgres.name())) {
            List<HexWorldFixture> worlds = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                HexWorldFixture world = new HexWorldFixture(UUID.randomUUID(), 2 + i, 4, i);
                world.writeMap(c);
                world.writeTick(c, 0, 3);
                world.writeTick(c, 1, 3);
                HexCache.seed(c, world.session);
                HexCache.refresh(c, world.session, 1);
                worlds.add(world);
            }
            for (HexWorldFixture world : worlds) {
                List<HexState> rebuilt = HexCache.reconstruct(c, world.session, 1, List.of());
                assertEquals(world.hexes(), rebuilt.size());
                assertEquals(HexCache.latest(c, world.session, List.of()), rebuilt);
            }
            c.rollback();
        }
    }

    @Test
    void whatCannotBeSeededRefreshedOrRebuiltIsAClearError() throws SQLException {
        try (Connection c = HexWorldFixture.connect(postgres.name())) {
            HexWorldFixture world = new HexWorldFixture(UUID.randomUUID(), 3, 2, 5);
            world.writeMap(c);
            PersistenceException unseeded = assertThrows(PersistenceException.class, () -> HexCache.refresh(c, world.session, 1));
            assertEquals(Problem.INVALID_INPUT, unseeded.problem());
            world.writeTick(c, 0, 0);
            SqlRows.of(c, "DELETE FROM territory_snapshot WHERE county_fips = '01002' RETURNING 1");
            PersistenceException noTerritory = assertThrows(PersistenceException.class, () -> HexCache.seed(c, world.session));
            assertTrue(noTerritory.getMessage().contains("[01002]"), noTerritory.getMessage());
            c.rollback();

            world.writeMap(c);
            world.writeTick(c, 0, 0);
            world.writeTick(c, 1, 0);
            HexCache.seed(c, world.session);
            HexCache.refresh(c, world.session, 1);
            assertEquals(Problem.INVALID_INPUT, assertThrows(PersistenceException.class, () -> HexCache.refresh(c, world.session, 0)).problem());
            assertEquals(Problem.NO_SUCH_TICK, assertThrows(PersistenceException.class, () -> HexCache.refresh(c, world.session, 2)).problem());
            assertEquals(Problem.NO_SUCH_TICK,
                    assertThrows(PersistenceException.class, () -> HexCache.reconstruct(c, world.session, 9, List.of())).problem());
            PersistenceException unknown = assertThrows(PersistenceException.class,
                    () -> HexCache.reconstruct(c, world.session, 1, Set.of("01001", "99999")));
            assertTrue(unknown.getMessage().contains("[99999]"), unknown.getMessage());
            // the counties reach the COPY statement as literals: quotes and backslashes stay part of the name
            String odd = "0'\\1";
            PersistenceException quoted = assertThrows(PersistenceException.class,
                    () -> HexCache.latest(c, world.session, List.of("01001", odd)));
            assertTrue(quoted.getMessage().contains("[" + odd + "]"), quoted.getMessage());
            c.rollback();
        }
    }
}
