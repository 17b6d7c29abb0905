/**
 * Instant, read-only access to one column of one snapshot through mmap.
 *
 * <p><b>Purpose.</b> {@link io.tickstore.mmap.MappedColumn} opens a single {@code TABLE/COLUMN.npy} file of a
 * snapshot (or any .npy file of a column type numpy wrote, an array column's rows included) without reading any other
 * file: no manifest, no sibling column. {@link io.tickstore.mmap.MappedCategories} adds a categorical column's
 * dictionary and {@link io.tickstore.mmap.MappedValues} opens a variable-length column's offsets and data, each from
 * its own files only. The .npy header describes the type and length; it is parsed by
 * {@link io.tickstore.snapshot.format.NpyHeader} and checked against the file's real size before any byte is
 * mapped. Opening costs one small read and one {@code mmap} per GiB, whatever the column's size; pages are read
 * from disk only when touched.
 *
 * <p><b>Hot paths.</b> The typed getters: one index check (removable with
 * {@code -Dtickstore.disable.bounds.checks=true}, like {@code Table}) and one memory read from a base
 * address; columns over 1 GiB pick their chunk with a shift and a mask. {@link io.tickstore.mmap.ColumnStats}
 * scans check the range once and then run one allocation-free loop per column type over raw addresses.
 *
 * <p><b>Memory.</b> Mapped memory is not heap or allocator memory: the page cache backs it, and
 * {@link io.tickstore.mmap.MappedColumn#close()} unmaps it at once rather than when the garbage collector gets
 * to it. Slices share the mapping of the column they come from.
 *
 * <p><b>Threads.</b> After {@code open} returns, reads from any number of threads are safe. {@code close} must
 * not run while another thread reads.
 *
 * <p><b>Errors.</b> A missing or damaged file is a {@link io.tickstore.snapshot.SnapshotFormatException} naming
 * the file and the problem; a bad index is an {@code IndexOutOfBoundsException} and a getter of the wrong type an
 * {@code IllegalArgumentException}, both naming the file; use after close is an {@code IllegalStateException}.
 * A file truncated while it is mapped is outside what any check can catch: reading its vanished pages raises
 * SIGBUS, which the JVM turns into an asynchronous {@code InternalError} at best and a crash at worst, so files
 * must not be truncated or rewritten in place while open.
 */
package io.tickstore.mmap;
