/**
 * Internal: not part of Tickstore's API; may change without notice. Fault injection: the points at which tests make
 * durable writes fail.
 *
 * <p><b>Purpose.</b> {@link io.tickstore.snapshot.internal.fault.Faults#at} marks every durable write step (snapshot
 * publish, log chunk, recovery, run settings, journal commit, {@link io.tickstore.snapshot.internal.fault.FaultPoint});
 * the fault matrix test installs a {@link io.tickstore.snapshot.internal.fault.Faults.Plan} that fails one of them
 * with no space, an I/O error or the process's death, then checks that every durable state is intact and a resume
 * equals a clean run. Public because the backends module marks its journal commit with it and the CLI's tests
 * install plans; nothing in Tickstore installs one.
 *
 * <p><b>Hot paths.</b> None: the points are on background write paths, and without a plan each is one volatile read.
 *
 * <p><b>Threads.</b> A plan is global to the JVM; the matrix runs each case in its own child JVM or one at a time.
 */
package io.tickstore.snapshot.internal.fault;
