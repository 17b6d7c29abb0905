package io.tickstore.columns;

import io.tickstore.columns.internal.OffHeap;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic SHA-256 content hashes of tables and worlds, over live rows only.
 *
 * <p>The hashed byte stream is defined exactly so that any client can recompute it (numpy and hashlib
 * suffice). Integers are little-endian; a string is its UTF-8 length as u32 then its bytes.
 *
 * <pre>
 * table  = sha256( "tickstore.table.v1" | name | u32 columnCount
 *                  | for each column in schema order: name | typeName
 *                  | u64 rowCount | entity ids [0, rowCount) as i64
 *                  | for each column in schema order: its rows [0, rowCount) as stored )
 * world  = sha256( "tickstore.world.v1" | i64 tick | u32 rngLength | rng bytes | u32 tableCount
 *                  | for each table in name order: name | table hash (32 bytes) )
 * </pre>
 *
 * That is the whole definition for a table whose columns are all scalars (version 1, unchanged since it was
 * written, so every hash recorded of such a world stays valid). A table with a column of another kind
 * ({@link ColumnLayout}) hashes as version 2, which differs in three places:
 *
 * <pre>
 * table  = sha256( "tickstore.table.v2" | name | u32 columnCount
 *                  | for each column in schema order: name | layout text ("f32", "f32[768]", "cat&lt;u16&gt;", "str", "json", "str[]")
 *                  | u64 rowCount | entity ids [0, rowCount) as i64
 *                  | for each column in schema order:
 *                      scalar, array:      its rows as stored (an array's elements row-major, row after row)
 *                      categorical:        for each row its string: u32 UTF-8 length | UTF-8 bytes
 *                      str, json, str[]:   for each row its value as stored: u32 length | bytes
 *                                          (UTF-8; canonical JSON; a str[]'s strings each followed by a 0 byte) )
 * </pre>
 *
 * A categorical row enters as its string, not its code: which code a string got (an order of first use that a
 * database journal, which stores the strings, does not keep) is part of how the rows got there, not of what they
 * hold; neither do dictionary entries no row uses enter.
 *
 * Capacity, unused slots, the entity id counter and the schema version do not enter the hash: two worlds
 * with the same live content hash the same however they were built or loaded.
 */
public final class ContentHash {
    private static final int CHUNK = 1 << 26;

    private ContentHash() {
    }

    public static byte[] of(Table table) {
        MessageDigest digest = sha256();
        boolean v1 = table.schema().isScalarOnly();
        putString(digest, v1 ? "tickstore.table.v1" : "tickstore.table.v2");
        putString(digest, table.name());
        putInt(digest, table.schema().columnCount());
        for (ColumnSpec column : table.schema().columns()) {
            putString(digest, column.name());
            putString(digest, column.layout().toString());
        }
        long rows = table.rowCount();
        putLong(digest, rows);
        updateMemory(digest, table.entityIdAddress(), rows * 8);
        for (int c = 0; c < table.schema().columnCount(); c++) {
            switch (table.columnKind(c)) {
                case SCALAR: case ARRAY:
                    updateMemory(digest, table.columnAddress(c), table.columnByteLength(c));
                    break;
                case CATEGORICAL:
                    hashStrings(digest, table, c);
                    break;
                default:
                    hashValues(digest, table, c);
                    break;
            }
        }
        return digest.digest();
    }

    /** Each row's string, from the dictionary's UTF-8 bytes, through one reused heap chunk. */
    private static void hashStrings(MessageDigest digest, Table table, int column) {
        CategoryDictionary dictionary = table.dictionary(column);
        Chunk chunk = new Chunk(digest);
        for (long row = 0; row < table.rowCount(); row++) {
            byte[] utf8 = dictionary.utf8(table.getCode(column, row));
            chunk.putInt(utf8.length);
            chunk.put(utf8);
        }
        chunk.flush();
    }

    private static void hashValues(MessageDigest digest, Table table, int column) {
        Chunk chunk = new Chunk(digest);
        for (long row = 0; row < table.rowCount(); row++) {
            int length = table.valueLength(column, row);
            chunk.putInt(length);
            chunk.put(table.valueAddress(column, row), length);
        }
        chunk.flush();
    }

    /** Bytes gathered into a heap array and handed to the digest in large pieces, so small values cost no call each. */
    private static final class Chunk {
        private final MessageDigest digest;
        private final byte[] bytes = new byte[1 << 16];
        private int used;

        Chunk(MessageDigest digest) {
            this.digest = digest;
        }

        void putInt(int v) {
            if (used + 4 > bytes.length) {
                flush();
            }
            bytes[used] = (byte) v;
            bytes[used + 1] = (byte) (v >>> 8);
            bytes[used + 2] = (byte) (v >>> 16);
            bytes[used + 3] = (byte) (v >>> 24);
            used += 4;
        }

        void put(byte[] b) {
            if (used + b.length > bytes.length) {
                flush();
                if (b.length > bytes.length) {
                    digest.update(b);
                    return;
                }
            }
            System.arraycopy(b, 0, bytes, used, b.length);
            used += b.length;
        }

        void put(long address, int length) {
            if (used + length > bytes.length) {
                flush();
                if (length > bytes.length) {
                    updateMemory(digest, address, length);
                    return;
                }
            }
            org.agrona.UnsafeApi.copyMemory(null, address, bytes, org.agrona.UnsafeApi.arrayBaseOffset(byte[].class) + used, length);
            used += length;
        }

        void flush() {
            digest.update(bytes, 0, used);
            used = 0;
        }
    }

    public static byte[] of(World world) {
        MessageDigest digest = sha256();
        putString(digest, "tickstore.world.v1");
        putLong(digest, world.tick());
        byte[] rng = world.rngState();
        putInt(digest, rng.length);
        digest.update(rng);
        putInt(digest, world.tables().size());
        for (Table table : world.tables()) {
            putString(digest, table.name());
            digest.update(of(table));
        }
        return digest.digest();
    }

    public static String hex(Table table) {
        return HexFormat.of().formatHex(of(table));
    }

    public static String hex(World world) {
        return HexFormat.of().formatHex(of(world));
    }

    private static void updateMemory(MessageDigest digest, long address, long length) {
        for (long done = 0; done < length; done += CHUNK) {
            int n = (int) Math.min(CHUNK, length - done);
            digest.update(OffHeap.view(address + done, n));
        }
    }

    private static void putString(MessageDigest digest, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        putInt(digest, bytes.length);
        digest.update(bytes);
    }

    private static void putInt(MessageDigest digest, int v) {
        digest.update(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).flip());
    }

    private static void putLong(MessageDigest digest, long v) {
        digest.update(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).flip());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
