/**
 * The simulation SPI: what a simulation declares and how a driver advances it.
 *
 * <p><b>Purpose.</b> A {@link io.tickstore.columns.sim.Simulation} builds its world from
 * {@link io.tickstore.columns.sim.SimulationSettings} and offers its systems
 * ({@link io.tickstore.columns.sim.SimulationSystem}), run in order once per tick with a
 * {@link io.tickstore.columns.sim.TickContext}; {@link io.tickstore.columns.sim.Simulations} finds simulations by name
 * through the ServiceLoader, {@link io.tickstore.columns.sim.SimulationRunner} advances one without recording it, and
 * {@link io.tickstore.columns.sim.JournalTier} says how a journal keeps each of its tables. A recording
 * ({@code io.tickstore.recording.Recording}) drives the same systems and logs every write the tables report, so a
 * simulation never reports its own mutations.
 *
 * <p><b>Threads.</b> A simulation and its world belong to one thread.
 *
 * <p><b>Determinism.</b> The only randomness is {@link io.tickstore.columns.sim.SimRandom}, whose 32-byte
 * state is saved into the world after every tick.
 */
package io.tickstore.columns.sim;
