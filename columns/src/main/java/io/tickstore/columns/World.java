package io.tickstore.columns;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A simulation's whole state: named {@link Table}s, the current tick and the bytes of its random number
 * generator. The world owns its tables: closing it closes them. Tables are kept in name order so every
 * traversal (hashing, snapshotting) is deterministic.
 */
public final class World implements AutoCloseable {
    private final BufferAllocator allocator;
    private final Map<String, Table> tables = new TreeMap<>();
    private long tick;
    private byte[] rngState = new byte[0];
    private boolean closed;

    /** A world whose tables allocate from children of {@code allocator}. */
    public World(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    /** The allocator new tables take their child allocator from. */
    public BufferAllocator allocator() {
        return allocator;
    }

    /** Allocates an empty table for {@code schema}; the world owns it. */
    public Table createTable(Schema schema, long initialCapacity) {
        ensureOpen();
        if (tables.containsKey(schema.name())) {
            throw new IllegalArgumentException("world already has a table '" + schema.name() + "'");
        }
        Table table = Table.allocate(schema, allocator, initialCapacity);
        tables.put(schema.name(), table);
        return table;
    }

    /**
     * Takes ownership of a table allocated elsewhere (a loader's). When this throws (a closed table, a name
     * already taken) the caller still owns the table and must close it.
     */
    public void adopt(Table table) {
        ensureOpen();
        if (table.isClosed()) {
            throw new IllegalArgumentException("cannot adopt table '" + table.name() + "': it is closed");
        }
        if (tables.containsKey(table.name())) {
            throw new IllegalArgumentException("world already has a table '" + table.name() + "'");
        }
        tables.put(table.name(), table);
    }

    /** The table of that name; throws listing the world's tables when there is none. */
    public Table table(String name) {
        ensureOpen();
        Table table = tables.get(name);
        if (table == null) {
            throw new IllegalArgumentException("world has no table '" + name + "' (tables: " + String.join(", ", tables.keySet()) + ")"
                    + io.tickstore.columns.internal.DidYouMean.suffix(name, tables.keySet()));
        }
        return table;
    }

    public boolean hasTable(String name) {
        ensureOpen();
        return tables.containsKey(name);
    }

    /** Tables in name order. Throws once the world is closed, so a closed world never passes for an empty one. */
    public List<Table> tables() {
        ensureOpen();
        return Collections.unmodifiableList(new ArrayList<>(tables.values()));
    }

    public long tick() {
        return tick;
    }

    public void setTick(long tick) {
        this.tick = tick;
    }

    /** A copy of the generator state the simulation saved last. */
    public byte[] rngState() {
        return rngState.clone();
    }

    public void setRngState(byte[] state) {
        this.rngState = state.clone();
    }

    /** Rows over all tables. */
    public long totalRows() {
        ensureOpen();
        long rows = 0;
        for (Table table : tables.values()) {
            rows += table.rowCount();
        }
        return rows;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("world is closed");
        }
    }

    /** Closes every table; idempotent. The first failure is thrown after every table has been closed. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException first = null;
        for (Table table : tables.values()) {
            try {
                table.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        tables.clear();
        if (first != null) {
            throw first;
        }
    }
}
