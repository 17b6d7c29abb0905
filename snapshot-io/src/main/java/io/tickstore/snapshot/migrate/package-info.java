/**
 * Schema evolution on load: a snapshot written at schema version {@code v} loads into any version
 * {@code >= v} of the same table.
 *
 * <p><b>Purpose.</b> {@link io.tickstore.snapshot.migrate.MigrationPlan} decides, from the stored and target
 * schemas alone, what each target column gets (copy, copy from a former name, widen, fill with the default
 * because it did not exist yet) and lists every reason it cannot; {@link io.tickstore.snapshot.migrate.ValueConversion}
 * does the per-value work. The model is SBE's schema extension (fields carry the version that added them) and
 * QuestDB's column tops (rows from before a column existed read as its default).
 *
 * <p><b>Hot paths.</b> Copies bypass this package; widening and filling run once per value of migrated columns.
 *
 * <p><b>Threads.</b> Immutable plans, stateless conversions: thread-safe.
 *
 * <p><b>Errors.</b> Plans never throw; {@link io.tickstore.snapshot.migrate.MigrationPlan#forSnapshot} turns
 * every problem of every table into one {@link io.tickstore.snapshot.SnapshotFormatException} with
 * {@code INCOMPATIBLE_SCHEMA} naming the manifest.
 */
package io.tickstore.snapshot.migrate;
