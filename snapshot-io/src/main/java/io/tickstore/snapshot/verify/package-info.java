/**
 * Offline verification of snapshots: every file present, well-formed, of the recorded size and CRC32C.
 *
 * <p><b>Purpose.</b> {@link io.tickstore.snapshot.verify.SnapshotVerifier} checks a snapshot, a run or a
 * store and returns {@link io.tickstore.snapshot.verify.VerifyReport}s listing every file's verdict, so a
 * command can print them and exit with the first bad file.
 *
 * <p><b>Hot paths.</b> None; verification streams each file once through a 1 MiB heap buffer.
 *
 * <p><b>Threads.</b> Stateless; thread-safe.
 *
 * <p><b>Errors.</b> Damage is reported in the report, never thrown, and so is a file that cannot be read
 * ({@code UNREADABLE}: permission denied); only a path that cannot be listed or is not recognisable throws.
 */
package io.tickstore.snapshot.verify;
