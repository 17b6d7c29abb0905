/**
 * Offline verification of snapshots and event logs: every file present, well-formed, of the recorded size and
 * CRC32C; every chunk of a log whole and in its place.
 *
 * <p><b>Purpose.</b> {@link io.tickstore.snapshot.verify.SnapshotVerifier} checks a snapshot, a run or a
 * store and returns {@link io.tickstore.snapshot.verify.VerifyReport}s listing every file's verdict, so a
 * command can print them and exit with the first bad file. {@link io.tickstore.snapshot.verify.EventLogVerifier}
 * checks the event log of a run or of every run of a store (codebook, append counter, every chunk) and returns
 * {@link io.tickstore.snapshot.verify.LogVerifyReport}s, with what a crash leaves (a torn tail) as warnings.
 *
 * <p><b>Hot paths.</b> None; verification streams each snapshot file once through a 1 MiB heap buffer and reads
 * each log segment once through a read-only mapping.
 *
 * <p><b>Threads.</b> Stateless; thread-safe.
 *
 * <p><b>Errors.</b> Damage is reported in the report, never thrown, and so is a file that cannot be read
 * ({@code UNREADABLE}: permission denied); only a path that cannot be listed or is not recognisable throws.
 */
package io.tickstore.snapshot.verify;
