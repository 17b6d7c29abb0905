package io.tickstore.vectors.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;

/**
 * PostgreSQL's {@code jsonb @>} written out, so the embedded store filters as the PostgreSQL one does: an object
 * contains another when it has each of its keys with a value that contains the other's; an array contains another
 * when each of the other's elements is contained in some element of it; scalars contain only an equal scalar (numbers
 * compared as numbers, {@code 1} equals {@code 1.0}); an object never contains an array nor the reverse. (jsonb's one
 * exception, a top-level array containing a scalar, cannot arise: metadata and filters are objects.)
 */
public final class JsonContainment {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonContainment() {
    }

    /** Parses JSON text that must be an object; {@code what} names it in the error. */
    public static JsonNode parseObject(String json, String what) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(what + " is not a JSON object: " + abbreviate(json));
        }
        return node;
    }

    public static boolean contains(JsonNode target, JsonNode filter) {
        if (filter.isObject()) {
            if (!target.isObject()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = filter.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                JsonNode value = target.get(member.getKey());
                if (value == null || !contains(value, member.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (filter.isArray()) {
            if (!target.isArray()) {
                return false;
            }
            for (JsonNode wanted : filter) {
                boolean found = false;
                for (JsonNode element : target) {
                    if (contains(element, wanted)) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }
        return sameScalar(target, filter);
    }

    static boolean sameScalar(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isContainerNode() || b.isContainerNode()) {
            return false;
        }
        return a.getNodeType() == b.getNodeType() && a.asText().equals(b.asText());
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
