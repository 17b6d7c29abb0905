package io.tickstore.backends.hex;

import io.tickstore.backends.PersistenceException;
import io.tickstore.backends.TierPlan;
import io.tickstore.columns.ColumnKind;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import io.tickstore.columns.sim.JournalTier;
import io.tickstore.recording.TouchedRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes a geographic world's tables into the hex journal by binary COPY, inside the caller's transaction (it never
 * commits): the once-per-session tiers ({@link #writeSession}: hex_map with each hex's polygon, hex_substrate) and one
 * tick ({@link #writeTick}: territory_snapshot whole, hex_activity for the rows given). The world holds four tables
 * whose columns are named as the journal's ({@link #TABLES}); a cell column ({@code h3_index}, {@code parent_h3}) is a
 * 64-bit H3 index in the world and its text form in the journal.
 *
 * <pre>
 * try (Connection c = ...) {                    // search_path: the journal's schema, then PostGIS's
 *     c.setAutoCommit(false);
 *     HexSchema.install(c);
 *     HexJournalWriter.writeSession(c, session, world);           // tick 0 only
 *     HexJournalWriter.writeTick(c, session, world, touched);     // the hex_activity rows the tick touched
 *     HexCache.seed(c, session);                                  // tick 0; HexCache.refresh(c, session, tick) after
 *     c.commit();
 * }
 * </pre>
 */
public final class HexJournalWriter {
    /** The world's tables and the journal table each goes to. */
    public static final Map<String, String> TABLES = Map.of("territory", "territory_snapshot", "hex_activity", "hex_activity",
            "hex_map", "hex_map", "hex_substrate", "hex_substrate");
    /** The tier of each world table in the hex journal. */
    public static final Map<String, JournalTier> TIERS = Map.of("territory", JournalTier.FULL, "hex_activity", JournalTier.SPARSE,
            "hex_map", JournalTier.ONCE, "hex_substrate", JournalTier.ONCE);
    private static final Set<String> CELL_COLUMNS = Set.of("h3_index", "parent_h3");
    private static final List<String> ACTIVITY_FIELDS = List.of("heat", "heat_delta", "org_count", "org_ids", "org_presence",
            "actions_taken", "response_mode");

    private HexJournalWriter() {
    }

    /** The plan the hex journal keeps its tables by. */
    public static TierPlan plan() {
        return TierPlan.of(TIERS);
    }

    /**
     * Throws {@link Problem#SCHEMA_MISMATCH} naming what is missing unless the world holds the four tables with the
     * columns the journal needs.
     */
    public static void requireGeoWorld(World world) {
        for (String name : TABLES.keySet()) {
            if (!world.hasTable(name)) {
                throw new PersistenceException(Problem.SCHEMA_MISMATCH, "the hex journal needs a world with tables " + TABLES.keySet()
                        + "; this one has no table '" + name + "'");
            }
        }
        requireColumns(world.table("hex_map").schema(), "h3_index");
        requireColumns(world.table("hex_activity").schema(), "h3_index");
        requireColumns(world.table("hex_activity").schema(), ACTIVITY_FIELDS.toArray(new String[0]));
        requireColumns(world.table("territory").schema(), "county_fips");
    }

    private static void requireColumns(Schema schema, String... names) {
        for (String name : names) {
            if (schema.indexOf(name) < 0) {
                throw new PersistenceException(Problem.SCHEMA_MISMATCH, "the hex journal needs column '" + name + "' in table '"
                        + schema.name() + "', which has " + schema.columnNames());
            }
        }
    }

    /** hex_map, each hex with its polygon ({@code geometry(Polygon, 4326)}), and hex_substrate: the session's static tiers. */
    public static void writeSession(Connection c, UUID session, World world) throws SQLException {
        requireGeoWorld(world);
        Table map = world.table("hex_map");
        int cell = map.schema().indexOf("h3_index");
        new TableCopy("hex_map", map, CELL_COLUMNS)
                .field("geom", (out, slot) -> out.writeBytea(HexPolygons.ewkb(map.getLong(cell, slot))))
                .copyAll(c, session, world.tick());
        new TableCopy("hex_substrate", world.table("hex_substrate"), CELL_COLUMNS).copyAll(c, session, world.tick());
    }

    /**
     * territory_snapshot, every county, and hex_activity, the rows of {@code activity} (ascending entity ids), at the
     * world's tick. A row of {@code activity} the table does not hold is {@link Problem#INVALID_INPUT}.
     */
    public static void writeTick(Connection c, UUID session, World world, TouchedRows activity) throws SQLException {
        requireGeoWorld(world);
        long tick = world.tick();
        if (tick > Integer.MAX_VALUE) {
            throw new PersistenceException(Problem.INVALID_INPUT, "tick " + tick + " is beyond the hex journal's integer ticks");
        }
        new TableCopy("territory_snapshot", world.table("territory"), CELL_COLUMNS).ticked().copyAll(c, session, tick);
        if (!activity.isEmpty()) {
            new TableCopy("hex_activity", world.table("hex_activity"), CELL_COLUMNS).ticked()
                    .copy(c, session, tick, activity.entityIds());
        }
    }

    /**
     * The hexes with any activity (heat, a change of it, organisations, actions, a response other than none): what a
     * tick whose touched rows are unknown writes of hex_activity when no earlier tick of the session holds activity,
     * since a hex without an activity row reads as having none.
     */
    public static TouchedRows activeHexes(World world) {
        Table t = world.table("hex_activity");
        Schema s = t.schema();
        int heat = s.indexOf("heat");
        int delta = s.indexOf("heat_delta");
        int orgs = s.indexOf("org_count");
        int actions = s.indexOf("actions_taken");
        int ids = s.indexOf("org_ids");
        int response = s.indexOf("response_mode");
        long[] active = new long[(int) t.rowCount()];
        int n = 0;
        for (long slot = 0; slot < t.rowCount(); slot++) {
            boolean any = t.getFloat(heat, slot) != 0 || t.getFloat(delta, slot) != 0 || t.getShort(orgs, slot) != 0
                    || t.getShort(actions, slot) != 0 || !t.getStrings(ids, slot).isEmpty()
                    || (s.column(response).kind() == ColumnKind.CATEGORICAL && !"none".equals(t.getString(response, slot)));
            if (any) {
                active[n++] = t.entityId(slot);
            }
        }
        return TouchedRows.of("hex_activity", java.util.Arrays.copyOf(active, n));
    }

    /** Every row of hex_activity: a tick after a gap the journal missed holds them all. */
    static TouchedRows allHexes(World world) {
        Table t = world.table("hex_activity");
        long[] ids = new long[(int) t.rowCount()];
        for (int slot = 0; slot < ids.length; slot++) {
            ids[slot] = t.entityId(slot);
        }
        return TouchedRows.of("hex_activity", ids);
    }
}
