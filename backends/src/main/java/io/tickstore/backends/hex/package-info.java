/**
 * The multi-resolution hex journal on PostgreSQL: a geographic world journaled in tiers by binary COPY.
 *
 * <pre>
 *   territory_snapshot  every persisted tick in full     county economics       ─┐ phase 1: broadcast
 *   hex_activity        sparse: the hexes touched        heat, organisations     ─┤ phase 2: overlay     ──► hex_latest
 *   hex_map             once per session                 hex to county, polygon ─┤                          (current state,
 *   hex_substrate       once per session                 children of each hex   ─┘ rolled up at seed         one row a hex)
 * </pre>
 *
 * The tables, keys, checks and indexes are in {@code hex-journal.sql} beside this package; every table is scoped by
 * session ({@code game_id}). {@link io.tickstore.backends.hex.HexCache} keeps hex_latest (seed at tick 0, refresh every
 * tick) and rebuilds any past tick from the journals. The broadcast copies nothing: hex_latest's county half is
 * territory_snapshot at the tick hex_latest_tick names. {@link io.tickstore.backends.hex.HexJournalWriter} writes a
 * world's tables into the tiers inside a caller's transaction; {@link io.tickstore.backends.hex.HexJournal} is the
 * recording observer that does it for a run, one transaction a tick.
 */
package io.tickstore.backends.hex;
