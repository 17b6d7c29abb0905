package io.tickstore.snapshot.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    private final JsonFields fields = new JsonFields(this::invalid);
    private final Set<String> filesSeen = new HashSet<>();

    ManifestValidator(Path file) {
        this.file = file;
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
            createdAt = Instant.parse(createdText);
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
            ColumnType type = type(columnNode, "type", at);
            if (type != spec.type()) {
                throw bad(at + ".type", "is " + type + " but the schema declares '" + spec.name() + "' as " + spec.type());
            }
            int since = fields.intAtLeast(columnNode, "sinceVersion", at, 1);
            if (since != spec.sinceVersion()) {
                throw bad(at + ".sinceVersion", "is " + since + " but the schema says " + spec.sinceVersion());
            }
            columns.add(new ColumnEntry(columnName, type, since, fileEntry(columnNode, at, type, rows)));
        }
        return new TableEntry(name, rows, nextEntityId, schema, entityIds, columns);
    }

    private FileEntry fileEntry(JsonNode node, String where, ColumnType type, long tableRows) throws SnapshotFormatException {
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
        if (!dtype.equals(type.numpyDescr())) {
            throw bad(where + ".dtype", "is \"" + dtype + "\" but a " + type + " file holds \"" + type.numpyDescr() + "\"");
        }
        long rows = fields.nonNegativeLong(node, "rows", where);
        if (rows != tableRows) {
            throw new SnapshotFormatException(file, Problem.LENGTH_MISMATCH, "manifest field '" + where + ".rows' is " + rows
                    + " but the table has " + tableRows + " rows");
        }
        long dataOffset = fields.nonNegativeLong(node, "dataOffset", where);
        if (dataOffset < MIN_DATA_OFFSET || dataOffset > NpyHeader.MAX_HEADER_BYTES) {
            throw bad(where + ".dataOffset", "is " + dataOffset + ", outside the " + MIN_DATA_OFFSET + ".."
                    + NpyHeader.MAX_HEADER_BYTES + " a .npy header takes");
        }
        long dataBytes = fields.nonNegativeLong(node, "dataBytes", where);
        if (rows > Long.MAX_VALUE >> type.log2Width() || dataBytes != rows << type.log2Width()) {
            throw new SnapshotFormatException(file, Problem.LENGTH_MISMATCH, "manifest field '" + where + ".dataBytes' is "
                    + dataBytes + " but " + rows + " " + type + " values take " + (rows << type.log2Width()) + " bytes");
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
        return new FileEntry(path, type, rows, (int) dataOffset, dataBytes, fileBytes, Crc32c.parseHex(crc));
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

    private ColumnType type(JsonNode node, String name, String where) throws SnapshotFormatException {
        String value = fields.text(node, name, where);
        ColumnType type = ColumnType.byName(value);
        if (type == null || !type.typeName().equals(value)) {
            throw bad(JsonFields.join(where, name), "\"" + JsonFields.abbreviate(value)
                    + "\" is not a column type (i8 u8 i16 u16 i32 u32 i64 u64 f32 f64 bool)");
        }
        return type;
    }

    private SnapshotFormatException bad(String field, String what) {
        return invalid(field, what, null);
    }

    private SnapshotFormatException invalid(String field, String what, Throwable cause) {
        return new SnapshotFormatException(file, Problem.BAD_HEADER, "manifest field '" + field + "' " + what, cause);
    }
}
