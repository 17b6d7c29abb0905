package io.tickstore.snapshot;

/** How hard a {@link SnapshotWriter} works to make a published snapshot survive a power cut. */
public enum Durability {
    /**
     * Every file is forced to the device ({@code FileChannel.force}) and every directory touched is fsynced
     * before and after the publishing rename: once {@code write} returns, the snapshot survives a crash of the
     * machine. The default.
     */
    FSYNC,
    /**
     * Nothing is forced: the snapshot is complete and atomic with respect to other processes and to a crash of
     * the JVM, but a power cut may lose it (never half of it once the kernel has written the rename, though
     * file data may not have reached the disk). For benchmarks and tests.
     */
    PAGE_CACHE
}
