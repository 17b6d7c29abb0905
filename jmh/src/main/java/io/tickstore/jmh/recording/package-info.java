/**
 * What recording costs: a recorded typed write beside an unrecorded one and a float[] store, and the reference
 * simulation's tick with recording on and off, in the same run.
 */
package io.tickstore.jmh.recording;
