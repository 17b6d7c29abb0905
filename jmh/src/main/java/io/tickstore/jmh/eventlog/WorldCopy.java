package io.tickstore.jmh.eventlog;

import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import org.agrona.UnsafeApi;
import org.apache.arrow.memory.BufferAllocator;

/** A byte-for-byte copy of a world into new tables, as a benchmark's per-invocation setup needs one. */
final class WorldCopy {
    private WorldCopy() {
    }

    static World of(World source, BufferAllocator allocator) {
        World copy = new World(allocator);
        try {
            for (Table from : source.tables()) {
                Table to = copy.createTable(from.schema(), from.rowCount() + (from.rowCount() >> 3));
                for (int c = 0; c < from.schema().columnCount(); c++) {
                    UnsafeApi.copyMemory(from.columnAddress(c), to.columnAddress(c), from.columnByteLength(c));
                }
                UnsafeApi.copyMemory(from.entityIdAddress(), to.entityIdAddress(), from.rowCount() * 8);
                to.adoptLoadedRows(from.rowCount(), from.nextEntityId());
            }
            copy.setTick(source.tick());
            copy.setRngState(source.rngState());
            return copy;
        } catch (RuntimeException e) {
            copy.close();
            throw e;
        }
    }
}
