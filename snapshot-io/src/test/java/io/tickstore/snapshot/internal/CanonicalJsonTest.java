package io.tickstore.snapshot.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tickstore.snapshot.format.Crc32c;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** One canonical spelling of JSON: what manifests and codebooks checksum, and what the backends store. */
class CanonicalJsonTest {
    @Test
    void keysAreSortedAtEveryLevelWithoutWhitespaceAndDecimalsArePlain() throws JsonProcessingException {
        JsonNode tree = CanonicalJson.parse("{ \"b\": [3, {\"z\": 1e2, \"a\": 0.10}], \"a\": \"x/y\\u00e9\", \"c\": -5 }");
        assertEquals("{\"a\":\"x/yé\",\"b\":[3,{\"a\":0.1,\"z\":100}],\"c\":-5}", CanonicalJson.text(tree));
        assertEquals(CanonicalJson.text(tree), CanonicalJson.text(CanonicalJson.parse(CanonicalJson.text(tree))));
    }

    @Test
    void aRepeatedKeyOrTextAfterTheValueIsNotJson() {
        assertThrows(JsonProcessingException.class, () -> CanonicalJson.parse("{\"a\": 1, \"a\": 2}"));
        assertThrows(JsonProcessingException.class, () -> CanonicalJson.parse("{\"a\": 1} 2"));
    }

    @Test
    void aSelfChecksumLeavesOutItsOwnFieldAtTheTopOnly() throws JsonProcessingException {
        JsonNode tree = CanonicalJson.parse("{\"b\": 1, \"sum\": \"00000000\", \"a\": {\"sum\": 2}}");
        byte[] bytes = CanonicalJson.bytes(tree, "sum");
        assertEquals("{\"a\":{\"sum\":2},\"b\":1}", new String(bytes, StandardCharsets.UTF_8));
        assertEquals(Crc32c.of(bytes), CanonicalJson.crc32c(tree, "sum"));
        assertEquals("00000000", tree.get("sum").asText(), "the tree itself is left as it was");
    }

    @Test
    void valuesAreWrittenAsTheirTrees() {
        Map<String, Double> timings = new TreeMap<>(Map.of("move", 3.25, "eat", 0.5));
        assertEquals("{\"eat\":0.5,\"move\":3.25}", CanonicalJson.text(timings));
    }
}
