package io.tickstore.snapshot.eventlog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.snapshot.format.Crc32c;
import io.tickstore.snapshot.internal.AtomicFiles;
import io.tickstore.snapshot.internal.CanonicalJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns key names and string values into small integer codes, so a record stays 28 bytes whatever it says.
 * Codes are handed out in order of first use (keys from 0, symbols from 0) and never change: the codebook is
 * persisted with the log ({@code codebook.json}) before any chunk that uses a new code, and a log reopened
 * after a restart continues with the codes it had.
 *
 * <h2>codebook.json</h2>
 * <pre>
 * {
 *   "format": "tickstore-codebook",
 *   "formatVersion": 1,
 *   "runId": "5f0c1d2e3a4b5c6d",              the log's identity; every chunk header carries the same
 *   "keys": [ { "code": 0, "name": "$tick_end", "kind": "none" }, ... ],      codes 0, 1, 2, ... in order
 *   "symbols": [ { "code": 0, "text": "eat" }, ... ],
 *   "codebookCrc32c": "1a2b3c4d"               CRC32C of the canonical form of everything else (as in a manifest)
 * }
 * </pre>
 *
 * <p>Thread-safe: the simulation thread registers keys and symbols (at setup, not per record) while the log's
 * writer thread persists the codebook.
 */
public final class Codebook {
    public static final String FORMAT_NAME = "tickstore-codebook";
    /**
     * The newest codebook format version: 2 added the key kind {@code bytes}. A codebook without such a key is written
     * as version {@value #FIRST_VERSION}, what every reader of version 1 reads.
     */
    public static final int FORMAT_VERSION = 2;
    public static final int FIRST_VERSION = 1;
    public static final String CRC_FIELD = "codebookCrc32c";
    /** Longest key name, in characters. */
    public static final int MAX_KEY_NAME = 256;
    /** Longest symbol text, in characters. */
    public static final int MAX_SYMBOL = 65_536;
    private static final long MAX_FILE_BYTES = 256L << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final long runId;
    private final List<String> keyNames = new ArrayList<>();
    private final List<ValueKind> keyKinds = new ArrayList<>();
    private final Map<String, Integer> keyCodes = new HashMap<>();
    private final List<String> symbols = new ArrayList<>();
    private final Map<String, Integer> symbolCodes = new HashMap<>();

    private Codebook(long runId) {
        this.runId = runId;
    }

    /** An empty codebook for a new log. */
    public static Codebook create(long runId) {
        return new Codebook(runId);
    }

    public long runId() {
        return runId;
    }

    /**
     * The code of key {@code name}, registering it with {@code kind} when it is new.
     *
     * @throws IllegalArgumentException when the name is empty, too long or has control characters, or is
     *         registered already with another kind
     */
    public synchronized int key(String name, ValueKind kind) {
        Integer code = keyCodes.get(name);
        if (code != null) {
            if (keyKinds.get(code) != kind) {
                throw new IllegalArgumentException("key '" + name + "' has kind " + keyKinds.get(code).jsonName()
                        + " in this codebook, not " + kind.jsonName());
            }
            return code;
        }
        checkName(name);
        int fresh = keyNames.size();
        keyNames.add(name);
        keyKinds.add(kind);
        keyCodes.put(name, fresh);
        return fresh;
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_KEY_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("key name '" + name + "' must be 1 to " + MAX_KEY_NAME
                    + " characters without control characters");
        }
    }

    /** The code of a string value, registering it when new. */
    public synchronized int symbol(String text) {
        Integer code = symbolCodes.get(text);
        if (code != null) {
            return code;
        }
        if (text == null || text.length() > MAX_SYMBOL) {
            throw new IllegalArgumentException("a symbol is a string of at most " + MAX_SYMBOL + " characters");
        }
        int fresh = symbols.size();
        symbols.add(text);
        symbolCodes.put(text, fresh);
        return fresh;
    }

    /** The code of key {@code name}, or -1 when the codebook has none. */
    public synchronized int keyCode(String name) {
        Integer code = keyCodes.get(name);
        return code == null ? -1 : code;
    }

    public synchronized String keyName(int code) {
        return keyNames.get(code);
    }

    public synchronized ValueKind keyKind(int code) {
        return keyKinds.get(code);
    }

    /** The kind of every key, indexed by code: a copy for loops that must not synchronise per record. */
    public synchronized ValueKind[] keyKinds() {
        return keyKinds.toArray(new ValueKind[0]);
    }

    public synchronized List<String> keyNames() {
        return List.copyOf(keyNames);
    }

    public synchronized String symbolText(int code) {
        return symbols.get(code);
    }

    public synchronized int keyCount() {
        return keyNames.size();
    }

    public synchronized int symbolCount() {
        return symbols.size();
    }

    /** Keys plus symbols: what a chunk header records as the entries its records may use. */
    public synchronized int entries() {
        return keyNames.size() + symbols.size();
    }

    // ------------------------------------------------------------------ codebook.json

    /** The codebook as pretty-printed JSON with its checksum. */
    public synchronized byte[] encode() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT_NAME);
        root.put("formatVersion", keyKinds.contains(ValueKind.BYTES) ? FORMAT_VERSION : FIRST_VERSION);
        root.put("runId", runIdHex(runId));
        ArrayNode keys = root.putArray("keys");
        for (int i = 0; i < keyNames.size(); i++) {
            keys.addObject().put("code", i).put("name", keyNames.get(i)).put("kind", keyKinds.get(i).jsonName());
        }
        ArrayNode syms = root.putArray("symbols");
        for (int i = 0; i < symbols.size(); i++) {
            syms.addObject().put("code", i).put("text", symbols.get(i));
        }
        root.put(CRC_FIELD, Crc32c.hex(CanonicalJson.crc32c(root, CRC_FIELD)));
        try {
            return (MAPPER.writeValueAsString(root) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("a codebook tree always serialises", e);
        }
    }

    /**
     * Replaces {@code file} with this codebook atomically (temporary file, force, rename, directory fsync with
     * {@code fsync}): a crash leaves the old codebook or the new one, never a mix.
     */
    public void write(Path file, boolean fsync) throws IOException {
        AtomicFiles.replace(file, encode(), fsync, null);
    }

    /**
     * Reads and checks a codebook file: format, version, checksum, codes in order from 0, known kinds, names
     * unique. Every problem names the file.
     */
    public static Codebook read(Path file) throws IOException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new EventLogException(file, Problem.BAD_HEADER, "codebook is larger than " + MAX_FILE_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new EventLogException(file, Problem.MISSING_FILE, "codebook is missing: not an event log directory", e);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new EventLogException(file, Problem.BAD_HEADER, "codebook is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !FORMAT_NAME.equals(root.path("format").asText(null))) {
            throw new EventLogException(file, Problem.BAD_MAGIC, "not a Tickstore codebook (field 'format' is not \""
                    + FORMAT_NAME + "\")");
        }
        int version = root.path("formatVersion").asInt(-1);
        if (version < FIRST_VERSION || version > FORMAT_VERSION) {
            throw new EventLogException(file, Problem.UNSUPPORTED_VERSION, "codebook format version "
                    + root.path("formatVersion") + " is not known to this reader, which reads versions " + FIRST_VERSION + " to " + FORMAT_VERSION);
        }
        String recorded = root.path(CRC_FIELD).asText("");
        int computed = CanonicalJson.crc32c(root, CRC_FIELD);
        if (!Crc32c.isHex(recorded) || Crc32c.parseHex(recorded) != computed) {
            throw new EventLogException(file, Problem.CHECKSUM_MISMATCH, "codebook records " + CRC_FIELD + " '" + recorded
                    + "' but its content checksums to " + Crc32c.hex(computed) + ": the codebook was modified or damaged");
        }
        Codebook codebook;
        try {
            codebook = new Codebook(parseRunId(root.path("runId").asText("")));
            JsonNode keys = root.path("keys");
            JsonNode syms = root.path("symbols");
            if (!keys.isArray() || !syms.isArray()) {
                throw new IllegalArgumentException("'keys' and 'symbols' must be arrays");
            }
            for (int i = 0; i < keys.size(); i++) {
                JsonNode k = keys.get(i);
                if (k.path("code").asInt(-1) != i) {
                    throw new IllegalArgumentException("keys[" + i + "] has code " + k.path("code") + ", expected " + i);
                }
                String name = k.path("name").asText("");
                if (codebook.keyCode(name) >= 0) {
                    throw new IllegalArgumentException("keys[" + i + "] repeats the name '" + name + "'");
                }
                ValueKind kind = ValueKind.fromJsonName(k.path("kind").asText(""));
                if (kind == ValueKind.BYTES && version < FORMAT_VERSION) {
                    throw new IllegalArgumentException("keys[" + i + "] has kind bytes, which format version " + version + " does not have");
                }
                codebook.key(name, kind);
            }
            for (int i = 0; i < syms.size(); i++) {
                JsonNode s = syms.get(i);
                if (s.path("code").asInt(-1) != i || !s.path("text").isTextual()) {
                    throw new IllegalArgumentException("symbols[" + i + "] must have code " + i + " and a text");
                }
                if (codebook.symbol(s.get("text").asText()) != i) {
                    throw new IllegalArgumentException("symbols[" + i + "] repeats the text '" + s.get("text").asText() + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            throw new EventLogException(file, Problem.BAD_HEADER, "codebook is malformed: " + e.getMessage(), e);
        }
        return codebook;
    }

    /** The run id as 16 lowercase hex digits, as codebook.json and messages print it. */
    public static String runIdHex(long runId) {
        return String.format("%016x", runId);
    }

    static long parseRunId(String hex) {
        if (hex.length() != 16) {
            throw new IllegalArgumentException("'runId' must be 16 hex digits, not '" + hex + "'");
        }
        return Long.parseUnsignedLong(hex, 16);
    }

    /**
     * Whether {@code other} starts with every entry of this codebook under the same codes: a later version of
     * the same codebook (codes are only ever appended).
     */
    public synchronized boolean isPrefixOf(Codebook other) {
        if (other.runId != runId || other.keyCount() < keyNames.size() || other.symbolCount() < symbols.size()) {
            return false;
        }
        for (int i = 0; i < keyNames.size(); i++) {
            if (!keyNames.get(i).equals(other.keyName(i)) || keyKinds.get(i) != other.keyKind(i)) {
                return false;
            }
        }
        for (int i = 0; i < symbols.size(); i++) {
            if (!symbols.get(i).equals(other.symbolText(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized String toString() {
        return "Codebook[run " + runIdHex(runId) + ", " + keyNames.size() + " keys, " + symbols.size() + " symbols]";
    }
}
