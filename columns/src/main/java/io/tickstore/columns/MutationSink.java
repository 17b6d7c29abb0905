package io.tickstore.columns;

/**
 * Receives every mutation a simulation applies to its world, in the order it applies them: births, deaths and
 * column writes, then the end of each tick. An event log implements it; so does anything that wants to follow
 * a world without copying it.
 *
 * <p>The contract that makes replay exact: a simulation reports a mutation right after applying it, and applies
 * mutations only through {@link Table#setBits}, {@link Table#removeRow} (swap-remove) and {@link Table#addRow()}.
 * Applying the reported sequence to a copy of the world as it was before — {@code setBits} at the entity's slot,
 * {@code removeEntity}, {@code addRow(entityId)} followed by the new row's column writes — yields the same rows
 * in the same slots, byte for byte.
 *
 * <p>Calls come from the simulation thread and must not block or allocate on the common path; a sink that
 * cannot keep up applies back-pressure of its own (see the event log's policies).
 */
public interface MutationSink {
    /** A sink that drops everything: a simulation nobody records. */
    MutationSink NONE = new MutationSink() {
        @Override
        public void born(long tick, Table table, long entityId) {
        }

        @Override
        public void died(long tick, Table table, long entityId) {
        }

        @Override
        public void set(long tick, Table table, long entityId, int column, long bits) {
        }

        @Override
        public void tickEnded(World world) {
        }
    };

    /**
     * Entity {@code entityId} was appended to {@code table} (at slot {@code rowCount - 1}, every column at its
     * default) during {@code tick}; a {@link #set} call for each of its initial column values follows.
     */
    void born(long tick, Table table, long entityId);

    /** Entity {@code entityId} was swap-removed from {@code table} during {@code tick}. */
    void died(long tick, Table table, long entityId);

    /** Column {@code column} of the entity's row now holds {@code bits} (raw bits, as {@link Table#getBits} returns them). */
    void set(long tick, Table table, long entityId, int column, long bits);

    /** Tick {@code world.tick()} is complete; {@code world.rngState()} is the generator state after it. */
    void tickEnded(World world);
}
