/**
 * Snapshots of a {@link io.tickstore.columns.World} on disk: a directory of .npy column files plus a
 * self-checksummed {@code manifest.json}, written atomically and read back bit-identically (format versions 1 and 2,
 * specified in {@code snapshot-io/FORMAT.md}; version 2, written only for a world with a column of another kind than
 * scalar, adds array columns' multi-dimensional files, categorical columns' dictionaries and variable-length columns'
 * offsets and data).
 *
 * <p><b>Purpose.</b> {@link io.tickstore.snapshot.SnapshotWriter} publishes a snapshot (temporary directory,
 * files, manifest last, fsync, atomic rename); {@link io.tickstore.snapshot.SnapshotReader} validates
 * everything, then loads it (migrating tables to newer schemas); package-private {@code DictionaryFile},
 * {@code VariableValueFiles} and {@code KindLoads} write and read what the kinds beyond scalars keep besides rows; the internal
 * {@link io.tickstore.snapshot.internal.StoredFile} checks one file against its manifest entry for every reader.
 *
 * <p><b>Hot paths.</b> Writing and reading move column bytes between the table's off-heap memory and the file
 * through direct {@code ByteBuffer} views in 4 MiB chunks ({@code FileChannel.write/read}: no copy through
 * the heap), with CRC32C computed from the same buffers while they are in cache; files go in parallel.
 *
 * <p><b>Threads.</b> A {@code SnapshotWriter} owns a small pool and serialises its writes; the reader makes
 * its threads per call. The world being written must not change during the write.
 *
 * <p><b>Errors.</b> Anything wrong with a file is a {@link io.tickstore.snapshot.SnapshotFormatException} (an
 * unchecked {@link io.tickstore.columns.TickstoreException}) whose message starts with the file, with a
 * {@link io.tickstore.columns.TickstoreException.Problem} of the {@code FORMAT} area for callers and tests; a
 * failure of the operating system (a full disk, permission denied) is an {@code IOException} naming the file.
 * A failed write leaves the run as it was; a failed read frees everything it allocated.
 */
package io.tickstore.snapshot;
