package io.tickstore.backends.internal.journal;

import io.tickstore.backends.PersistenceException;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The tables a session was created with: one schema per world table, in name order, each with its journal table.
 * Immutable; backends cache it per session because a session's schemas never change after creation.
 */
public final class SessionLayout {
    private final UUID sessionId;
    private final SortedMap<String, Schema> schemas;
    private final Map<String, String> journalTables;

    private SessionLayout(UUID sessionId, SortedMap<String, Schema> schemas) {
        this.sessionId = sessionId;
        this.schemas = Collections.unmodifiableSortedMap(schemas);
        Map<String, String> journals = new TreeMap<>();
        for (Schema schema : schemas.values()) {
            journals.put(schema.name(), JournalNames.journalTable(schema));
        }
        this.journalTables = Collections.unmodifiableMap(journals);
    }

    /**
     * Checks the schemas can be journaled under {@code rules} (see {@link JournalNames#checkSchemas}) and that there
     * is at least one; throws {@link Problem#INVALID_IDENTIFIER} or {@link Problem#INVALID_INPUT}.
     */
    public static SessionLayout of(UUID sessionId, Collection<Schema> tables, JournalNames.Rules rules) {
        if (sessionId == null) {
            throw new PersistenceException(Problem.INVALID_INPUT, "session id is null");
        }
        if (tables == null || tables.isEmpty()) {
            throw new PersistenceException(Problem.INVALID_INPUT, "session " + sessionId + " needs at least one table schema");
        }
        for (Schema schema : tables) {
            if (schema == null) {
                throw new PersistenceException(Problem.INVALID_INPUT, "session " + sessionId + ": a table schema is null");
            }
        }
        JournalNames.checkSchemas(tables, rules);
        SortedMap<String, Schema> byName = new TreeMap<>();
        for (Schema schema : tables) {
            byName.put(schema.name(), schema);
        }
        return new SessionLayout(sessionId, byName);
    }

    public UUID sessionId() {
        return sessionId;
    }

    /** Schemas by table name. */
    public SortedMap<String, Schema> schemas() {
        return schemas;
    }

    public Schema schema(String table) {
        Schema schema = schemas.get(table);
        if (schema == null) {
            throw new PersistenceException(Problem.INVALID_INPUT, "session " + sessionId + " has no table '" + table + "' (tables: "
                    + String.join(", ", schemas.keySet()) + ")");
        }
        return schema;
    }

    /** The journal table of a world table of this session. */
    public String journalTable(String table) {
        schema(table);
        return journalTables.get(table);
    }

    /** Whether both layouts hold equal schemas for the same tables. */
    public boolean sameTablesAs(SessionLayout other) {
        return schemas.equals(other.schemas);
    }

    /** The tables of both layouts that differ, for an error message. */
    public String differencesFrom(SessionLayout other) {
        List<String> out = new ArrayList<>();
        for (Schema mine : schemas.values()) {
            Schema theirs = other.schemas.get(mine.name());
            if (theirs == null) {
                out.add("table '" + mine.name() + "' is not in the other");
            } else if (!theirs.equals(mine)) {
                out.add("table '" + mine.name() + "' is " + mine + " here but " + theirs + " there");
            }
        }
        for (String name : other.schemas.keySet()) {
            if (!schemas.containsKey(name)) {
                out.add("table '" + name + "' is only in the other");
            }
        }
        return String.join("; ", out);
    }

    /**
     * Throws {@link Problem#SCHEMA_MISMATCH} listing every difference when the world does not hold exactly this
     * session's tables with exactly their schemas.
     */
    public void checkMatches(World world, String backend) {
        List<String> problems = new ArrayList<>();
        List<String> worldTables = new ArrayList<>();
        for (Table table : world.tables()) {
            worldTables.add(table.name());
            Schema expected = schemas.get(table.name());
            if (expected == null) {
                problems.add("the world has table '" + table.name() + "', which the session was not created with");
            } else if (!expected.equals(table.schema())) {
                problems.add("table '" + table.name() + "' has schema " + table.schema() + ", the session's is " + expected);
            }
        }
        for (String name : schemas.keySet()) {
            if (!worldTables.contains(name)) {
                problems.add("the world lacks table '" + name + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new PersistenceException(Problem.SCHEMA_MISMATCH, backend + ": the world at tick " + world.tick()
                    + " does not match session " + sessionId + ": " + String.join("; ", problems) + "; nothing was written");
        }
    }
}
