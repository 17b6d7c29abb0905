package io.tickstore.snapshot.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstore.columns.ColumnKind;
import io.tickstore.columns.ColumnLayout;
import io.tickstore.columns.ColumnSpec;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Schema;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.snapshot.SnapshotFormatException;
import io.tickstore.snapshot.format.Crc32c;
import io.tickstore.snapshot.format.NpyHeader;
import io.tickstore.snapshot.format.SnapshotLayout;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Walks a manifest tree whose format, version and checksum are already known good, checking every field
 * and building the model. The first violation throws, naming the field by its path ({@code
 * tables[0].columns[2].rows}) and the manifest file.
 */
final class ManifestValidator {
    /** The smallest header a .npy file can have (magic, version, header length, one byte of dictionary). */
    private static final int MIN_DATA_OFFSET = 11;

    private final Path file;
    private final int formatVersion;
    private final JsonFields fields = new JsonFields(this::invalid);
    private final Set<String> filesSeen = new HashSet<>();

    ManifestValidator(Path file, int formatVersion) {
        this.file = file;
        this.formatVersion = formatVersion;
    }

    Manifest manifest(ObjectNode root) throws SnapshotFormatException {
        long tick = fields.nonNegativeLong(root, "tick", "");
        String rngText = fields.text(root, "rngState", "");
        byte[] rngState;
        try {
            rngState = Base64.getDecoder().decode(rngText);
        } catch (IllegalArgumentException e) {
            throw bad("rngState", "is not base64: " + e.getMessage());
        }
        String createdText = fields.text(root, "createdAt", "");
        Instant createdAt;
        try {
            createdAt = CreatedAt.parse(createdText);
        } catch (DateTimeParseException e) {
            throw bad("createdAt", "is not an ISO-8601 instant: \"" + createdText + "\"");
        }
        JsonNode tablesNode = fields.array(root, "tables", "");
        List<TableEntry> tables = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tablesNode.size(); i++) {
            String where = "tables[" + i + "]";
            TableEntry table = table(fields.object(tablesNode.get(i), where), where);
            if (!names.add(table.name())) {
                throw bad(where + ".name", "repeats table name '" + table.name() + "'");
            }
            tables.add(table);
        }
        return new Manifest(tick, rngState, createdAt, tables);
    }

    private TableEntry table(JsonNode node, String where) throws SnapshotFormatException {
        String name = identifier(node, "name", where);
        long rows = fields.nonNegativeLong(node, "rows", where);
        long nextEntityId = fields.nonNegativeLong(node, "nextEntityId", where);
        if (nextEntityId < rows) {
            throw bad(where + ".nextEntityId", "is " + nextEntityId + ", below rows " + rows
                    + " (live entity ids are distinct and below nextEntityId)");
        }
        Schema schema = SchemaCodec.fromTree(fields.object(fields.field(node, "schema", where), where + ".schema"),
                where + ".schema", this::invalid);
        if (!schema.name().equals(name)) {
            throw bad(where + ".schema.name", "is '" + schema.name() + "' but the table is '" + name + "'");
        }
        if (formatVersion < Manifest.FORMAT_VERSION) {
            for (int c = 0; c < schema.columnCount(); c++) {
                if (!schema.column(c).layout().isScalar()) {
                    throw bad(where + ".schema.columns[" + c + "].type", "is " + schema.column(c).layout()
                            + ", which format version " + formatVersion + " does not have (columns other than scalars are version 2)");
                }
            }
        }
        FileEntry entityIds = fileEntry(fields.object(fields.field(node, "entityIds", where), where + ".entityIds"),
                where + ".entityIds", ColumnType.I64, rows);
        JsonNode columnsNode = fields.array(node, "columns", where);
        if (columnsNode.size() != schema.columnCount()) {
            throw bad(where + ".columns", "lists " + columnsNode.size() + " column files but the schema has "
                    + schema.columnCount() + " columns");
        }
        List<ColumnEntry> columns = new ArrayList<>();
        for (int c = 0; c < columnsNode.size(); c++) {
            String at = where + ".columns[" + c + "]";
            JsonNode columnNode = fields.object(columnsNode.get(c), at);
            ColumnSpec spec = schema.column(c);
            String columnName = fields.text(columnNode, "name", at);
            if (!columnName.equals(spec.name())) {
                throw bad(at + ".name", "is '" + columnName + "' but schema column " + c + " is '" + spec.name() + "'");
            }
            ColumnLayout layout = layout(columnNode, "type", at);
            if (!layout.equals(spec.layout())) {
                throw bad(at + ".type", "is " + layout + " but the schema declares '" + spec.name() + "' as " + spec.layout());
            }
            int since = fields.intAtLeast(columnNode, "sinceVersion", at, 1);
            if (since != spec.sinceVersion()) {
                throw bad(at + ".sinceVersion", "is " + since + " but the schema says " + spec.sinceVersion());
            }
            columns.add(column(columnNode, at, columnName, layout, since, rows));
        }
        return new TableEntry(name, rows, nextEntityId, schema, entityIds, columns);
    }

    /** A column's files, as its kind has them (see {@link ColumnEntry}). */
    private ColumnEntry column(JsonNode node, String at, String name, ColumnLayout layout, int since, long rows) throws SnapshotFormatException {
        if (layout.isVariableLength()) {
            String o = at + ".offsets";
            FileEntry offsets = fileEntry(fields.object(fields.field(node, "offsets", at), o), o, ColumnType.I64, 0, List.of(), rows + 1);
            String d = at + ".data";
            JsonNode dataNode = fields.object(fields.field(node, "data", at), d);
            FileEntry data = fileEntry(dataNode, d, ColumnType.U8, 0, List.of(), fields.nonNegativeLong(dataNode, "rows", d));
            return new ColumnEntry(name, layout, since, data, offsets, null);
        }
        List<Integer> shape = new ArrayList<>();
        for (int dim : layout.shape()) {
            shape.add(dim);
        }
        FileEntry data = fileEntry(node, at, layout.type(), 0, shape, rows);
        FileEntry dictionary = null;
        if (layout.kind() == ColumnKind.CATEGORICAL) {
            String w = at + ".dictionary";
            JsonNode dictNode = fields.object(fields.field(node, "dictionary", at), w);
            String dtype = fields.text(dictNode, "dtype", w);
            int chars = dtype.matches("<U[1-9][0-9]{0,6}") ? Integer.parseInt(dtype.substring(2)) : 0;
            if (chars == 0) {
                throw bad(w + ".dtype", "is \"" + JsonFields.abbreviate(dtype) + "\" but a dictionary holds strings, \"<U\" and a length");
            }
            long entries = fields.nonNegativeLong(dictNode, "rows", w);
            if (entries < 1 || entries > dictionaryCapacity(layout.type())) {
                throw bad(w + ".rows", "is " + entries + ", outside the 1.." + dictionaryCapacity(layout.type())
                        + " strings a " + layout + " dictionary holds");
            }
            dictionary = fileEntry(dictNode, w, null, chars, List.of(), entries);
        }
        return new ColumnEntry(name, layout, since, data, null, dictionary);
    }

    private static long dictionaryCapacity(ColumnType codeType) {
        return codeType == ColumnType.U32 ? Integer.MAX_VALUE - 8 : 1L << (8 * codeType.byteWidth());
    }

    private FileEntry fileEntry(JsonNode node, String where, ColumnType type, long tableRows) throws SnapshotFormatException {
        return fileEntry(node, where, type, 0, List.of(), tableRows);
    }

    /**
     * One file's fields: a {@code type} file (or, with {@code type} null, a file of strings of {@code chars} characters)
     * whose first dimension must be {@code expectedRows} and whose rows have {@code rowShape}.
     */
    private FileEntry fileEntry(JsonNode node, String where, ColumnType type, int chars, List<Integer> rowShape, long expectedRows)
            throws SnapshotFormatException {
        String path = fields.text(node, "file", where);
        if (!SnapshotLayout.isSafeRelativePath(path)) {
            throw bad(where + ".file", "\"" + path + "\" is not a relative path inside the snapshot"
                    + " ('/'-separated plain names; no '..', no absolute path)");
        }
        if (!path.endsWith(SnapshotLayout.COLUMN_SUFFIX)) {
            throw bad(where + ".file", "\"" + path + "\" is not a .npy file");
        }
        if (!filesSeen.add(path)) {
            throw bad(where + ".file", "\"" + path + "\" is listed twice");
        }
        String dtype = fields.text(node, "dtype", where);
        String expectedDtype = type != null ? type.numpyDescr() : "<U" + chars;
        if (!dtype.equals(expectedDtype)) {
            throw bad(where + ".dtype", "is \"" + dtype + "\" but a " + (type != null ? type : "dictionary") + " file holds \"" + expectedDtype + "\"");
        }
        long rows = fields.nonNegativeLong(node, "rows", where);
        if (rows != expectedRows) {
            throw new SnapshotFormatException(file, Problem.LENGTH_MISMATCH, "manifest field '" + where + ".rows' is " + rows
                    + (where.endsWith(".offsets") ? " but the table's " + (expectedRows - 1) + " rows need " + expectedRows + " offsets"
                    : " but the table has " + expectedRows + " rows"));
        }
        long itemBytes = (type != null ? type.byteWidth() : 4L * chars);
        for (int dim : rowShape) {
            itemBytes *= dim;
        }
        long dataOffset = fields.nonNegativeLong(node, "dataOffset", where);
        if (dataOffset < MIN_DATA_OFFSET || dataOffset > NpyHeader.MAX_HEADER_BYTES) {
            throw bad(where + ".dataOffset", "is " + dataOffset + ", outside the " + MIN_DATA_OFFSET + ".."
                    + NpyHeader.MAX_HEADER_BYTES + " a .npy header takes");
        }
        long dataBytes = fields.nonNegativeLong(node, "dataBytes", where);
        if (rows > Long.MAX_VALUE / itemBytes || dataBytes != rows * itemBytes) {
            throw new SnapshotFormatException(file, Problem.LENGTH_MISMATCH, "manifest field '" + where + ".dataBytes' is "
                    + dataBytes + " but " + rows + " rows of " + itemBytes + " bytes take "
                    + (rows > Long.MAX_VALUE / itemBytes ? "more than a file holds" : (rows * itemBytes) + " bytes"));
        }
        long fileBytes = fields.nonNegativeLong(node, "fileBytes", where);
        if (dataBytes > Long.MAX_VALUE - dataOffset || fileBytes != dataOffset + dataBytes) {
            throw new SnapshotFormatException(file, Problem.LENGTH_MISMATCH, "manifest field '" + where + ".fileBytes' is "
                    + fileBytes + " but dataOffset " + dataOffset + " + dataBytes " + dataBytes + " = " + (dataOffset + dataBytes));
        }
        String crc = fields.text(node, "crc32c", where);
        if (!Crc32c.isHex(crc)) {
            throw bad(where + ".crc32c", "\"" + crc + "\" is not 8 hex digits");
        }
        return new FileEntry(path, type, chars, rowShape, rows, (int) dataOffset, dataBytes, fileBytes, Crc32c.parseHex(crc));
    }

    // ------------------------------------------------------------------ field access

    private String identifier(JsonNode node, String name, String where) throws SnapshotFormatException {
        String value = fields.text(node, name, where);
        if (!Schema.IDENTIFIER.matcher(value).matches()) {
            throw bad(JsonFields.join(where, name), "\"" + JsonFields.abbreviate(value) + "\" is not an identifier ("
                    + Schema.IDENTIFIER.pattern() + ")");
        }
        return value;
    }

    private ColumnLayout layout(JsonNode node, String name, String where) throws SnapshotFormatException {
        String value = fields.text(node, name, where);
        ColumnLayout layout;
        try {
            layout = ColumnLayout.parse(value);
        } catch (IllegalArgumentException e) {
            throw bad(JsonFields.join(where, name), "\"" + JsonFields.abbreviate(value) + "\" is not a column type: " + e.getMessage());
        }
        if (!layout.toString().equals(value)) {
            throw bad(JsonFields.join(where, name), "\"" + JsonFields.abbreviate(value) + "\" is not spelled as " + layout);
        }
        return layout;
    }

    private SnapshotFormatException bad(String field, String what) {
        return invalid(field, what, null);
    }

    private SnapshotFormatException invalid(String field, String what, Throwable cause) {
        return new SnapshotFormatException(file, Problem.BAD_HEADER, "manifest field '" + field + "' " + what, cause);
    }
}
