package io.tickstore.backends.internal.journal;

import io.tickstore.backends.TickEvent;
import io.tickstore.columns.ContentHash;
import io.tickstore.columns.World;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * What identifies a tick's content: the world's {@link ContentHash} and a SHA-256 of its events. Two persists of
 * the same tick are the same write exactly when both digests are equal.
 *
 * <pre>
 * events = sha256( "tickstore.events.v1" | u32 count
 *                  | for each event in order: kind | i64 entityId (-1 for none) | canonical payload )
 * </pre>
 * Strings are their UTF-8 length as u32 then their bytes; integers are little-endian, as in {@code ContentHash}.
 */
public final class TickDigest {
    private final byte[] worldHash;
    private final byte[] eventsHash;

    private TickDigest(byte[] worldHash, byte[] eventsHash) {
        this.worldHash = worldHash;
        this.eventsHash = eventsHash;
    }

    public static TickDigest of(World world, List<TickEvent> events) {
        return new TickDigest(ContentHash.of(world), eventsHash(events));
    }

    public static TickDigest of(byte[] worldHash, byte[] eventsHash) {
        return new TickDigest(worldHash.clone(), eventsHash.clone());
    }

    public static byte[] eventsHash(List<TickEvent> events) {
        MessageDigest digest = sha256();
        putString(digest, "tickstore.events.v1");
        digest.update(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(events.size()).flip());
        for (TickEvent event : events) {
            putString(digest, event.kind());
            digest.update(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(event.entityId()).flip());
            putString(digest, event.payloadJson());
        }
        return digest.digest();
    }

    public byte[] worldHash() {
        return worldHash.clone();
    }

    public byte[] eventsHash() {
        return eventsHash.clone();
    }

    public String worldHex() {
        return HexFormat.of().formatHex(worldHash);
    }

    /** Whether a stored tick with these hashes holds the same content. */
    public boolean sameAs(byte[] storedWorldHash, byte[] storedEventsHash) {
        return Arrays.equals(worldHash, storedWorldHash) && Arrays.equals(eventsHash, storedEventsHash);
    }

    /** Why a stored tick differs, for a conflict message. */
    public String differenceFrom(byte[] storedWorldHash, byte[] storedEventsHash) {
        if (!Arrays.equals(worldHash, storedWorldHash)) {
            return "it holds world hash " + hex(storedWorldHash) + ", this world hashes to " + worldHex();
        }
        return "its world matches but its events differ (stored events hash " + hex(storedEventsHash) + ", these hash to "
                + HexFormat.of().formatHex(eventsHash) + ")";
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? "(none)" : HexFormat.of().formatHex(bytes);
    }

    private static void putString(MessageDigest digest, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length).flip());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
