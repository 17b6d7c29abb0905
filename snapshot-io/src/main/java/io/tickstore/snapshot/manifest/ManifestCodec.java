package io.tickstore.snapshot.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.snapshot.SnapshotFormatException;
import io.tickstore.snapshot.format.Crc32c;
import io.tickstore.snapshot.internal.CanonicalJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads and writes {@code manifest.json}, format versions 1 and 2 (see FORMAT.md for the field-by-field spec): version
 * 2 adds the columns of other kinds than scalar, each with the files its kind needs; a manifest is written with
 * version 1 when every column is a scalar ({@link Manifest#formatVersion()}).
 *
 * <h2>The manifest protects itself</h2>
 * Its last field, {@value #CRC_FIELD}, is the CRC32C of the manifest's <em>canonical form</em>: the JSON tree
 * without that one field, written compactly (no whitespace), object keys sorted by code point, integers in
 * plain decimal, strings with JSON's minimal escaping, encoded as UTF-8. For the ASCII-only manifests version 1
 * produces that is exactly Python's {@code json.dumps(m, sort_keys=True, separators=(',', ':'))}. Reformatting
 * the file keeps it valid; changing any value (a flipped digit in a length, a renamed file) does not.
 *
 * <h2>Validate before allocating</h2>
 * {@link #decode} checks everything a reader will rely on before anything is allocated or opened, in this
 * order: JSON syntax, the format name ({@link Problem#BAD_MAGIC}), the format version
 * ({@link Problem#UNSUPPORTED_VERSION}, checked before the checksum because a later version may define it
 * differently), the checksum ({@link Problem#CHECKSUM_MISMATCH}), then every field: presence, type and range
 * ({@link Problem#BAD_HEADER}), paths that stay inside the snapshot, and lengths that agree with each other
 * ({@link Problem#LENGTH_MISMATCH}). Unknown fields are ignored (they are still covered by the checksum).
 *
 * <p>Stateless and thread-safe.
 */
public final class ManifestCodec {
    /** The self-checksum field. */
    public static final String CRC_FIELD = "manifestCrc32c";
    /** A manifest larger than this is refused before it is read (a real one is a few KiB per table). */
    public static final long MAX_MANIFEST_BYTES = 64L << 20;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));

    private ManifestCodec() {
    }

    // ------------------------------------------------------------------ writing

    /** The manifest as pretty-printed UTF-8 JSON ending in a newline, with its {@value #CRC_FIELD} filled in. */
    public static byte[] encode(Manifest manifest) {
        ObjectNode root = toTree(manifest);
        root.put(CRC_FIELD, Crc32c.hex(canonicalCrc32c(root)));
        try {
            byte[] json = MAPPER.writer(PRETTY).writeValueAsBytes(root);
            byte[] out = new byte[json.length + 1];
            System.arraycopy(json, 0, out, 0, json.length);
            out[json.length] = '\n';
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest tree always serialises", e);
        }
    }

    private static ObjectNode toTree(Manifest manifest) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", Manifest.FORMAT_NAME);
        root.put("formatVersion", manifest.formatVersion());
        root.put("tick", manifest.tick());
        root.put("rngState", Base64.getEncoder().encodeToString(manifest.rngState()));
        root.put("createdAt", DateTimeFormatter.ISO_INSTANT.format(manifest.createdAt()));
        ArrayNode tables = root.putArray("tables");
        for (TableEntry table : manifest.tables()) {
            ObjectNode t = tables.addObject();
            t.put("name", table.name());
            t.put("rows", table.rows());
            t.put("nextEntityId", table.nextEntityId());
            t.set("schema", SchemaCodec.toTree(table.schema()));
            ObjectNode ids = t.putObject("entityIds");
            putFile(ids, table.entityIds());
            ArrayNode columns = t.putArray("columns");
            for (ColumnEntry column : table.columns()) {
                ObjectNode c = columns.addObject();
                c.put("name", column.name());
                c.put("type", column.layout().toString());
                if (column.offsets() != null) {
                    c.put("sinceVersion", column.sinceVersion());
                    putFile(c.putObject("offsets"), column.offsets());
                    putFile(c.putObject("data"), column.data());
                    continue;
                }
                c.put("dtype", column.data().dtype());
                c.put("sinceVersion", column.sinceVersion());
                putFileFields(c, column.data());
                if (column.dictionary() != null) {
                    putFile(c.putObject("dictionary"), column.dictionary());
                }
            }
        }
        return root;
    }

    private static void putFile(ObjectNode node, FileEntry file) {
        node.put("file", file.file());
        node.put("dtype", file.dtype());
        node.put("rows", file.rows());
        node.put("dataOffset", file.dataOffset());
        node.put("dataBytes", file.dataBytes());
        node.put("fileBytes", file.fileBytes());
        node.put("crc32c", file.crc32cHex());
    }

    private static void putFileFields(ObjectNode node, FileEntry file) {
        node.put("file", file.file());
        node.put("rows", file.rows());
        node.put("dataOffset", file.dataOffset());
        node.put("dataBytes", file.dataBytes());
        node.put("fileBytes", file.fileBytes());
        node.put("crc32c", file.crc32cHex());
    }

    // ------------------------------------------------------------------ canonical form

    /**
     * The canonical form (see the class comment; {@link CanonicalJson}) of a manifest tree, leaving out a top-level
     * {@value #CRC_FIELD}.
     */
    public static byte[] canonicalBytes(JsonNode tree) {
        return CanonicalJson.bytes(tree, CRC_FIELD);
    }

    /** The CRC32C of {@link #canonicalBytes}. */
    public static int canonicalCrc32c(JsonNode tree) {
        return CanonicalJson.crc32c(tree, CRC_FIELD);
    }

    /** The recorded and the recomputed self-checksum of a manifest, for reports. */
    public record CrcCheck(String recorded, String computed) {
        public boolean matches() {
            return recorded != null && computed.equalsIgnoreCase(recorded);
        }
    }

    /**
     * Recomputes a manifest's self-checksum without validating anything else; empty when the bytes are not a
     * JSON object. {@code recorded} is null when the field is missing or not text.
     */
    public static Optional<CrcCheck> checkCrc(byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        JsonNode recorded = root.get(CRC_FIELD);
        return Optional.of(new CrcCheck(recorded != null && recorded.isTextual() ? recorded.asText() : null,
                Crc32c.hex(canonicalCrc32c(root))));
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads and validates a manifest file.
     *
     * @throws SnapshotFormatException {@link Problem#MISSING_FILE} when it does not exist, or any problem
     *         {@link #decode} reports
     */
    public static Manifest read(Path manifestFile) throws IOException {
        byte[] bytes;
        try (SeekableByteChannel channel = Files.newByteChannel(manifestFile)) {
            long size = channel.size();
            if (size > MAX_MANIFEST_BYTES) {
                throw new SnapshotFormatException(manifestFile, Problem.BAD_HEADER, "manifest is " + size
                        + " bytes, more than the " + MAX_MANIFEST_BYTES + " a manifest may take");
            }
            bytes = readAll(channel, size, manifestFile);
        } catch (NoSuchFileException e) {
            throw new SnapshotFormatException(manifestFile, Problem.MISSING_FILE,
                    "manifest is missing: not a snapshot, or one whose write never completed", e);
        }
        return decode(bytes, manifestFile);
    }

    /**
     * Every byte of the channel's file, from the channel the size was checked on (one open, not two): {@code size}
     * bytes, or more or fewer if the file changed since, up to the limit a manifest may take.
     */
    private static byte[] readAll(SeekableByteChannel channel, long size, Path manifestFile) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) size + 1);
        while (channel.read(buffer) >= 0) {
            if (!buffer.hasRemaining()) {
                if (buffer.capacity() > MAX_MANIFEST_BYTES) {
                    throw new SnapshotFormatException(manifestFile, Problem.BAD_HEADER, "manifest grew past the "
                            + MAX_MANIFEST_BYTES + " bytes a manifest may take while it was read");
                }
                buffer = ByteBuffer.allocate(buffer.capacity() * 2).put(buffer.flip());
            }
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    /**
     * Parses and validates manifest bytes (see the class comment for the order of checks).
     *
     * @param file named in every error
     */
    public static Manifest decode(byte[] json, Path file) throws SnapshotFormatException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SnapshotFormatException(file, Problem.BAD_HEADER, "manifest is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"), e);
        } catch (IOException e) {
            throw new SnapshotFormatException(file, Problem.BAD_HEADER, "manifest is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new SnapshotFormatException(file, Problem.BAD_HEADER, "manifest is not a JSON object");
        }
        JsonNode format = root.get("format");
        if (format == null || !format.isTextual() || !format.asText().equals(Manifest.FORMAT_NAME)) {
            throw new SnapshotFormatException(file, Problem.BAD_MAGIC, "not a Tickstore snapshot manifest: field 'format' is "
                    + (format == null ? "missing" : format.toString()) + ", expected \"" + Manifest.FORMAT_NAME + "\"");
        }
        JsonNode version = root.get("formatVersion");
        if (version == null || !version.isIntegralNumber() || !version.canConvertToInt()) {
            throw new SnapshotFormatException(file, Problem.BAD_HEADER, "manifest field 'formatVersion' is "
                    + (version == null ? "missing" : "not an integer: " + version));
        }
        if (version.intValue() < Manifest.SCALAR_FORMAT_VERSION || version.intValue() > Manifest.FORMAT_VERSION) {
            throw new SnapshotFormatException(file, Problem.UNSUPPORTED_VERSION, "manifest format version "
                    + version.intValue() + (version.intValue() > Manifest.FORMAT_VERSION ? " is newer than" : " is not known to")
                    + " this reader, which reads format versions " + Manifest.SCALAR_FORMAT_VERSION + " to " + Manifest.FORMAT_VERSION);
        }
        JsonNode recorded = root.get(CRC_FIELD);
        if (recorded == null || !recorded.isTextual() || !Crc32c.isHex(recorded.asText())) {
            throw new SnapshotFormatException(file, Problem.BAD_HEADER, "manifest field '" + CRC_FIELD + "' is "
                    + (recorded == null ? "missing" : "not 8 hex digits: " + recorded));
        }
        int computed = canonicalCrc32c(root);
        if (Crc32c.parseHex(recorded.asText()) != computed) {
            throw new SnapshotFormatException(file, Problem.CHECKSUM_MISMATCH, "manifest records " + CRC_FIELD + " "
                    + recorded.asText() + " but its content checksums to " + Crc32c.hex(computed)
                    + ": the manifest was modified or damaged");
        }
        return new ManifestValidator(file, version.intValue()).manifest((ObjectNode) root);
    }
}
