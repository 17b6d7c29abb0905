package io.tickstore.snapshot.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstore.snapshot.format.Crc32c;
import java.nio.charset.StandardCharsets;

/**
 * The one canonical spelling of JSON in Tickstore: compact (no whitespace), object keys sorted by code point,
 * integers in plain decimal, decimals read exactly and written plainly ({@code 1e2} is {@code 100}), strings with
 * JSON's minimal escaping, UTF-8. For ASCII-only trees of objects, arrays, strings and integers (every manifest
 * format version 1 produces) it is exactly Python's {@code json.dumps(v, sort_keys=True, separators=(',', ':'))}.
 *
 * <p>What it is used for: the self-checksums of {@code manifest.json} and {@code codebook.json} (the CRC32C of the
 * canonical form of the file's tree without its checksum field, so reformatting a file keeps it valid), and every
 * JSON value a database journal stores (events, tick logs: PostgreSQL's {@code jsonb} normalises what it stores,
 * SQLite keeps text as given, and canonical text on both sides makes them return the same text).
 *
 * <p>Internal: public because the backends module stores its JSON payloads in this form. Stateless and thread-safe.
 */
public final class CanonicalJson {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private CanonicalJson() {
    }

    /**
     * Parses JSON text strictly (a repeated key or anything after the value is an error), keeping decimals exact;
     * empty text is a missing node.
     */
    public static JsonNode parse(String json) throws JsonProcessingException {
        return MAPPER.readTree(json);
    }

    /** The canonical text of {@code tree}. */
    public static String text(JsonNode tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** The canonical text of a value Jackson can turn into a tree (a map, a list, a number, a string). */
    public static String text(Object value) {
        return text((JsonNode) MAPPER.valueToTree(value));
    }

    /** The canonical form of {@code tree} as UTF-8, leaving out the top-level field {@code omitted} when not null. */
    public static byte[] bytes(JsonNode tree, String omitted) {
        JsonNode written = tree;
        if (omitted != null && tree.isObject() && tree.has(omitted)) {
            // a shallow copy: only the top level loses a field, and the writer changes nothing it is given
            ObjectNode copy = MAPPER.createObjectNode();
            tree.fields().forEachRemaining(field -> copy.set(field.getKey(), field.getValue()));
            copy.remove(omitted);
            written = copy;
        }
        return text(written).getBytes(StandardCharsets.UTF_8);
    }

    /** The CRC32C of {@link #bytes}: what a self-checksummed file records in its field {@code omitted}. */
    public static int crc32c(JsonNode tree, String omitted) {
        return Crc32c.of(bytes(tree, omitted));
    }
}
