/**
 * Internal: not part of Tickstore's API; may change without notice. What the archive and backup packages share.
 *
 * <p><b>Purpose.</b> {@link io.tickstore.archive.internal.Sha256}: the file and byte digests their manifests record.
 *
 * <p><b>Hot paths.</b> None. <b>Threads.</b> Stateless. <b>Errors.</b> A file that cannot be read is an
 * {@code IOException} naming it.
 */
package io.tickstore.archive.internal;
