package io.tickstore.backends;

/**
 * One column of one table at one tick, aggregated by the database ({@link PostgresExtensions#summarizeTick}): how
 * many rows, and the minimum, maximum and mean of the column's values as doubles (for {@code bool}, of 0 and 1).
 * For a table without rows the three statistics are NaN.
 */
public record ColumnSummary(long tick, String table, String column, long rows, double min, double max, double mean) {
}
