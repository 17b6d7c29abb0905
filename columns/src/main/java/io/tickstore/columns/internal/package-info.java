/**
 * Internal: not part of Tickstore's API; may change without notice.
 *
 * <p><b>Purpose.</b> The plumbing between a table and the modules built on it: {@link
 * io.tickstore.columns.internal.TableRecorder}, which a recording (snapshot-io's {@code io.tickstore.recording})
 * attaches to every table so that writes reach the event log, and {@link io.tickstore.columns.internal.OffHeap},
 * direct {@code ByteBuffer} views over raw off-heap addresses, which the snapshot reader, the event log writer and
 * the export module's Arrow types use; and {@link io.tickstore.columns.internal.DidYouMean}, the "did you mean
 * energy?" every module's messages about a misspelt name end with. They are public only because those other modules
 * use them; a program embedding Tickstore goes through {@code Table} and never needs them.
 *
 * <p><b>Hot paths.</b> A recorder's calls follow every table write on the writing thread; {@code OffHeap.view} makes
 * one buffer object and copies nothing.
 *
 * <p><b>Threads.</b> A recorder is called from the thread writing its table; views belong to their caller.
 */
package io.tickstore.columns.internal;
