package io.tickstore.backends;

import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.sim.JournalTier;
import io.tickstore.recording.TickReport;
import io.tickstore.recording.TouchedRows;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The journal tier of every table of a world ({@link JournalTier}), and the checks that hold a table's data to it. A
 * table not named is {@link JournalTier#FULL}. A tiered journal asks the plan which rows of a table a persisted tick
 * holds ({@link #rowsToWrite}) and has it check every tick the recording reports ({@link #check(TickReport)}); data
 * that does not fit its tier is a {@link Problem#TIER_MISFIT} naming the table, the tick and the row.
 *
 * <p>The touched rows of the ticks between two persisted ticks add up ({@link #collect}): a persisted tick of a sparse
 * table holds every row touched since the tick persisted before it.
 */
public final class TierPlan {
    private final Map<String, JournalTier> tiers;
    private final Map<String, TouchedRows> pending = new LinkedHashMap<>();

    private TierPlan(Map<String, JournalTier> tiers) {
        this.tiers = new TreeMap<>(tiers);
    }

    /** The plan of these declarations (a simulation's {@code journalTiers()}). */
    public static TierPlan of(Map<String, JournalTier> tiers) {
        for (Map.Entry<String, JournalTier> e : tiers.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new PersistenceException(Problem.INVALID_INPUT, "a journal tier declaration names no table or no tier: " + tiers);
            }
        }
        return new TierPlan(tiers);
    }

    /** The tier of {@code table}. */
    public JournalTier tier(String table) {
        return tiers.getOrDefault(table, JournalTier.FULL);
    }

    /** The declarations, by table name. */
    public Map<String, JournalTier> declared() {
        return java.util.Collections.unmodifiableMap(tiers);
    }

    /** Throws {@link Problem#TIER_MISFIT} when a declared table is not among {@code tables}, or has a tier outside {@code kept}. */
    public void requireKeptBy(String journal, Collection<String> tables, Collection<JournalTier> kept) {
        for (Map.Entry<String, JournalTier> e : tiers.entrySet()) {
            if (!tables.contains(e.getKey())) {
                throw new PersistenceException(Problem.TIER_MISFIT, journal + ": tier " + e.getValue().label() + " is declared for table '"
                        + e.getKey() + "', which the world does not hold (tables: " + String.join(", ", tables) + ")");
            }
            if (!kept.contains(e.getValue())) {
                throw new PersistenceException(Problem.TIER_MISFIT, journal + ": table '" + e.getKey() + "' is declared "
                        + e.getValue().label() + ", a tier " + journal + " does not keep (it keeps " + labels(kept) + ")");
            }
        }
    }

    private static String labels(Collection<JournalTier> tiers) {
        return String.join(", ", tiers.stream().map(JournalTier::label).toList());
    }

    /**
     * Checks a tick the recording reported: a table kept {@link JournalTier#ONCE} that the tick touched (or, when the
     * report lists deaths, removed a row from) is a {@link Problem#TIER_MISFIT} naming the table, the tick and the
     * first row; a sparse table whose touched rows the report does not carry (nobody asked the recording to track
     * them) is one too.
     */
    public void check(TickReport report) {
        for (Map.Entry<String, JournalTier> e : tiers.entrySet()) {
            Optional<TouchedRows> touched = report.touched(e.getKey());
            if (e.getValue() == JournalTier.ONCE && touched.isPresent() && !touched.get().isEmpty()) {
                throw new PersistenceException(Problem.TIER_MISFIT, "table '" + e.getKey() + "' is journaled once per session, but tick "
                        + report.tick() + " changed it (row " + touched.get().entityId(0)
                        + (touched.get().count() > 1 ? " and " + (touched.get().count() - 1) + " more" : "")
                        + "); declare it full or sparse, or leave it unchanged after tick 0");
            }
            if (e.getValue() == JournalTier.ONCE) {
                for (TickReport.RowChange death : report.deaths()) {
                    if (death.table().equals(e.getKey())) {
                        throw new PersistenceException(Problem.TIER_MISFIT, "table '" + e.getKey() + "' is journaled once per session, but tick "
                                + report.tick() + " removed row " + death.entityId() + " from it; declare it full or sparse, or leave it "
                                + "unchanged after tick 0");
                    }
                }
            }
            if (e.getValue() == JournalTier.SPARSE && touched.isEmpty()) {
                throw new PersistenceException(Problem.TIER_MISFIT, "table '" + e.getKey() + "' is journaled sparse, but the report of tick "
                        + report.tick() + " does not say which rows the tick touched; the journal must follow touched rows");
            }
        }
    }

    /** {@link #check}s a reported tick, then adds its touched rows to those the next persisted tick holds. */
    public void collect(TickReport report) {
        check(report);
        for (Map.Entry<String, TouchedRows> e : report.touched().entrySet()) {
            pending.merge(e.getKey(), e.getValue(), TouchedRows::union);
        }
    }

    /**
     * The rows of {@code table} the persisted tick holds and starts over for that table: every row touched since the
     * tick persisted before, or, when those are not known ({@code known} false: the session's first tick, the first
     * after a resume), empty: the caller then writes the table whole.
     */
    public Optional<TouchedRows> takeTouched(String table, boolean known) {
        TouchedRows rows = pending.remove(table);
        if (!known) {
            return Optional.empty();
        }
        return Optional.of(rows == null ? TouchedRows.none(table) : rows);
    }

    /**
     * Which rows a persisted tick holds of a table, by its tier: {@code null} for every row, otherwise the entity ids.
     * {@code first}: the tick is the first the session stores; {@code touched}: the rows touched since the tick persisted
     * before ({@link #takeTouched}), empty when not known.
     */
    public long[] rowsToWrite(String table, boolean first, Optional<TouchedRows> touched) {
        switch (tier(table)) {
            case FULL:
                return null;
            case ONCE:
                return first ? null : new long[0];
            case SPARSE:
                return touched.map(TouchedRows::entityIds).orElse(null);
            default:
                throw new PersistenceException(Problem.TIER_MISFIT, "table '" + table + "' is declared " + tier(table).label()
                        + ", which is kept by the journal's own cache, not written per tick");
        }
    }

    /**
     * Throws {@link Problem#TIER_MISFIT} unless every row {@code given} for a sparse table at {@code tick} is among the
     * rows {@code touched} since the tick persisted before: a sparse tier holds changed rows only.
     */
    public void checkGiven(String table, long tick, TouchedRows given, TouchedRows touched) {
        if (tier(table) != JournalTier.SPARSE) {
            return;
        }
        for (int i = 0; i < given.count(); i++) {
            if (!touched.contains(given.entityId(i))) {
                throw new PersistenceException(Problem.TIER_MISFIT, "table '" + table + "' is journaled sparse, but row "
                        + given.entityId(i) + " was given for tick " + tick + " and the tick did not touch it (it touched "
                        + touched.count() + " rows)");
            }
        }
    }

    /** Tables in the order given whose tier is {@code tier}. */
    public List<String> tablesOf(JournalTier tier, Collection<String> tables) {
        return tables.stream().filter(t -> tier(t) == tier).toList();
    }
}
