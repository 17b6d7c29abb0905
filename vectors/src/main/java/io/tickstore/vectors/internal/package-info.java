/**
 * How the vector stores work; nothing here is API.
 *
 * <p>{@link io.tickstore.vectors.internal.VectorIndex} is the search both stores share: an HNSW graph (Lucene's
 * {@code HnswGraphBuilder} and {@code HnswGraphSearcher}) whose nodes are the rows of an off-heap {@code f32[d]}
 * column, scored by {@link io.tickstore.vectors.internal.Cosine} straight from that memory, with deleted rows kept as
 * graph nodes (they still route searches) but never accepted. Its exact scan compares rows with
 * {@link io.tickstore.vectors.internal.AbandoningDot}, which stops reading a row once the row provably cannot enter the
 * k nearest, and otherwise gives {@code Cosine}'s value to the bit. {@link io.tickstore.vectors.internal.ChunkTable} is a
 * collection's rows. {@link io.tickstore.vectors.internal.MetadataPostings} answers a JSON containment filter without
 * parsing every row; {@link io.tickstore.vectors.internal.JsonContainment} is {@code jsonb @>}'s rule, written out.
 */
package io.tickstore.vectors.internal;
