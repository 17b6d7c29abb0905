/**
 * Internal: not part of Tickstore's API; may change without notice.
 *
 * <p><b>Purpose.</b> File-system steps every writer and reader of snapshot-io shares, public only because other
 * packages and modules use them: {@link io.tickstore.snapshot.internal.Directories} (directory fsync, recursive
 * delete, temporary-name nonces; also used by the export module and the CLI's tests),
 * {@link io.tickstore.snapshot.internal.FileErrors} (I/O failures that name their file, in words; the CLI renders
 * errors with it and the export module names its output with it) and
 * {@link io.tickstore.snapshot.internal.StoredFile} (one .npy file checked against its manifest entry, for the
 * snapshot reader and the verifier), {@link io.tickstore.snapshot.internal.PrivateMapping} (a file checked as
 * {@code StoredFile} checks it, by the one open that maps its data as a private copy-on-write mapping, which an Arrow
 * allocator then accounts and unmaps, for the reader's copy-on-write open) and
 * {@link io.tickstore.snapshot.internal.LinkFreeDirectories} (the directories of a snapshot already found free of
 * symbolic links, so a table's files share one look at their directory), and
 * {@link io.tickstore.snapshot.internal.MappedSnapshots} (the snapshots this JVM maps copy-on-write, which a recycled
 * write must not overwrite in place).
 *
 * <p><b>Hot paths.</b> {@code StoredFile.readData}: positional reads straight into the caller's buffer.
 *
 * <p><b>Threads.</b> Stateless helpers; a {@code StoredFile} is read by several threads at once only through
 * {@code readData}; a {@code PrivateMapping} and a {@code LinkFreeDirectories} belong to one load on one thread;
 * {@code MappedSnapshots} is shared by every thread (a concurrent map of counts).
 *
 * <p><b>Errors.</b> A damaged or missing file is a {@link io.tickstore.snapshot.SnapshotFormatException} naming it;
 * a failed write an {@code IOException} naming the file ({@code FileErrors.naming}).
 */
package io.tickstore.snapshot.internal;
