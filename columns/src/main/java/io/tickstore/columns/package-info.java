/**
 * Schemas, off-heap struct-of-arrays tables, worlds and their content hashes.
 *
 * <p><b>Purpose.</b> How a simulation's world lives in memory: a {@link io.tickstore.columns.Schema}
 * (named, versioned, typed columns with {@code sinceVersion} and defaults), a
 * {@link io.tickstore.columns.Table} (one off-heap buffer per column, stable entity ids over swap-removed
 * slots), a {@link io.tickstore.columns.World} (tables, tick, generator state) and a
 * {@link io.tickstore.columns.ContentHash} defined byte for byte.
 *
 * <p><b>Kinds.</b> A column holds a scalar, a fixed-shape array, a categorical string (a code into a
 * {@link io.tickstore.columns.CategoryDictionary} the table keeps), or a variable-length value ({@code str},
 * {@code json} in {@link io.tickstore.columns.JsonText canonical text}, {@code str[]}) in an arena the table owns;
 * {@link io.tickstore.columns.ColumnLayout} names them.
 *
 * <p><b>Hot paths.</b> Typed get/set on {@code Table}: one bounds check (removable with
 * {@code -Dtickstore.disable.bounds.checks=true}) and one memory access, no allocation; array elements the same,
 * with an index; a categorical string looked up or written by a hash of its UTF-8 (no allocation unless the string
 * is new); {@code str} and {@code str[]} values encoded in place. Decoding text into a {@code String} and
 * canonicalising JSON allocate.
 *
 * <p><b>Memory.</b> Every off-heap byte comes from an Arrow {@code BufferAllocator}; each table owns a named
 * child allocator and closing the table closes it, so a leak fails loudly at close. A loader may hand a new table its first
 * buffers ({@link io.tickstore.columns.FirstBuffers}, a file mapping wrapped as an Arrow foreign allocation, say); the
 * table owns and closes them like its own, and copies out of them when it grows.
 *
 * <p><b>Threads.</b> Tables and worlds are single-threaded; hand them between threads with a happens-before
 * edge.
 *
 * <p><b>Errors.</b> {@link io.tickstore.columns.TickstoreException} is the root of every failure the other modules
 * report: unchecked, with one {@link io.tickstore.columns.TickstoreException.Problem} enum grouped by area and the
 * path or session at fault first in its message. Here, where mistakes are the caller's: bad schemas throw
 * {@link io.tickstore.columns.SchemaException} listing every problem; bad indices throw
 * {@code IndexOutOfBoundsException}; use after close throws {@code IllegalStateException}.
 */
package io.tickstore.columns;
