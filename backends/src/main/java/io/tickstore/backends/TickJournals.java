package io.tickstore.backends;

import io.tickstore.backends.hex.HexJournal;
import io.tickstore.backends.hex.HexJournalWriter;
import io.tickstore.columns.Schema;
import io.tickstore.columns.sim.Simulation;
import java.util.HashSet;
import java.util.Set;

/**
 * Chooses the journal for a simulation's world from its tables, so that a command line stays a thin client: a
 * geographic world ({@link HexJournalWriter#TABLES}) on PostgreSQL gets the hex journal, written in its tiers; every
 * other world the generic {@link Journal}, keeping the tiers the simulation declares on PostgreSQL and every table whole
 * on SQLite (a geographic world there too).
 */
public final class TickJournals {
    private TickJournals() {
    }

    /** The journal of {@code spec} for runs of {@code simulation}; every tick persisted when {@code everyTick}. */
    public static TickJournal open(String spec, Simulation simulation, boolean everyTick) {
        BackendSpec parsed = BackendSpec.parse(spec);
        if (parsed.kind() == BackendSpec.Kind.POSTGRES && isGeographic(simulation)) {
            HexJournal journal = HexJournal.open(spec);
            return everyTick ? journal.everyTick() : journal;
        }
        Journal journal = Journal.open(spec);
        if (parsed.kind() == BackendSpec.Kind.POSTGRES && !simulation.journalTiers().isEmpty()) {
            journal.tiers(simulation.journalTiers());
        }
        return everyTick ? journal.everyTick() : journal;
    }

    /** Whether the simulation's world holds the tables of a geographic world. */
    public static boolean isGeographic(Simulation simulation) {
        Set<String> names = new HashSet<>();
        for (Schema schema : simulation.schemas()) {
            names.add(schema.name());
        }
        return names.containsAll(HexJournalWriter.TABLES.keySet());
    }
}
