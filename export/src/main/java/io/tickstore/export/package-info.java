/**
 * Getting tables out to other tools: a zero-copy Arrow view ({@link io.tickstore.export.ArrowView}), export formats
 * found by name ({@link io.tickstore.export.ExportFormats}: Arrow IPC files and streams,
 * {@link io.tickstore.export.ArrowExport}; CSV whose values parse back exactly, {@link io.tickstore.export.CsvExport};
 * any {@link io.tickstore.export.ExportFormat} another module lists as a service), every table of a world into a
 * directory ({@link io.tickstore.export.WorldExport}), and an event log as CSV or SQLite
 * ({@link io.tickstore.export.EventLogExport}), written where an
 * {@link io.tickstore.export.OutputTarget} says. (The snapshot's .npy files themselves open directly in
 * numpy.) Each exporter lives here beside the library it needs (Arrow vector, SQLite JDBC), so that snapshot-io
 * and the mmap reader do without them.
 *
 * <p><b>Hot paths.</b> The Arrow view shares the table's buffers (scalars, array elements, categorical codes); only
 * validity bitmaps, bool columns, dictionaries and the offsets and bytes of text and list columns are built.
 *
 * <p><b>Threads.</b> Views are single-threaded, like the table they view; exports read the table (or the log) only.
 *
 * <p><b>Errors.</b> A view must be closed before its table. Exports go through an
 * {@link io.tickstore.export.OutputTarget}: a regular file is written under a temporary name and renamed,
 * so a failure leaves no partial file; a FIFO or a character device is written as a stream (SQLite needs a
 * regular file); nothing else is ever replaced. A failed write names the file ("/dev/full: no space left on device").
 */
package io.tickstore.export;
