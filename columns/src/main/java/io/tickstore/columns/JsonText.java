package io.tickstore.columns;

import io.tickstore.columns.internal.Utf8;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.agrona.UnsafeApi;

/**
 * The canonical text a {@code json} column holds, so that a value reads back exactly whatever stored it: a
 * snapshot, the event log, SQLite's text, or PostgreSQL's {@code jsonb}, which keeps the value but not its spelling
 * (it reorders keys, drops duplicates, respaces, rewrites {@code 1e2} as {@code 100}). Canonical text is the one
 * spelling those round trips cannot change:
 *
 * <ul>
 *   <li>no whitespace outside strings;</li>
 *   <li>object members sorted by key, comparing code points; a key appears once (a repeated key is refused, not
 *       resolved);</li>
 *   <li>strings hold every character as itself in UTF-8 except {@code "} and {@code \} (escaped as {@code \"},
 *       {@code \\}) and U+0001..U+001F ({@code \b \t \n \f \r}, the others <code>&#92;u00XX</code> with lower-case hex);
 *       U+0000 and unpaired surrogates are refused, as PostgreSQL refuses them;</li>
 *   <li>numbers in plain decimal with the digits given: {@code new BigDecimal(text).toPlainString()} ({@code 1e2}
 *       is {@code 100}, {@code 1.50} stays {@code 1.50}, {@code -0.0} is {@code 0.0}), as PostgreSQL's
 *       {@code numeric} prints them; a number PostgreSQL could not hold (over 131072 digits before the point or
 *       16383 after) is refused;</li>
 *   <li>{@code true}, {@code false}, {@code null} as they are; nesting at most {@value #MAX_DEPTH} deep.</li>
 * </ul>
 *
 * {@link #canonical} turns any JSON text into this form (allocating, as parsing does); {@link Checker} checks
 * stored bytes without allocating.
 */
public final class JsonText {
    /** How deep arrays and objects may nest. */
    public static final int MAX_DEPTH = 256;

    private JsonText() {
    }

    /**
     * The canonical form of a JSON text.
     *
     * @throws IllegalArgumentException naming the character where the text stops being JSON, or what it holds that a
     *         canonical value may not
     */
    public static String canonical(String json) {
        Parser p = new Parser(json);
        Object value = p.value(0);
        p.end();
        StringBuilder out = new StringBuilder(json.length());
        write(value, out);
        return out.toString();
    }

    /** A JSON array of the strings, canonical; each is checked as stored text ({@link Utf8#checkText}). */
    public static String stringArray(List<String> items) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i);
            Utf8.checkText(item, "item " + i);
            if (i > 0) {
                out.append(',');
            }
            writeString(item, out);
        }
        return out.append(']').toString();
    }

    /**
     * The strings of a JSON array of strings.
     *
     * @throws IllegalArgumentException when the text is not JSON, not an array, or holds something other than strings
     */
    public static List<String> parseStringArray(String json) {
        Parser p = new Parser(json);
        Object value = p.value(0);
        p.end();
        if (!(value instanceof List)) {
            throw new IllegalArgumentException("'" + abbreviate(json) + "' is not a JSON array of strings");
        }
        List<String> out = new ArrayList<>();
        for (Object item : (List<?>) value) {
            if (!(item instanceof String)) {
                throw new IllegalArgumentException("'" + abbreviate(json) + "' holds " + item + ", not only strings");
            }
            out.add((String) item);
        }
        return out;
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    // ------------------------------------------------------------------ writing

    private static void write(Object value, StringBuilder out) {
        if (value instanceof String) {
            writeString((String) value, out);
        } else if (value instanceof List) {
            out.append('[');
            List<?> items = (List<?>) value;
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(items.get(i), out);
            }
            out.append(']');
        } else if (value instanceof Member[]) {
            out.append('{');
            Member[] members = (Member[]) value;
            for (int i = 0; i < members.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeString(members[i].key, out);
                out.append(':');
                write(members[i].value, out);
            }
            out.append('}');
        } else {
            out.append((String) ((Literal) value).text);
        }
    }

    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\b': out.append("\\b"); break;
                case '\t': out.append("\\t"); break;
                case '\n': out.append("\\n"); break;
                case '\f': out.append("\\f"); break;
                case '\r': out.append("\\r"); break;
                default:
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    /** A number, {@code true}, {@code false} or {@code null}, in canonical text. */
    private static final class Literal {
        final String text;

        Literal(String text) {
            this.text = text;
        }
    }

    private static final class Member {
        final String key;
        final Object value;

        Member(String key, Object value) {
            this.key = key;
            this.value = value;
        }
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    // ------------------------------------------------------------------ parsing (strict JSON, RFC 8259)

    private static final class Parser {
        final String s;
        int p;

        Parser(String s) {
            this.s = s;
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nests deeper than " + MAX_DEPTH);
            }
            skipSpace();
            if (p >= s.length()) {
                throw error("ends where a value was expected");
            }
            char c = s.charAt(p);
            switch (c) {
                case '{': return object(depth);
                case '[': return array(depth);
                case '"': return string();
                case 't': return word("true");
                case 'f': return word("false");
                case 'n': return word("null");
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw error("has '" + c + "' where a value was expected");
            }
        }

        Object object(int depth) {
            p++;
            List<Member> members = new ArrayList<>();
            skipSpace();
            if (peek() == '}') {
                p++;
                return new Member[0];
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    throw error("has no string key where one was expected");
                }
                String key = string();
                skipSpace();
                expect(':');
                members.add(new Member(key, value(depth + 1)));
                skipSpace();
                char c = peek();
                p++;
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    p--;
                    throw error("has '" + c + "' where ',' or '}' was expected");
                }
            }
            Member[] sorted = members.toArray(new Member[0]);
            java.util.Arrays.sort(sorted, (a, b) -> compareCodePoints(a.key, b.key));
            for (int i = 1; i < sorted.length; i++) {
                if (sorted[i].key.equals(sorted[i - 1].key)) {
                    throw new IllegalArgumentException("JSON object repeats the key \"" + abbreviate(sorted[i].key)
                            + "\"; a stored JSON value has each key once");
                }
            }
            return sorted;
        }

        Object array(int depth) {
            p++;
            skipSpace();
            if (peek() == ']') {
                p++;
                return Collections.emptyList();
            }
            List<Object> items = new ArrayList<>();
            while (true) {
                items.add(value(depth + 1));
                skipSpace();
                char c = peek();
                p++;
                if (c == ']') {
                    return items;
                }
                if (c != ',') {
                    p--;
                    throw error("has '" + c + "' where ',' or ']' was expected");
                }
            }
        }

        String string() {
            p++;
            StringBuilder b = new StringBuilder();
            while (true) {
                if (p >= s.length()) {
                    throw error("ends inside a string");
                }
                char c = s.charAt(p++);
                if (c == '"') {
                    break;
                }
                if (c < 0x20) {
                    p--;
                    throw error("has a raw control character in a string");
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (p >= s.length()) {
                    throw error("ends inside an escape");
                }
                char e = s.charAt(p++);
                switch (e) {
                    case '"': case '\\': case '/': b.append(e); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'n': b.append('\n'); break;
                    case 'r': b.append('\r'); break;
                    case 't': b.append('\t'); break;
                    case 'u': {
                        if (p + 4 > s.length()) {
                            throw error("ends inside a \\u escape");
                        }
                        int v = 0;
                        for (int k = 0; k < 4; k++) {
                            int d = Character.digit(s.charAt(p++), 16);
                            if (d < 0) {
                                p--;
                                throw error("has a bad \\u escape");
                            }
                            v = v * 16 + d;
                        }
                        b.append((char) v);
                        break;
                    }
                    default:
                        p--;
                        throw error("has the unknown escape '\\" + e + "'");
                }
            }
            String text = b.toString();
            Utf8.checkText(text, "JSON string \"" + abbreviate(text) + "\"");
            return text;
        }

        Object number() {
            int start = p;
            if (peek() == '-') {
                p++;
            }
            if (peek() == '0') {
                p++;
            } else if (peek() >= '1' && peek() <= '9') {
                digits();
            } else {
                throw error("has a malformed number");
            }
            if (peek() == '.') {
                p++;
                if (!(peek() >= '0' && peek() <= '9')) {
                    throw error("has a malformed number");
                }
                digits();
            }
            if (peek() == 'e' || peek() == 'E') {
                p++;
                if (peek() == '+' || peek() == '-') {
                    p++;
                }
                if (!(peek() >= '0' && peek() <= '9')) {
                    throw error("has a malformed number");
                }
                digits();
            }
            BigDecimal value;
            try {
                value = new BigDecimal(s.substring(start, p));
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException("JSON number " + abbreviate(s.substring(start, p)) + " is out of range", e);
            }
            if (value.scale() > 16383 || (long) value.precision() - value.scale() > 131072) {
                throw new IllegalArgumentException("JSON number " + abbreviate(s.substring(start, p))
                        + " has more digits than PostgreSQL's numeric keeps (131072 before the point, 16383 after)");
            }
            return new Literal(value.toPlainString());
        }

        private void digits() {
            while (peek() >= '0' && peek() <= '9') {
                p++;
            }
        }

        Object word(String w) {
            if (!s.startsWith(w, p)) {
                throw error("has a bad literal");
            }
            p += w.length();
            return new Literal(w);
        }

        void end() {
            skipSpace();
            if (p != s.length()) {
                throw error("has more after its value");
            }
        }

        char peek() {
            return p < s.length() ? s.charAt(p) : '\0';
        }

        void expect(char c) {
            if (peek() != c) {
                throw error("has '" + peek() + "' where '" + c + "' was expected");
            }
            p++;
        }

        void skipSpace() {
            while (p < s.length()) {
                char c = s.charAt(p);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                p++;
            }
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("JSON text " + what + " at char " + p + ": '" + abbreviate(s) + "'");
        }
    }

    // ------------------------------------------------------------------ checking stored bytes

    /**
     * Checks that UTF-8 bytes are canonical JSON text, allocating nothing once made (its stack of open containers is
     * reused). One per thread; a table keeps one for its json columns.
     */
    public static final class Checker {
        private long[] keyStart = new long[16];
        private long[] keyEnd = new long[16];
        private long base;
        private long end;
        private long p;
        private int cp;

        /** -1 when the {@code length} bytes at {@code address} are canonical JSON text, else the offset of the first fault. */
        public long firstFault(long address, long length) {
            base = address;
            end = address + length;
            p = address;
            if (!value(0) || p != end) {
                return p - address;
            }
            return -1;
        }

        private int at(long q) {
            return q < end ? UnsafeApi.getByte(q) & 0xFF : -1;
        }

        private boolean value(int depth) {
            if (depth > MAX_DEPTH) {
                return false;
            }
            int c = at(p);
            switch (c) {
                case '{': return object(depth);
                case '[': return array(depth);
                case '"': return string();
                case 't': return word("true");
                case 'f': return word("false");
                case 'n': return word("null");
                default: return (c == '-' || (c >= '0' && c <= '9')) && number();
            }
        }

        private boolean object(int depth) {
            p++;
            if (at(p) == '}') {
                p++;
                return true;
            }
            if (depth >= keyStart.length) {
                keyStart = java.util.Arrays.copyOf(keyStart, Math.min(MAX_DEPTH + 1, depth * 2 + 1));
                keyEnd = java.util.Arrays.copyOf(keyEnd, keyStart.length);
            }
            boolean first = true;
            while (true) {
                if (at(p) != '"') {
                    return false;
                }
                long start = p + 1;
                if (!string()) {
                    return false;
                }
                long stop = p - 1;
                if (!first && compareKeys(keyStart[depth], keyEnd[depth], start, stop) >= 0) {
                    p = start - 1;
                    return false;
                }
                first = false;
                keyStart[depth] = start;
                keyEnd[depth] = stop;
                if (at(p) != ':') {
                    return false;
                }
                p++;
                if (!value(depth + 1)) {
                    return false;
                }
                int c = at(p);
                p++;
                if (c == '}') {
                    return true;
                }
                if (c != ',') {
                    p--;
                    return false;
                }
            }
        }

        private boolean array(int depth) {
            p++;
            if (at(p) == ']') {
                p++;
                return true;
            }
            while (true) {
                if (!value(depth + 1)) {
                    return false;
                }
                int c = at(p);
                p++;
                if (c == ']') {
                    return true;
                }
                if (c != ',') {
                    p--;
                    return false;
                }
            }
        }

        /** A canonical string from the quote at p; leaves p after the closing quote. */
        private boolean string() {
            p++;
            while (true) {
                int c = at(p);
                if (c < 0) {
                    return false;
                }
                if (c == '"') {
                    p++;
                    return true;
                }
                if (c < 0x20) {
                    return false;
                }
                if (c == '\\') {
                    int e = at(p + 1);
                    switch (e) {
                        case '"': case '\\': case 'b': case 't': case 'n': case 'f': case 'r':
                            p += 2;
                            continue;
                        case 'u': {
                            if (at(p + 2) != '0' || at(p + 3) != '0') {
                                return false;
                            }
                            int hi = at(p + 4);
                            int lo = at(p + 5);
                            int v = (hi == '0' ? 0 : hi == '1' ? 16 : -1000) + hexLower(lo);
                            if (v < 1 || v >= 0x20 || v == '\b' || v == '\t' || v == '\n' || v == '\f' || v == '\r') {
                                return false;
                            }
                            p += 6;
                            continue;
                        }
                        default:
                            return false;
                    }
                }
                if (c < 0x80) {
                    p++;
                    continue;
                }
                long bad = Utf8.firstInvalid(p, Math.min(4, end - p), true);
                if (bad == 0) {
                    return false;
                }
                p += c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
                if (p > end) {
                    return false;
                }
            }
        }

        private static int hexLower(int c) {
            return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1000;
        }

        /** A number in plain decimal, not a negative zero. */
        private boolean number() {
            boolean negative = at(p) == '-';
            if (negative) {
                p++;
            }
            boolean nonZero = false;
            if (at(p) == '0') {
                p++;
            } else if (at(p) >= '1' && at(p) <= '9') {
                nonZero = true;
                while (at(p) >= '0' && at(p) <= '9') {
                    p++;
                }
            } else {
                return false;
            }
            if (at(p) == '.') {
                p++;
                if (!(at(p) >= '0' && at(p) <= '9')) {
                    return false;
                }
                while (at(p) >= '0' && at(p) <= '9') {
                    nonZero |= at(p) != '0';
                    p++;
                }
            }
            return !negative || nonZero;
        }

        private boolean word(String w) {
            for (int i = 0; i < w.length(); i++) {
                if (at(p + i) != w.charAt(i)) {
                    return false;
                }
            }
            p += w.length();
            return true;
        }

        /** Compares two canonical escaped key bodies by code point. */
        private int compareKeys(long aStart, long aEnd, long bStart, long bEnd) {
            long a = aStart;
            long b = bStart;
            while (a < aEnd && b < bEnd) {
                a = next(a);
                int x = cp;
                b = next(b);
                int y = cp;
                if (x != y) {
                    return Integer.compare(x, y);
                }
            }
            return Boolean.compare(a < aEnd, b < bEnd);
        }

        /** Decodes the character at q (an escape or a UTF-8 sequence, already checked) into cp; returns where the next starts. */
        private long next(long q) {
            int c = UnsafeApi.getByte(q) & 0xFF;
            if (c == '\\') {
                int e = UnsafeApi.getByte(q + 1) & 0xFF;
                switch (e) {
                    case 'b': cp = '\b'; return q + 2;
                    case 't': cp = '\t'; return q + 2;
                    case 'n': cp = '\n'; return q + 2;
                    case 'f': cp = '\f'; return q + 2;
                    case 'r': cp = '\r'; return q + 2;
                    case 'u': cp = ((UnsafeApi.getByte(q + 4) - '0') << 4) + hexLower(UnsafeApi.getByte(q + 5)); return q + 6;
                    default: cp = e; return q + 2;
                }
            }
            if (c < 0x80) {
                cp = c;
                return q + 1;
            }
            int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
            int v = c & (0x3F >> n);
            for (int k = 1; k <= n; k++) {
                v = (v << 6) | (UnsafeApi.getByte(q + k) & 0x3F);
            }
            cp = v;
            return q + n + 1;
        }
    }
}
