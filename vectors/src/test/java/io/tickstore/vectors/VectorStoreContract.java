package io.tickstore.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What every {@link VectorStore} does, whatever keeps its chunks: a subclass says how to open (and reopen) its
 * store. Memory is leak-checked after every test.
 */
abstract class VectorStoreContract {
    static final int DIMENSION = 16;

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    /** A new, empty store of this dimension. */
    abstract VectorStore open(int dimension);

    /** Closes the store and opens it again on what it kept. */
    abstract VectorStore reopen(VectorStore store);

    @Test
    void eachChunkIsItsOwnNearestNeighbourAtDistanceZero() {
        try (VectorStore store = open(DIMENSION)) {
            Chunks chunks = Chunks.clustered("c", 200, DIMENSION, 5, 1);
            store.addChunks("docs", chunks.ids, chunks.documents, chunks.embeddings, chunks.metadata);
            assertEquals(200, store.collectionCount("docs"));
            for (int i = 0; i < 200; i += 7) {
                SimilarChunks found = store.querySimilar("docs", chunks.embeddings.get(i), 3, null, Include.all());
                assertEquals(chunks.ids.get(i), found.ids().get(0));
                assertEquals(0, found.distance(0), 1e-6);
                assertEquals(chunks.documents.get(i), found.documents().get(0));
                assertArrayEquals(chunks.embeddings.get(i), found.embeddings().get(0));
                assertEquals("{\"cluster\":" + chunks.metadata.get(i).split("[:,]")[1].strip() + ",\"n\":" + i + ",\"tenth\":" + (i % 10 == 0) + "}",
                        found.metadata().get(0), "metadata comes back as canonical JSON");
            }
        }
    }

    @Test
    void distancesAreCosineDistancesNearestFirstAndAgreeWithExactSearch() {
        try (VectorStore store = open(DIMENSION)) {
            Chunks chunks = Chunks.clustered("c", 300, DIMENSION, 4, 2);
            store.addChunks("docs", chunks.ids, chunks.documents, chunks.embeddings, null);
            Random random = new Random(3);
            for (int q = 0; q < 20; q++) {
                float[] query = Chunks.randomVector(random, DIMENSION);
                SimilarChunks exact = store.queryExact("docs", query, 10, null, Include.usual());
                assertEquals(10, exact.size());
                List<Double> all = new ArrayList<>();
                for (float[] e : chunks.embeddings) {
                    all.add(Chunks.cosineDistance(query, e));
                }
                all.sort(null);
                for (int i = 0; i < 10; i++) {
                    int index = chunks.ids.indexOf(exact.ids().get(i));
                    assertEquals(Chunks.cosineDistance(query, chunks.embeddings.get(index)), exact.distance(i), 1e-5);
                    assertEquals(all.get(i), exact.distance(i), 1e-5, "the exact search finds the 10 nearest");
                    assertEquals("{}", exact.metadata().get(i), "no metadata is {}");
                }
                SimilarChunks approximate = store.querySimilar("docs", query, 10, null, Include.usual());
                for (int i = 1; i < approximate.size(); i++) {
                    assertTrue(approximate.distance(i - 1) <= approximate.distance(i), "nearest first");
                }
            }
        }
    }

    @Test
    void recallAtTenAgainstExactSearchIsHighWithAndWithoutAFilter() {
        try (VectorStore store = open(DIMENSION)) {
            Chunks chunks = Chunks.clustered("c", 3000, DIMENSION, 20, 4);
            store.addChunks("docs", chunks.ids, chunks.documents, chunks.embeddings, chunks.metadata);
            Random random = new Random(5);
            for (String where : new String[] {null, "{\"tenth\": true}"}) {
                int hits = 0;
                for (int q = 0; q < 50; q++) {
                    float[] query = chunks.embeddings.get(random.nextInt(3000)).clone();
                    query[q % DIMENSION] += 0.5f;
                    Set<String> truth = new HashSet<>(store.queryExact("docs", query, 10, where, Set.of()).ids());
                    for (String id : store.querySimilar("docs", query, 10, where, Set.of()).ids()) {
                        hits += truth.contains(id) ? 1 : 0;
                        if (where != null) {
                            assertEquals(0, Integer.parseInt(id.substring(1)) % 10, "the filter holds");
                        }
                    }
                }
                assertTrue(hits / 500.0 >= 0.95, "recall@10 " + hits / 500.0 + " with filter " + where);
            }
        }
    }

    @Test
    void aLargeBatchBuiltOnEveryCoreTakesSingleChunksAfterwards() {
        try (VectorStore store = open(DIMENSION)) {
            Chunks bulk = Chunks.clustered("b", 12_000, DIMENSION, 30, 17);
            store.addChunks("docs", bulk.ids, bulk.documents, bulk.embeddings, bulk.metadata);
            Chunks single = Chunks.clustered("s", 40, DIMENSION, 30, 18);
            for (int i = 0; i < 40; i++) {
                store.addChunks("docs", single.ids.subList(i, i + 1), single.documents.subList(i, i + 1), single.embeddings.subList(i, i + 1), null);
            }
            assertEquals(12_040, store.collectionCount("docs"));
            int hits = 0;
            for (int i = 0; i < 40; i++) {
                assertEquals("s" + i, store.querySimilar("docs", single.embeddings.get(i), 1, null, Set.of()).ids().get(0));
                float[] query = bulk.embeddings.get(i * 300).clone();
                query[i % DIMENSION] += 0.5f;
                Set<String> truth = new HashSet<>(store.queryExact("docs", query, 10, null, Set.of()).ids());
                for (String id : store.querySimilar("docs", query, 10, null, Set.of()).ids()) {
                    hits += truth.contains(id) ? 1 : 0;
                }
            }
            assertTrue(hits / 400.0 >= 0.95, "recall@10 " + hits / 400.0);
        }
    }

    @Test
    void kBeyondTheCollectionReturnsEveryChunkAndKZeroNone() {
        try (VectorStore store = open(DIMENSION)) {
            Chunks chunks = Chunks.clustered("c", 5, DIMENSION, 2, 6);
            store.addChunks("docs", chunks.ids, chunks.documents, chunks.embeddings, chunks.metadata);
            assertEquals(new TreeSet<>(chunks.ids), new TreeSet<>(store.querySimilar("docs", chunks.embeddings.get(0), 50, null, Set.of()).ids()));
            assertEquals(0, store.querySimilar("docs", chunks.embeddings.get(0), 0, null, Set.of()).size());
        }
    }

    @Test
    void collectionsAreNamespaces() {
        try (VectorStore store = open(DIMENSION)) {
            Chunks a = Chunks.clustered("x", 10, DIMENSION, 2, 7);
            Chunks b = Chunks.clustered("x", 4, DIMENSION, 2, 8);
            store.addChunks("alpha", a.ids, a.documents, a.embeddings, a.metadata);
            store.addChunks("beta", b.ids, b.documents, b.embeddings, b.metadata);
            assertEquals(10, store.collectionCount("alpha"));
            assertEquals(4, store.collectionCount("beta"));
            SimilarChunks inBeta = store.querySimilar("beta", a.embeddings.get(7), 10, null, Include.usual());
            assertEquals(4, inBeta.size());
            assertTrue(inBeta.documents().stream().allMatch(b.documents::contains));
            assertEquals(1, store.deleteChunks("beta", List.of("x1")));
            assertEquals(10, store.collectionCount("alpha"), "a delete in one collection leaves the other");
            assertEquals(0, store.collectionCount("never_used"));
            assertEquals(0, store.querySimilar("never_used", a.embeddings.get(0), 3, null, Include.all()).size());
            assertEquals(0, store.deleteChunks("never_used", List.of("x1")));
        }
    }

    @Test
    void aDeletedChunkIsNeverFoundAgainAndCountsStayExact() {
        try (VectorStore store = open(DIMENSION)) {
            Chunks chunks = Chunks.clustered("c", 500, DIMENSION, 5, 9);
            store.addChunks("docs", chunks.ids, chunks.documents, chunks.embeddings, chunks.metadata);
            List<String> gone = new ArrayList<>();
            for (int i = 0; i < 500; i += 3) {
                gone.add(chunks.ids.get(i));
            }
            gone.add("no-such-id");
            assertEquals(167, store.deleteChunks("docs", gone));
            assertEquals(333, store.collectionCount("docs"));
            assertEquals(0, store.deleteChunks("docs", gone), "deleting again deletes nothing");
            for (int i = 0; i < 500; i += 3) {
                float[] own = chunks.embeddings.get(i);
                SimilarChunks approximate = store.querySimilar("docs", own, 10, null, Set.of());
                SimilarChunks exact = store.queryExact("docs", own, 10, "{\"cluster\": " + chunks.metadata.get(i).split("[:,]")[1].strip() + "}", Set.of());
                for (String id : approximate.ids()) {
                    assertTrue(!gone.contains(id), id + " was deleted");
                }
                for (String id : exact.ids()) {
                    assertTrue(!gone.contains(id), id + " was deleted");
                }
                assertEquals(10, approximate.size());
            }
        }
    }

    @Test
    void addingAnIdAgainReplacesItsChunk() {
        try (VectorStore store = open(DIMENSION)) {
            Chunks chunks = Chunks.clustered("c", 20, DIMENSION, 2, 10);
            store.addChunks("docs", chunks.ids, chunks.documents, chunks.embeddings, chunks.metadata);
            float[] moved = Chunks.randomVector(new Random(11), DIMENSION);
            store.addChunks("docs", List.of("c3"), List.of("rewritten"), List.of(moved), List.of("{\"v\": 2}"));
            assertEquals(20, store.collectionCount("docs"));
            SimilarChunks found = store.querySimilar("docs", moved, 1, null, Include.all());
            assertEquals(List.of("c3"), found.ids());
            assertEquals(List.of("rewritten"), found.documents());
            assertEquals(List.of("{\"v\":2}"), found.metadata());
            SimilarChunks old = store.queryExact("docs", chunks.embeddings.get(3), 20, null, Include.usual());
            assertEquals(1, old.ids().stream().filter("c3"::equals).count(), "the old chunk of c3 is gone");
            assertTrue(old.documents().stream().noneMatch(chunks.documents.get(3)::equals));
        }
    }

    @Test
    void theFilterIsJsonbContainment() {
        try (VectorStore store = open(DIMENSION)) {
            List<String> metadata = List.of(
                    "{\"kind\": \"law\", \"year\": 1900, \"tags\": [\"a\", \"b\"], \"where\": {\"country\": \"fr\", \"city\": \"Lyon\"}}",
                    "{\"kind\": \"law\", \"year\": 1900.0, \"tags\": [\"b\"], \"where\": {\"country\": \"de\"}}",
                    "{\"kind\": \"note\", \"year\": 2000, \"tags\": [[\"a\"]], \"people\": [{\"name\": \"Ada\", \"age\": 36}, {\"name\": \"Bob\"}]}",
                    "{\"kind\": [\"law\"], \"people\": [{\"name\": \"Ada\"}, {\"age\": 36}]}",
                    "{}");
            List<String> ids = List.of("m0", "m1", "m2", "m3", "m4");
            Random random = new Random(12);
            List<float[]> embeddings = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                embeddings.add(Chunks.randomVector(random, DIMENSION));
            }
            store.addChunks("docs", ids, List.of("0", "1", "2", "3", "4"), embeddings, metadata);
            String[][] cases = {
                    {"{}", "m0 m1 m2 m3 m4"},
                    {"{\"kind\": \"law\"}", "m0 m1"},
                    {"{\"year\": 1900}", "m0 m1"},
                    {"{\"year\": 1.9e3}", "m0 m1"},
                    {"{\"tags\": [\"b\"]}", "m0 m1"},
                    {"{\"tags\": [\"a\", \"b\"]}", "m0"},
                    {"{\"tags\": []}", "m0 m1 m2"},
                    {"{\"tags\": \"a\"}", ""},
                    {"{\"tags\": [[\"a\"]]}", "m2"},
                    {"{\"where\": {\"country\": \"fr\"}}", "m0"},
                    {"{\"where\": {}}", "m0 m1"},
                    {"{\"people\": [{\"name\": \"Ada\", \"age\": 36}]}", "m2"},
                    {"{\"people\": [{\"name\": \"Ada\"}]}", "m2 m3"},
                    {"{\"kind\": [\"law\"]}", "m3"},
                    {"{\"missing\": null}", ""},
            };
            for (String[] c : cases) {
                for (boolean exact : new boolean[] {true, false}) {
                    SimilarChunks found = exact ? store.queryExact("docs", embeddings.get(0), 10, c[0], Set.of())
                            : store.querySimilar("docs", embeddings.get(0), 10, c[0], Set.of());
                    assertEquals(c[1], String.join(" ", new TreeSet<>(found.ids())), c[0] + (exact ? " exact" : " approximate"));
                }
            }
        }
    }

    @Test
    void aWrongDimensionIsRefusedNamingTheCollectionAndBothDimensionsAndWritesNothing() {
        try (VectorStore store = open(DIMENSION)) {
            Chunks chunks = Chunks.clustered("c", 3, DIMENSION, 1, 13);
            List<float[]> embeddings = new ArrayList<>(chunks.embeddings);
            embeddings.set(2, new float[DIMENSION - 1]);
            TickstoreException e = assertThrows(TickstoreException.class,
                    () -> store.addChunks("docs", chunks.ids, chunks.documents, embeddings, chunks.metadata));
            assertEquals(Problem.INVALID_INPUT, e.problem());
            assertEquals("collection 'docs': the embedding of chunk 'c2' has dimension 15, expected 16", e.getMessage());
            assertEquals(0, store.collectionCount("docs"), "a refused batch writes nothing");
            store.addChunks("docs", chunks.ids, chunks.documents, chunks.embeddings, chunks.metadata);
            e = assertThrows(TickstoreException.class, () -> store.querySimilar("docs", new float[3], 1, null, Set.of()));
            assertEquals("collection 'docs': the query embedding has dimension 3, expected 16", e.getMessage());
            e = assertThrows(TickstoreException.class, () -> store.queryExact("docs", new float[17], 1, null, Set.of()));
            assertEquals("collection 'docs': the query embedding has dimension 17, expected 16", e.getMessage());
        }
    }

    @Test
    void malformedBatchesAndQueriesAreRefusedWithTheirCause() {
        try (VectorStore store = open(DIMENSION)) {
            Chunks chunks = Chunks.clustered("c", 3, DIMENSION, 1, 14);
            assertRefused("collection 'docs': id 'c1' is twice in one batch", () -> store.addChunks("docs", List.of("c1", "c1"),
                    List.of("a", "b"), chunks.embeddings.subList(0, 2), null));
            assertRefused("collection 'docs': 3 ids but 2 documents, 3 embeddings", () -> store.addChunks("docs", chunks.ids,
                    chunks.documents.subList(0, 2), chunks.embeddings, null));
            assertRefused("collection 'docs': the embedding of chunk 'c0' is all zeros, which has no cosine distance",
                    () -> store.addChunks("docs", List.of("c0"), List.of("a"), List.of(new float[DIMENSION]), null));
            float[] nan = chunks.embeddings.get(0).clone();
            nan[4] = Float.NaN;
            assertRefused("collection 'docs': the embedding of chunk 'c0' holds NaN at index 4",
                    () -> store.addChunks("docs", List.of("c0"), List.of("a"), List.of(nan), null));
            assertRefused("collection 'docs': chunk 'c0': metadata is not a JSON object: [1]",
                    () -> store.addChunks("docs", List.of("c0"), List.of("a"), chunks.embeddings.subList(0, 1), List.of("[1]")));
            assertRefused("collection 'docs': the filter is not a JSON object: \"x\"",
                    () -> store.querySimilar("docs", chunks.embeddings.get(0), 1, "\"x\"", Set.of()));
            assertRefused("collection 'docs': k = -1 is negative", () -> store.querySimilar("docs", chunks.embeddings.get(0), -1, null, Set.of()));
            assertEquals(0, store.collectionCount("docs"));
            TickstoreException e = assertThrows(TickstoreException.class, () -> store.collectionCount("no spaces"));
            assertEquals(Problem.INVALID_IDENTIFIER, e.problem());
            assertTrue(e.getMessage().startsWith("collection name 'no spaces' is not an identifier"), e.getMessage());
        }
    }

    @Test
    void aQueryReturnsOnlyTheFieldsItAskedFor() {
        try (VectorStore store = open(DIMENSION)) {
            Chunks chunks = Chunks.clustered("c", 10, DIMENSION, 2, 15);
            store.addChunks("docs", chunks.ids, chunks.documents, chunks.embeddings, chunks.metadata);
            SimilarChunks found = store.querySimilar("docs", chunks.embeddings.get(0), 2, null, Set.of(Include.DISTANCES));
            assertEquals(2, found.ids().size());
            IllegalStateException e = assertThrows(IllegalStateException.class, found::documents);
            assertEquals("the query did not include DOCUMENTS (it included [DISTANCES])", e.getMessage());
        }
    }

    @Test
    void aReopenedStoreHoldsWhatWasAddedAndNotWhatWasDeleted() {
        Chunks chunks = Chunks.clustered("c", 400, DIMENSION, 5, 16);
        VectorStore store = open(DIMENSION);
        try {
            store.addChunks("docs", chunks.ids, chunks.documents, chunks.embeddings, chunks.metadata);
            store.addChunks("other", chunks.ids.subList(0, 3), chunks.documents.subList(0, 3), chunks.embeddings.subList(0, 3), null);
            store.deleteChunks("docs", List.of("c0", "c1"));
            SimilarChunks before = store.querySimilar("docs", chunks.embeddings.get(0), 10, "{\"tenth\": true}", Include.all());
            store = reopen(store);
            assertEquals(398, store.collectionCount("docs"));
            assertEquals(3, store.collectionCount("other"));
            SimilarChunks after = store.querySimilar("docs", chunks.embeddings.get(0), 10, "{\"tenth\": true}", Include.all());
            assertEquals(before.ids(), after.ids());
            assertEquals(before.metadata(), after.metadata());
            assertArrayEquals(before.distances(), after.distances());
            assertTrue(!store.querySimilar("docs", chunks.embeddings.get(0), 10, null, Set.of()).ids().contains("c0"));
        } finally {
            store.close();
        }
    }

    @Test
    void closeIsIdempotentAndAClosedStoreRefusesWork() {
        VectorStore store = open(DIMENSION);
        store.close();
        store.close();
        assertThrows(IllegalStateException.class, () -> store.collectionCount("docs"));
    }

    private static void assertRefused(String message, Runnable call) {
        TickstoreException e = assertThrows(TickstoreException.class, call::run);
        assertEquals(Problem.INVALID_INPUT, e.problem());
        assertEquals(message, e.getMessage());
    }
}
