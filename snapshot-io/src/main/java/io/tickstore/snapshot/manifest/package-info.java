/**
 * The snapshot manifest: its model ({@link io.tickstore.snapshot.manifest.Manifest},
 * {@link io.tickstore.snapshot.manifest.TableEntry}, {@link io.tickstore.snapshot.manifest.ColumnEntry},
 * {@link io.tickstore.snapshot.manifest.FileEntry}) and its JSON codec
 * ({@link io.tickstore.snapshot.manifest.ManifestCodec}), format versions 1 and 2, with the codec of the schema a manifest
 * holds for each table ({@link io.tickstore.snapshot.manifest.SchemaCodec}), which database journals use too.
 *
 * <p><b>Purpose.</b> One small JSON file that says everything a reader needs before it allocates: schemas,
 * row counts, file names, exact lengths and checksums, protected by its own CRC32C.
 *
 * <p><b>Hot paths.</b> None; a manifest is a few KiB.
 *
 * <p><b>Threads.</b> The model is immutable and the codec stateless: thread-safe.
 *
 * <p><b>Errors.</b> Decoding validates every field and throws
 * {@link io.tickstore.snapshot.SnapshotFormatException} naming the manifest and the field path
 * ({@code tables[0].columns[2].rows}).
 */
package io.tickstore.snapshot.manifest;
