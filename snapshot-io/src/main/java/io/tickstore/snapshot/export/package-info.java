/**
 * Getting tables out to other tools: a zero-copy Arrow view ({@link io.tickstore.snapshot.export.ArrowView}),
 * Arrow IPC files ({@link io.tickstore.snapshot.export.ArrowExport}) and CSV
 * ({@link io.tickstore.snapshot.export.CsvExport}), written where an
 * {@link io.tickstore.snapshot.export.OutputTarget} says. (The snapshot's .npy files themselves open directly in
 * numpy.)
 *
 * <p><b>Hot paths.</b> The Arrow view shares the table's buffers; only validity bitmaps and bool columns are
 * built.
 *
 * <p><b>Threads.</b> Views are single-threaded, like the table they view; exports read the table only.
 *
 * <p><b>Errors.</b> A view must be closed before its table. Exports go through an
 * {@link io.tickstore.snapshot.export.OutputTarget}: a regular file is written under a temporary name and renamed,
 * so a failure leaves no partial file; a FIFO or a character device is written as a stream; nothing else is ever
 * replaced. A failed write names the file ("/dev/full: no space left on device").
 */
package io.tickstore.snapshot.export;
