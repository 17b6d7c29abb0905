/**
 * Sample worlds for trying a backend out, testing it and benchmarking it.
 *
 * <p><b>Purpose.</b> {@link io.tickstore.backends.sample.GraphWorld} builds the graph-shaped world of the reference
 * design's integration test (nodes and edges), deterministic in its seed. The creature world of the reference
 * simulation lives in {@code io.tickstore.columns.sim}.
 *
 * <p><b>Hot paths.</b> None: worlds are built once, before anything is measured.
 *
 * <p><b>Threads.</b> Stateless; each call builds its own world, which belongs to the caller.
 *
 * <p><b>Errors.</b> Whatever allocating the world's tables throws; a world that fails half-way is closed first.
 */
package io.tickstore.backends.sample;
