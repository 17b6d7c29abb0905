package io.tickstore.snapshot.checkpoint;

import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A copy of a world kept in off-heap buffers that are reused from one checkpoint to the next: copying into it is
 * one {@code copyMemory} per column plus one for the entity ids ({@link Table#copyRowsFrom}), and allocates only when
 * the world has grown past the copy's capacity (or changed its tables).
 */
final class StagingWorld implements AutoCloseable {
    private final BufferAllocator allocator;
    private World world;

    StagingWorld(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    World world() {
        return world;
    }

    /** Makes room for {@code source} without copying it, so the first checkpoint does not pay for the allocation. */
    void prepare(World source) {
        if (!sameTables(source)) {
            rebuild(source);
        }
        for (Table from : source.tables()) {
            world.table(from.name()).ensureCapacity(from.rowCount() + (from.rowCount() >> 3));
        }
    }

    /** Copies the live rows, ids, tick and generator state of {@code source}; returns the bytes copied. */
    long copyFrom(World source) {
        if (!sameTables(source)) {
            rebuild(source);
        }
        long bytes = 0;
        for (Table from : source.tables()) {
            // one copyMemory per column and one for the ids; a categorical column's new dictionary entries and a
            // variable-length column's values, gathered into slot order, besides
            bytes += world.table(from.name()).copyRowsFrom(from);
        }
        world.setTick(source.tick());
        world.setRngState(source.rngState());
        return bytes;
    }

    private boolean sameTables(World source) {
        if (world == null) {
            return false;
        }
        List<Table> mine = world.tables();
        List<Table> theirs = source.tables();
        if (mine.size() != theirs.size()) {
            return false;
        }
        for (int i = 0; i < mine.size(); i++) {
            Schema a = mine.get(i).schema();
            Schema b = theirs.get(i).schema();
            if (!a.equals(b)) {
                return false;
            }
        }
        return true;
    }

    private void rebuild(World source) {
        close();
        World fresh = new World(allocator);
        try {
            for (Table from : source.tables()) {
                fresh.createTable(from.schema(), Math.max(16, from.rowCount()));
            }
        } catch (RuntimeException e) {
            fresh.close();
            throw e;
        }
        world = fresh;
    }

    @Override
    public void close() {
        if (world != null) {
            world.close();
            world = null;
        }
    }
}
