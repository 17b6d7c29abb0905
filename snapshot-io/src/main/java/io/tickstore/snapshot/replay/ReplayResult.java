package io.tickstore.snapshot.replay;

/**
 * What a replay applied.
 *
 * @param fromTick the world's tick before (its snapshot's)
 * @param toTick the world's tick after
 * @param recordsApplied births, deaths and column writes applied
 * @param recordsRead records read, generator words, tick ends and records of other keys included
 */
public record ReplayResult(long fromTick, long toTick, long recordsApplied, long recordsRead) {
}
