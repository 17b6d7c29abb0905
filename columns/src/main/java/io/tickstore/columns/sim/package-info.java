/**
 * The reference simulation used by the CLI, the tests and the benchmarks.
 *
 * <p><b>Purpose.</b> A small, deterministic creature world on the 36-bytes-a-row shape, so every part of
 * Tickstore is exercised and measured on the same realistic workload.
 *
 * <p><b>Hot path.</b> {@link io.tickstore.examples.creatures.CreatureSimulation#step()}: an act pass that reads a
 * random tenth of the rows and stages their changes, then a cleanup pass that applies them and reports each one
 * to a {@link io.tickstore.columns.MutationSink}; the staging buffers are reused, so a steady tick allocates only
 * the 32-byte generator state it saves into the world.
 *
 * <p><b>Threads.</b> A simulation and its world belong to one thread.
 *
 * <p><b>Determinism.</b> The only randomness is {@link io.tickstore.columns.sim.SimRandom}, whose 32-byte
 * state is saved into the world after every tick.
 */
package io.tickstore.columns.sim;
