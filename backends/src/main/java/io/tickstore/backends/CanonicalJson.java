package io.tickstore.backends;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tickstore.columns.TickstoreException.Problem;

/**
 * One spelling for every JSON value the backends store: compact, object keys sorted, numbers as plain decimals.
 *
 * <p>PostgreSQL's {@code jsonb} normalises what it stores (key order, whitespace, {@code 1e2} becomes {@code 100});
 * SQLite keeps text as given. Passing every payload through this form before storing it, and every payload read
 * back through it again, makes both backends return the same text for the same value.
 */
final class CanonicalJson {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private CanonicalJson() {
    }

    /** The canonical form of {@code json}; throws {@link Problem#INVALID_INPUT} naming {@code what} when it is not JSON. */
    static String canonical(String json, String what) {
        if (json == null) {
            throw new PersistenceException(Problem.INVALID_INPUT, what + " is null; pass a JSON value (\"null\" for none)");
        }
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (tree == null || tree.isMissingNode()) {
                throw new PersistenceException(Problem.INVALID_INPUT, what + " is empty; pass a JSON value");
            }
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new PersistenceException(Problem.INVALID_INPUT, what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    static JsonNode parse(String json, String what) {
        try {
            return MAPPER.readTree(canonical(json, what));
        } catch (JsonProcessingException e) {
            throw new PersistenceException(Problem.INVALID_INPUT, what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(MAPPER.valueToTree(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }
}
