/**
 * The hex journal's writer measured beside the way the reference design wrote the same rows: one tick of a
 * geographic world (its territory whole, its touched hexes' activity) from the world's off-heap tables into
 * PostgreSQL, by binary COPY and by executemany in batches of 1,000.
 */
package io.tickstore.jmh.hexwriter;
