package io.tickstore.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstore.snapshot.format.Crc32c;
import io.tickstore.snapshot.manifest.ManifestCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Test helper that changes a manifest on disk the way a buggy or malicious writer would: either re-signing it
 * (recomputing {@code manifestCrc32c}, so the reader's field checks are what must catch the change) or not
 * (so the self-checksum must).
 */
public final class ManifestEdits {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ManifestEdits() {
    }

    /** Applies {@code change} to the manifest tree and writes it back with a valid self-checksum. */
    public static void editAndResign(Path manifestFile, Consumer<ObjectNode> change) throws IOException {
        ObjectNode root = (ObjectNode) MAPPER.readTree(manifestFile.toFile());
        change.accept(root);
        root.put(ManifestCodec.CRC_FIELD, Crc32c.hex(ManifestCodec.canonicalCrc32c(root)));
        Files.write(manifestFile, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }

    /** Applies {@code change} and writes the tree back keeping the old, now wrong, self-checksum. */
    public static void editWithoutResigning(Path manifestFile, Consumer<ObjectNode> change) throws IOException {
        ObjectNode root = (ObjectNode) MAPPER.readTree(manifestFile.toFile());
        change.accept(root);
        Files.write(manifestFile, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }

    /** {@code tables[t]}. */
    public static ObjectNode table(ObjectNode root, int t) {
        return (ObjectNode) root.get("tables").get(t);
    }

    /** {@code tables[t].columns[c]}. */
    public static ObjectNode column(ObjectNode root, int t, int c) {
        return (ObjectNode) table(root, t).get("columns").get(c);
    }
}
