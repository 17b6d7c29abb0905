/**
 * The byte-level pieces of the snapshot format: the .npy header ({@link io.tickstore.snapshot.format.NpyHeader}),
 * the path rules of stores, runs and snapshots ({@link io.tickstore.snapshot.format.SnapshotLayout}) and the
 * CRC32C text form ({@link io.tickstore.snapshot.format.Crc32c}).
 *
 * <p><b>Hot paths.</b> None: headers are parsed once per file.
 *
 * <p><b>Threads.</b> Stateless; thread-safe.
 *
 * <p><b>Errors.</b> Parsing validates every field against the real file size before anything is read or
 * mapped, and throws {@link io.tickstore.snapshot.SnapshotFormatException} naming the file.
 */
package io.tickstore.snapshot.format;
