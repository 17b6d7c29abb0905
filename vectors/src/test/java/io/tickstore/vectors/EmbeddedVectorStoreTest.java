package io.tickstore.vectors;

import io.tickstore.columns.World;
import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.SnapshotReader;
import io.tickstore.snapshot.SnapshotWriter;
import io.tickstore.snapshot.WriteOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The contract for the store in a world's tables; reopening writes a snapshot of the world and reads it back. */
class EmbeddedVectorStoreTest extends VectorStoreContract {
    @TempDir
    Path temp;

    private final Map<VectorStore, World> worlds = new IdentityHashMap<>();

    @Override
    VectorStore open(int dimension) {
        return VectorStores.embedded(memory.root(), dimension);
    }

    @Override
    VectorStore reopen(VectorStore store) {
        World world = ((io.tickstore.vectors.internal.EmbeddedVectorStore) store).world();
        try {
            Path snapshot = SnapshotWriter.write(world, temp, WriteOptions.defaults().withDurability(Durability.PAGE_CACHE)).dir();
            int dimension = store.dimension();
            store.close();
            World loaded = SnapshotReader.read(snapshot, memory.root());
            return new io.tickstore.vectors.internal.EmbeddedVectorStore(loaded, true, dimension, HnswSettings.defaults());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
