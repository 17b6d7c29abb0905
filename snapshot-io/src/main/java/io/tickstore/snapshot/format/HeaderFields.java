package io.tickstore.snapshot.format;

import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.snapshot.SnapshotFormatException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The dictionary of a .npy header, checked so that Tickstore refuses what numpy refuses.
 *
 * <p>numpy's loader ({@code numpy.lib.format._read_array_header}) enforces, and so does this class:
 * <ol>
 *   <li>the header is a Python literal ({@code ast.literal_eval}; for versions 1.0 and 2.0 a Python 2 {@code 10L}
 *       is read as 10);</li>
 *   <li>it is a dictionary with exactly the keys {@code 'descr'}, {@code 'fortran_order'} and {@code 'shape'}:
 *       one missing or one more is refused;</li>
 *   <li>{@code 'shape'} is a tuple of integers (a negative one is refused when the array is made);</li>
 *   <li>{@code 'fortran_order'} is {@code True} or {@code False};</li>
 *   <li>{@code 'descr'} describes a dtype.</li>
 * </ol>
 * Tickstore adds the layout the format's specification gives and every numpy writes, which numpy's loader does
 * not check: the dictionary is followed by spaces only and the header ends in a newline, and the data starts at
 * a multiple of 16 bytes (numpy pads to 64 since 1.14 and padded to 16 before; asking for 64 would refuse files
 * older numpy wrote and every numpy loads). Aligned data is what lets the mmap reader read values in place.
 * Beyond the format, Tickstore reads only a {@code 'descr'} string of its own types or of unicode strings, and shapes
 * of one dimension or (in C order) a few more; {@link NpyHeader} checks those.
 */
final class HeaderFields {
    static final int MIN_ALIGNMENT = 16;
    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");
    private static final String EXACT_KEYS = "a .npy header has exactly the keys 'descr', 'fortran_order' and 'shape'";

    final String descr;
    final List<BigInteger> shape;
    /** The shape as the file writes it, for messages. */
    final String shapeText;
    final boolean fortranOrder;

    private HeaderFields(String descr, List<BigInteger> shape, String shapeText, boolean fortranOrder) {
        this.descr = descr;
        this.shape = shape;
        this.shapeText = shapeText;
        this.fortranOrder = fortranOrder;
    }

    /**
     * @param header     the header text after the preamble (ASCII)
     * @param major      the format's major version
     * @param dataOffset where the data starts: preamble plus header
     * @param file       named in every error
     */
    static HeaderFields parse(String header, int major, long dataOffset, Path file) throws SnapshotFormatException {
        if (!header.endsWith("\n")) {
            throw bad(file, "header does not end in a newline (a .npy header is padded with spaces and ends in '\\n')");
        }
        String literal = stripTrailingSpaces(header.substring(0, header.length() - 1));
        if (!literal.endsWith("}")) {
            throw bad(file, "header has something other than spaces after its dictionary: " + abbreviate(literal));
        }
        if (dataOffset % MIN_ALIGNMENT != 0) {
            throw bad(file, "data starts at byte " + dataOffset + ", not a multiple of " + MIN_ALIGNMENT
                    + " (numpy pads the header so the data starts at a multiple of 64)");
        }
        HeaderFields written = written(literal);
        return written != null ? written : general(literal, major, file);
    }

    /** The dictionary read by the general literal parser, with every rule above checked. */
    static HeaderFields general(String literal, int major, Path file) throws SnapshotFormatException {
        Object parsed;
        try {
            parsed = PythonLiteral.parse(literal, major <= 2);
        } catch (PythonLiteral.SyntaxError e) {
            throw bad(file, "header is not a Python literal numpy can read (" + e.getMessage() + "): " + abbreviate(literal));
        }
        if (!(parsed instanceof Map)) {
            throw bad(file, "header is not a dictionary: " + abbreviate(literal));
        }
        Map<?, ?> dict = (Map<?, ?>) parsed;
        checkKeys(dict, file);
        Object shape = dict.get("shape");
        List<BigInteger> dims = new ArrayList<>();
        if (shape instanceof PythonLiteral.Tuple) {
            for (Object dim : ((PythonLiteral.Tuple) shape).items()) {
                if (!(dim instanceof BigInteger)) {
                    dims = null;
                    break;
                }
                dims.add((BigInteger) dim);
            }
        } else {
            dims = null;
        }
        if (dims == null) {
            throw bad(file, "header's 'shape' is " + PythonLiteral.repr(shape) + ", not a tuple of integers, so numpy refuses it");
        }
        for (BigInteger dim : dims) {
            if (dim.signum() < 0) {
                throw bad(file, "header's 'shape' " + shape + " has a negative length, so numpy refuses it");
            }
        }
        Object fortran = dict.get("fortran_order");
        if (!(fortran instanceof Boolean)) {
            throw bad(file, "header's 'fortran_order' is " + PythonLiteral.repr(fortran) + ", not True or False, so numpy refuses it");
        }
        Object descr = dict.get("descr");
        if (!(descr instanceof String)) {
            throw bad(file, "header's 'descr' is " + abbreviate(PythonLiteral.repr(descr))
                    + ", not a dtype string (Tickstore reads little-endian i1..i8, u1..u8, f4, f8 or b1)");
        }
        return new HeaderFields((String) descr, List.copyOf(dims), shape.toString(), (Boolean) fortran);
    }

    private static final String DESCR_KEY = "{'descr': '";
    private static final String ORDER_KEY = "', 'fortran_order': ";
    private static final String SHAPE_KEY = ", 'shape': (";
    private static final String END = "), }";
    /** Digits a dimension may have to be read here; a longer one is left to the general parser. */
    private static final int MAX_DIGITS = 18;

    /**
     * The dictionary exactly as numpy and Tickstore write it, {@code {'descr': '<f4', 'fortran_order': False,
     * 'shape': (1000000,), }}, read without the general parser (whose work is most of a header's check): the three
     * keys in that order, a dtype of letters, digits and a byte-order mark, {@code True} or {@code False}, and a shape
     * of one or more plain decimal dimensions as Python prints a tuple. Such a dictionary is one the general parser
     * reads to the same fields and accepts, so this is a shortcut, not a second set of rules; anything else, however
     * close, returns null and goes to {@link #general}.
     */
    static HeaderFields written(String literal) {
        if (!literal.startsWith(DESCR_KEY)) {
            return null;
        }
        int at = DESCR_KEY.length();
        int descrEnd = at;
        while (descrEnd < literal.length() && isDescrChar(literal.charAt(descrEnd))) {
            descrEnd++;
        }
        if (descrEnd == at || !literal.startsWith(ORDER_KEY, descrEnd)) {
            return null;
        }
        String descr = literal.substring(at, descrEnd);
        at = descrEnd + ORDER_KEY.length();
        boolean fortranOrder;
        if (literal.startsWith("False", at)) {
            fortranOrder = false;
            at += 5;
        } else if (literal.startsWith("True", at)) {
            fortranOrder = true;
            at += 4;
        } else {
            return null;
        }
        if (!literal.startsWith(SHAPE_KEY, at)) {
            return null;
        }
        int shapeStart = at + SHAPE_KEY.length() - 1;
        at = shapeStart + 1;
        List<BigInteger> dims = new ArrayList<>(2);
        while (true) {
            int digitsEnd = at;
            while (digitsEnd < literal.length() && literal.charAt(digitsEnd) >= '0' && literal.charAt(digitsEnd) <= '9') {
                digitsEnd++;
            }
            int digits = digitsEnd - at;
            if (digits == 0 || digits > MAX_DIGITS || (digits > 1 && literal.charAt(at) == '0')) {
                return null;
            }
            dims.add(BigInteger.valueOf(Long.parseLong(literal, at, digitsEnd, 10)));
            at = digitsEnd;
            if (dims.size() == 1) {
                if (!literal.startsWith(",", at)) {
                    return null; // (5) is not a tuple
                }
                at++;
                if (literal.startsWith(END, at)) {
                    break;
                }
                if (!literal.startsWith(" ", at)) {
                    return null;
                }
                at++;
            } else if (literal.startsWith(", ", at)) {
                at += 2;
            } else if (literal.startsWith(END, at)) {
                break;
            } else {
                return null;
            }
        }
        if (at + END.length() != literal.length()) {
            return null;
        }
        return new HeaderFields(descr, List.copyOf(dims), literal.substring(shapeStart, at + 1), fortranOrder);
    }

    private static boolean isDescrChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '<' || c == '>' || c == '|' || c == '=';
    }

    private static void checkKeys(Map<?, ?> dict, Path file) throws SnapshotFormatException {
        Set<String> extra = new TreeSet<>();
        for (Object key : dict.keySet()) {
            if (!KEYS.contains(key)) {
                extra.add(PythonLiteral.repr(key));
            }
        }
        if (!extra.isEmpty()) {
            throw bad(file, "header has " + (extra.size() == 1 ? "key " : "keys ") + String.join(", ", extra)
                    + ", so numpy refuses it: " + EXACT_KEYS);
        }
        for (String key : new TreeSet<>(KEYS)) {
            if (!dict.containsKey(key)) {
                throw bad(file, "header has no key '" + key + "', so numpy refuses it: " + EXACT_KEYS);
            }
        }
    }

    private static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    private static SnapshotFormatException bad(Path file, String detail) {
        return new SnapshotFormatException(file, Problem.BAD_HEADER, detail);
    }

    static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
