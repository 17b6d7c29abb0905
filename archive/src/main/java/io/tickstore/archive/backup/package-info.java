/**
 * Backups of a store: the snapshots, event logs and settings of every run, and its SQLite journals.
 *
 * <p><b>Purpose.</b> {@link io.tickstore.archive.backup.StoreBackups} takes a backup (immutable snapshot files
 * hard-linked where the file system allows, logs copied segments first, SQLite journals through SQLite's online
 * backup API), lists backups and restores one into a new store, checking every checksum before the store appears.
 *
 * <p><b>Hot paths.</b> None: a backup reads each file once to hash it.
 *
 * <p><b>Threads.</b> Stateless; a backup may run while a recording writes the store (it takes only published
 * snapshots, whole).
 *
 * <p><b>Errors.</b> A damaged backup is {@code ARCHIVE_MISMATCH} naming the file; a directory without
 * {@code backup.json} is {@code ARCHIVE_INCOMPLETE}; what the operating system refuses is an {@code IOException}
 * naming the path. A failed backup or restore leaves only a hidden temporary directory, which it removes.
 */
package io.tickstore.archive.backup;
