package io.tickstore.backends.internal.journal;

import io.tickstore.backends.PersistenceException;
import io.tickstore.columns.ColumnSpec;
import io.tickstore.columns.Schema;
import io.tickstore.columns.TickstoreException.Problem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every name the backends put into SQL: the registry tables, the key columns of a journal table, the journal table
 * of a schema, and the rules a name must pass before it is quoted into a statement.
 *
 * <h2>Journal tables</h2>
 * A world table {@code creatures} at schema version 1 is journaled in the table {@code creatures_v1}: one journal
 * table per (table name, schema version), shared by every session that uses that schema. Its key columns start with
 * an underscore ({@code _session_id}, {@code _tick}, {@code _entity_id}, {@code _slot}); a {@link Schema}'s column
 * names must start with a letter, so no schema can collide with them.
 *
 * <h2>Identifiers</h2>
 * Nothing reaches SQL unchecked: every identifier matches {@code [A-Za-z_][A-Za-z0-9_]*}, is at most
 * {@value #MAX_IDENTIFIER_LENGTH} characters (PostgreSQL's limit, which would otherwise truncate silently), and is
 * always double-quoted, so reserved words ({@code order}, {@code select}) and mixed case are safe.
 */
public final class JournalNames {
    /** PostgreSQL truncates longer identifiers (NAMEDATALEN - 1); both backends refuse them instead. */
    public static final int MAX_IDENTIFIER_LENGTH = 63;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The session a journal row belongs to. */
    public static final String SESSION_ID = "_session_id";
    /** The tick a journal row belongs to. */
    public static final String TICK = "_tick";
    /** The entity id of the row (the table's stable id, not its slot). */
    public static final String ENTITY_ID = "_entity_id";
    /** The row's slot in the table when it was persisted, so hydrate restores the exact row order. */
    public static final String SLOT = "_slot";

    /** One row per session. */
    public static final String SESSIONS = "session";
    /** One row per (session, world table): its schema and journal table. */
    public static final String SESSION_TABLES = "session_table";
    /** One row per stored tick: hashes and generator state. The idempotency gate. */
    public static final String TICKS = "tick";
    /** One row per (stored tick, world table): row count and next entity id. */
    public static final String TICK_TABLES = "tick_table";
    /** Events stored with a tick. */
    public static final String EVENTS = "tick_event";
    /** Replay metadata, one row per logged tick. */
    public static final String TICK_LOGS = "tick_log";
    /** Key-value metadata per session. */
    public static final String METADATA = "metadata";

    /** What a backend can tell apart in a name. */
    public enum Rules {
        /** Quoted identifiers are case-sensitive. */
        POSTGRES(false, null, "PostgreSQL"),
        /** Identifiers are case-insensitive even when quoted, and {@code sqlite_} is reserved. */
        SQLITE(true, "sqlite_", "SQLite");

        private final boolean caseInsensitive;
        private final String reservedPrefix;
        private final String product;

        Rules(boolean caseInsensitive, String reservedPrefix, String product) {
            this.caseInsensitive = caseInsensitive;
            this.reservedPrefix = reservedPrefix;
            this.product = product;
        }

        @Override
        public String toString() {
            return product;
        }
    }

    private JournalNames() {
    }

    /** Returns {@code name} when it is a usable identifier; throws {@link Problem#INVALID_IDENTIFIER} naming {@code what}. */
    public static String checkIdentifier(String name, String what) {
        String problem = identifierProblem(name);
        if (problem != null) {
            throw new PersistenceException(Problem.INVALID_IDENTIFIER, what + " " + problem);
        }
        return name;
    }

    /** The identifier in double quotes, after {@link #checkIdentifier}. */
    public static String quote(String name) {
        return '"' + checkIdentifier(name, "identifier") + '"';
    }

    /** The journal table of a schema: {@code <name>_v<version>}; throws when that is not a usable identifier. */
    public static String journalTable(Schema schema) {
        String name = schema.name() + "_v" + schema.version();
        return checkIdentifier(name, "journal table of table '" + schema.name() + "' v" + schema.version());
    }

    /**
     * Checks that the tables of one session can be journaled under {@code rules}; throws one
     * {@link Problem#INVALID_IDENTIFIER} listing every problem.
     */
    public static void checkSchemas(Collection<Schema> schemas, Rules rules) {
        List<String> problems = new ArrayList<>();
        Map<String, String> tableByKey = new HashMap<>();
        for (Schema schema : schemas) {
            String table = schema.name();
            addProblem(problems, "table '" + table + "'", table, rules);
            String journal = schema.name() + "_v" + schema.version();
            String journalProblem = identifierProblem(journal);
            if (journalProblem != null && identifierProblem(table) == null) {
                problems.add("table '" + table + "' v" + schema.version() + ": its journal table " + journalProblem + "; shorten the table name");
            }
            String previous = tableByKey.put(key(table, rules), table);
            if (previous != null) {
                problems.add(previous.equals(table) ? "table '" + table + "' is listed twice"
                        : "tables '" + previous + "' and '" + table + "' differ only in case, which " + rules + " cannot tell apart");
            }
            Map<String, String> columnByKey = new HashMap<>();
            for (ColumnSpec column : schema.columns()) {
                addProblem(problems, "column '" + column.name() + "' of table '" + table + "'", column.name(), rules);
                String earlier = columnByKey.put(key(column.name(), rules), column.name());
                if (earlier != null) {
                    problems.add("columns '" + earlier + "' and '" + column.name() + "' of table '" + table + "' differ only in case, which "
                            + rules + " cannot tell apart");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new PersistenceException(Problem.INVALID_IDENTIFIER, "cannot journal these tables: " + String.join("; ", problems));
        }
    }

    private static void addProblem(List<String> problems, String what, String name, Rules rules) {
        String problem = identifierProblem(name);
        if (problem != null) {
            problems.add(what + " " + problem);
        } else if (rules.reservedPrefix != null && name.toLowerCase(Locale.ROOT).startsWith(rules.reservedPrefix)) {
            problems.add(what + " starts with '" + rules.reservedPrefix + "', which " + rules + " reserves");
        }
    }

    private static String key(String name, Rules rules) {
        return rules.caseInsensitive ? name.toLowerCase(Locale.ROOT) : name;
    }

    private static String identifierProblem(String name) {
        if (name == null) {
            return "is null";
        }
        if (name.length() > MAX_IDENTIFIER_LENGTH) {
            return "'" + name + "' is " + name.length() + " characters, over the limit of " + MAX_IDENTIFIER_LENGTH;
        }
        if (!IDENTIFIER.matcher(name).matches()) {
            return "'" + printable(name) + "' is not a valid identifier (" + IDENTIFIER.pattern() + ")";
        }
        return null;
    }

    private static String printable(String name) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
