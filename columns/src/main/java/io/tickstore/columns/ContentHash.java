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
 * Capacity, unused slots, the entity id counter and the schema version do not enter the hash: two worlds
 * with the same live content hash the same however they were built or loaded.
 */
public final class ContentHash {
    private static final int CHUNK = 1 << 26;

    private ContentHash() {
    }

    public static byte[] of(Table table) {
        MessageDigest digest = sha256();
        putString(digest, "tickstore.table.v1");
        putString(digest, table.name());
        putInt(digest, table.schema().columnCount());
        for (ColumnSpec column : table.schema().columns()) {
            putString(digest, column.name());
            putString(digest, column.type().typeName());
        }
        long rows = table.rowCount();
        putLong(digest, rows);
        updateMemory(digest, table.entityIdAddress(), rows * 8);
        for (int c = 0; c < table.schema().columnCount(); c++) {
            updateMemory(digest, table.columnAddress(c), table.columnByteLength(c));
        }
        return digest.digest();
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
