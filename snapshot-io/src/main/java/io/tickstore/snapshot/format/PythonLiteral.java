package io.tickstore.snapshot.format;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Python literals a .npy header's dictionary is written in, parsed the way {@code ast.literal_eval} (which
 * numpy's loader calls) reads them, for the subset a header can usefully hold: strings ({@code 'x'}, {@code "x"},
 * {@code u'x'}, {@code r'x'}), {@code True}, {@code False}, {@code None}, integers (with a sign, {@code _} between digits, and,
 * for the Python 2 headers numpy still reads, a trailing {@code L}), tuples, lists and dictionaries.
 *
 * <p>Values come back as {@link String}, {@link Boolean}, {@link BigInteger}, {@link Tuple}, {@link List},
 * {@link Map} (in key order; a repeated key keeps its last value, as in Python) or {@link Other} (a float, a
 * complex or any other token that is not one of these, kept as its text so an error can show it). Comments and
 * line continuations, which numpy never writes, are not accepted.
 */
final class PythonLiteral {
    /** A Python tuple; {@code (5)} is not one, {@code (5,)} is. */
    record Tuple(List<Object> items) {
        @Override
        public String toString() {
            return items.size() == 1 ? "(" + repr(items.get(0)) + ",)" : "(" + join(items) + ")";
        }
    }

    /** A literal this parser keeps only as text (a float, a complex, bytes). */
    record Other(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** Not a literal: where and why. */
    static final class SyntaxError extends Exception {
        SyntaxError(String message) {
            super(message);
        }
    }

    private static final int MAX_NESTING = 32;
    /** Python 3 integers: no leading zeros (except 0 itself), '_' only between digits. Compiled once: every header has some. */
    private static final Pattern PYTHON3_INTEGER = Pattern.compile("(0(_?0)*|[1-9](_?[0-9])*)");

    private final String text;
    private final boolean python2Longs;
    private int at;
    private int depth;

    private PythonLiteral(String text, boolean python2Longs) {
        this.text = text;
        this.python2Longs = python2Longs;
    }

    /**
     * Parses {@code text[from, to)} as one literal surrounded by optional whitespace.
     *
     * @param python2Longs accept {@code 10L} (numpy reads headers of versions 1.0 and 2.0 written by Python 2)
     */
    static Object parse(String text, boolean python2Longs) throws SyntaxError {
        PythonLiteral parser = new PythonLiteral(text, python2Longs);
        parser.skipSpace();
        Object value = parser.value();
        parser.skipSpace();
        if (parser.at != text.length()) {
            throw parser.error("unexpected '" + parser.text.charAt(parser.at) + "' after the literal");
        }
        return value;
    }

    private Object value() throws SyntaxError {
        if (at >= text.length()) {
            throw error("the text ends where a value should be");
        }
        char c = text.charAt(at);
        switch (c) {
            case '{':
                return nested(() -> dict());
            case '(':
                return nested(() -> tuple());
            case '[':
                return nested(() -> list());
            case '\'':
            case '"':
                return string(false);
            default:
                break;
        }
        if (c == '-' || c == '+' || Character.isDigit(c)) {
            return number();
        }
        if (Character.isLetter(c) || c == '_') {
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                at++;
            }
            String word = text.substring(start, at);
            if (at < text.length() && (text.charAt(at) == '\'' || text.charAt(at) == '"')) {
                if (word.equalsIgnoreCase("u")) {
                    return string(false);
                }
                if (word.equalsIgnoreCase("r")) {
                    return string(true);
                }
                Object bytesOrOther = string(false);
                return new Other(word + repr(bytesOrOther));
            }
            switch (word) {
                case "True": return Boolean.TRUE;
                case "False": return Boolean.FALSE;
                case "None": return new Other("None");
                default: throw error("'" + word + "' is not a literal");
            }
        }
        throw error("unexpected '" + c + "'");
    }

    private interface Body {
        Object parse() throws SyntaxError;
    }

    private Object nested(Body body) throws SyntaxError {
        if (++depth > MAX_NESTING) {
            throw error("nested more than " + MAX_NESTING + " deep");
        }
        Object value = body.parse();
        depth--;
        return value;
    }

    private Map<Object, Object> dict() throws SyntaxError {
        at++;
        Map<Object, Object> map = new LinkedHashMap<>();
        skipSpace();
        while (!consume('}')) {
            Object key = value();
            skipSpace();
            expect(':');
            skipSpace();
            Object value = value();
            map.remove(key);
            map.put(key, value);
            skipSpace();
            if (!consume(',')) {
                skipSpace();
                expect('}');
                break;
            }
            skipSpace();
        }
        return map;
    }

    private Object tuple() throws SyntaxError {
        at++;
        List<Object> items = new ArrayList<>();
        boolean comma = false;
        skipSpace();
        while (!consume(')')) {
            items.add(value());
            skipSpace();
            if (!consume(',')) {
                skipSpace();
                expect(')');
                break;
            }
            comma = true;
            skipSpace();
        }
        // (5) is the number 5 in parentheses, not a tuple
        return items.size() == 1 && !comma ? items.get(0) : new Tuple(items);
    }

    private List<Object> list() throws SyntaxError {
        at++;
        List<Object> items = new ArrayList<>();
        skipSpace();
        while (!consume(']')) {
            items.add(value());
            skipSpace();
            if (!consume(',')) {
                skipSpace();
                expect(']');
                break;
            }
            skipSpace();
        }
        return items;
    }

    /** A string literal; {@code raw} for r'...', where a backslash is just a backslash. */
    private String string(boolean raw) throws SyntaxError {
        char quote = text.charAt(at++);
        StringBuilder out = new StringBuilder();
        while (true) {
            if (at >= text.length() || text.charAt(at) == '\n') {
                throw error("a string is not closed");
            }
            char c = text.charAt(at++);
            if (c == quote) {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (at >= text.length()) {
                throw error("a string is not closed");
            }
            if (raw) {
                // r'a\'b' is a, backslash, quote, b: the backslash stays and only keeps the quote from closing
                out.append(c);
                if (text.charAt(at) == quote || text.charAt(at) == '\\') {
                    out.append(text.charAt(at++));
                }
                continue;
            }
            char escaped = text.charAt(at++);
            switch (escaped) {
                case '\\': case '\'': case '"': out.append(escaped); break;
                case 'n': out.append('\n'); break;
                case 't': out.append('\t'); break;
                case 'r': out.append('\r'); break;
                case '0': out.append('\0'); break;
                default: throw error("escape '\\" + escaped + "' is not one a .npy header uses");
            }
        }
    }

    private Object number() throws SyntaxError {
        int start = at;
        boolean negative = false;
        while (at < text.length() && (text.charAt(at) == '-' || text.charAt(at) == '+')) {
            negative ^= text.charAt(at) == '-';
            at++;
            skipSpace();
        }
        int digitsStart = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_'
                || text.charAt(at) == '.'
                || (text.charAt(at) == '-' || text.charAt(at) == '+') && "eE".indexOf(text.charAt(at - 1)) >= 0)) {
            at++;
        }
        String token = text.substring(digitsStart, at);
        if (python2Longs && (token.endsWith("L") || token.endsWith("l"))) {
            token = token.substring(0, token.length() - 1);
        }
        if (PYTHON3_INTEGER.matcher(token).matches()) {
            BigInteger value = new BigInteger(token.replace("_", ""));
            return negative ? value.negate() : value;
        }
        if (token.isEmpty()) {
            throw error("a sign without a number");
        }
        return new Other(text.substring(start, at));
    }

    private void skipSpace() {
        while (at < text.length() && " \t\n\r\f".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private boolean consume(char c) {
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) throws SyntaxError {
        if (!consume(c)) {
            throw error(at >= text.length() ? "the text ends where '" + c + "' should be"
                    : "'" + c + "' expected, found '" + text.charAt(at) + "'");
        }
    }

    private SyntaxError error(String what) {
        return new SyntaxError(what + " at character " + at);
    }

    /** A value as Python would print it, for messages. */
    static String repr(Object value) {
        if (value instanceof String) {
            return "'" + ((String) value).replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (value instanceof Boolean) {
            return (Boolean) value ? "True" : "False";
        }
        if (value instanceof List) {
            return "[" + join((List<?>) value) + "]";
        }
        if (value instanceof Map) {
            StringBuilder out = new StringBuilder("{");
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                out.append(out.length() > 1 ? ", " : "").append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
            }
            return out.append('}').toString();
        }
        return String.valueOf(value);
    }

    private static String join(List<?> items) {
        StringBuilder out = new StringBuilder();
        for (Object item : items) {
            out.append(out.length() > 0 ? ", " : "").append(repr(item));
        }
        return out.toString();
    }
}
