package io.tickstore.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.columns.testing.Python;
import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.SnapshotWriter;
import io.tickstore.snapshot.WriteOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A simulation's snapshot carries its embeddings, and numpy maps them as a 2-D float32 array with no Tickstore code. */
class NumpyReadsEmbeddingsTest {
    private static final String READ = String.join("\n",
            "import sys, numpy",
            "snap = sys.argv[1]",
            "e = numpy.load(snap + '/chunks_docs/embedding.npy', mmap_mode='r')",
            "assert isinstance(e, numpy.memmap)",
            "live = ~numpy.load(snap + '/chunks_docs/deleted.npy')",
            "print(e.dtype.str, e.ndim, e.shape[0], e.shape[1], int(live.sum()))",
            "q = e[7] / numpy.linalg.norm(e[7])",
            "d = 1 - (e @ q) / numpy.linalg.norm(e, axis=1)",
            "d[~live] = numpy.inf",
            "print(' '.join(str(int(i)) for i in numpy.argsort(d, kind='stable')[:3]))",
            "print(' '.join('%.6f' % x for x in e[2, :4]))");

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path temp;

    @BeforeAll
    static void requirePythonWithNumpy() {
        Assumptions.assumeTrue(Python.hasNumpy(), "python3 with numpy is not installed: skipping the numpy interop test");
    }

    @Test
    void numpyMapsASnapshotsEmbeddingsAsATwoDimensionalArrayAndFindsTheSameNeighbours() throws Exception {
        try (World world = new World(memory.root()); VectorStore store = VectorStores.embedded(world, 24)) {
            world.setTick(3);
            Chunks chunks = Chunks.clustered("c", 60, 24, 4, 40);
            store.addChunks("docs", chunks.ids, chunks.documents, chunks.embeddings, chunks.metadata);
            store.deleteChunks("docs", List.of("c5", "c9"));
            Path snapshot = SnapshotWriter.write(world, temp, WriteOptions.defaults().withDurability(Durability.PAGE_CACHE)).dir();
            List<String> lines = Python.run(READ, snapshot.toString());
            assertEquals("<f4 2 60 24 58", lines.get(0), "rows x dimension, float32, the deleted rows flagged");
            List<String> nearest = new ArrayList<>();
            for (String id : store.queryExact("docs", chunks.embeddings.get(7), 3, null, java.util.Set.of()).ids()) {
                nearest.add(id.substring(1));
            }
            assertEquals(String.join(" ", nearest), lines.get(1), "numpy's brute force finds the store's exact neighbours");
            float[] e2 = chunks.embeddings.get(2);
            assertEquals(String.format(Locale.ROOT, "%.6f %.6f %.6f %.6f", e2[0], e2[1], e2[2], e2[3]), lines.get(2));
        }
    }
}
