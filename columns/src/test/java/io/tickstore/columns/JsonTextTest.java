package io.tickstore.columns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.testing.AllKinds;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.util.MemoryUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JsonTextTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @Test
    void theCanonicalFormIsTheOnePostgresJsonbCannotChange() {
        assertEquals("{\"a\":[1,2.50,true,null],\"b\":{\"c\":\"d\"}}", JsonText.canonical(" {\"b\": {\"c\":\"d\"}, \"a\":[1, 2.50 ,true,null]} "));
        assertEquals("[100,0.0010,0,0.0,-12.5,123456789012345678901234567890]",
                JsonText.canonical("[1e2, 1.0e-3, -0, -0.0, -1.25E1, 123456789012345678901234567890]"));
        assertEquals("\"\\\"\\\\\\b\\t\\n\\f\\r\\u0001\\u001f/é😀\"", JsonText.canonical("\"\\\"\\\\\\b\\t\\n\\f\\r\\u0001\\u001F\\/\\u00e9\\ud83d\\ude00\""));
        assertEquals("{\"A\":1,\"a\":2,\"é\":3,\"\uffff\":5,\"😀\":4}",
                JsonText.canonical("{\"\uffff\":5,\"😀\":4,\"é\":3,\"a\":2,\"A\":1}"), "keys by code point, not by UTF-16 unit");
    }

    @Test
    void whatNoStoredJsonMayHoldIsRefused() {
        for (String bad : List.of("", "{", "[1,]", "{\"a\":1,\"a\":2}", "\"\\u0000\"", "\"\\ud800\"", "NaN", "01", "1.", "'x'", "[1] 2",
                "{\"a\" 1}", "tru", "\"\t\"", "1e999999")) {
            assertThrows(IllegalArgumentException.class, () -> JsonText.canonical(bad), bad);
        }
        String deep = "[".repeat(JsonText.MAX_DEPTH + 2) + "]".repeat(JsonText.MAX_DEPTH + 2);
        assertThrows(IllegalArgumentException.class, () -> JsonText.canonical(deep));
    }

    @Test
    void canonicalTextPassesTheCheckerAndIsAFixedPoint() {
        SplittableRandom random = new SplittableRandom(5);
        JsonText.Checker checker = new JsonText.Checker();
        for (int i = 0; i < 3_000; i++) {
            String canonical = (String) AllKinds.randomValue(random, Schema.builder("t", 1).json("j").build().column(0));
            assertEquals(canonical, JsonText.canonical(canonical));
            assertEquals(-1, check(checker, canonical), canonical);
        }
    }

    @Test
    void theCheckerRefusesEveryOtherSpelling() {
        JsonText.Checker checker = new JsonText.Checker();
        for (String notCanonical : List.of(" 1", "1 ", "{\"b\":1,\"a\":2}", "{\"a\":1,\"a\":1}", "[1, 2]", "1e2", "-0", "-0.00", "1.0E1",
                "\"\\u00e9\"", "\"\\/\"", "\"\\u000a\"", "\"\\u001F\"", "\"\\u0000\"", "{\"a\" :1}", "[01]", "tru", "\"", "[", "{\"A\":2,\"\\n\":1}")) {
            assertTrue(check(checker, notCanonical) >= 0, notCanonical);
            if (!notCanonical.equals("\"\\u0000\"") && !notCanonical.equals("tru") && !notCanonical.equals("\"") && !notCanonical.equals("[")
                    && !notCanonical.equals("{\"a\":1,\"a\":1}") && !notCanonical.equals("[01]")) {
                assertEquals(-1, check(checker, JsonText.canonical(notCanonical)), notCanonical);
            }
        }
        assertEquals(-1, check(checker, "{\"A\":2,\"\\n\":1}".replace("{\"A\":2,\"\\n\":1}", JsonText.canonical("{\"A\":2,\"\\n\":1}"))));
        assertEquals("{\"\\n\":1,\"A\":2}", JsonText.canonical("{\"A\":2,\"\\n\":1}"), "an escaped key sorts by its character");
    }

    @Test
    void stringArraysRoundTrip() {
        List<String> items = List.of("", "a,b", "\"q\"", "é😀");
        assertEquals(items, JsonText.parseStringArray(JsonText.stringArray(items)));
        assertThrows(IllegalArgumentException.class, () -> JsonText.parseStringArray("[1]"));
        assertThrows(IllegalArgumentException.class, () -> JsonText.parseStringArray("{}"));
    }

    private long check(JsonText.Checker checker, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer direct = ByteBuffer.allocateDirect(Math.max(1, bytes.length)).put(bytes).flip();
        return checker.firstFault(MemoryUtil.getByteBufferAddress(direct), bytes.length);
    }
}
