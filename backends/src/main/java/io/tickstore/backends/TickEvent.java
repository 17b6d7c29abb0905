package io.tickstore.backends;

import io.tickstore.columns.TickstoreException.Problem;
import java.util.Objects;

/**
 * Something that happened during a tick (a birth, a collision, a policy decision), stored with the tick by
 * {@link RuntimePersistence#persistTick}. Events are part of the tick's content: persisting a tick again with
 * different events is a conflict, exactly like different table rows.
 *
 * <p>The payload is any JSON value; it is kept in canonical form (compact, keys sorted, plain decimals), which is
 * also what every backend hands back, so an event read back equals the event stored.
 */
public final class TickEvent {
    /** The entity id of an event that concerns no particular entity. */
    public static final long NO_ENTITY = -1;

    private final String kind;
    private final long entityId;
    private final String payloadJson;

    private TickEvent(String kind, long entityId, String payloadJson) {
        if (kind == null || kind.isEmpty()) {
            throw new PersistenceException(Problem.INVALID_INPUT, "an event kind must be a non-empty string, not " + (kind == null ? "null" : "''"));
        }
        if (entityId < NO_ENTITY) {
            throw new PersistenceException(Problem.INVALID_INPUT, "event '" + kind + "': entity id " + entityId
                    + " is negative (entity ids are >= 0; use TickEvent.of for an event about no entity)");
        }
        this.kind = kind;
        this.entityId = entityId;
        this.payloadJson = JsonPayload.canonical(payloadJson, "payload of event '" + kind + "'");
    }

    /** An event about no particular entity. */
    public static TickEvent of(String kind, String payloadJson) {
        return new TickEvent(kind, NO_ENTITY, payloadJson);
    }

    /** An event about one entity. */
    public static TickEvent about(String kind, long entityId, String payloadJson) {
        if (entityId < 0) {
            throw new PersistenceException(Problem.INVALID_INPUT, "event '" + kind + "': entity id " + entityId + " is negative");
        }
        return new TickEvent(kind, entityId, payloadJson);
    }

    /** Rebuilds an event read back from a backend; {@code entityId} is {@link #NO_ENTITY} when the row held none. */
    public static TickEvent restore(String kind, long entityId, String payloadJson) {
        return new TickEvent(kind, entityId, payloadJson);
    }

    public String kind() {
        return kind;
    }

    /** The entity the event is about, or {@link #NO_ENTITY}. */
    public long entityId() {
        return entityId;
    }

    public boolean hasEntity() {
        return entityId != NO_ENTITY;
    }

    /** The payload in canonical JSON form. */
    public String payloadJson() {
        return payloadJson;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TickEvent)) {
            return false;
        }
        TickEvent other = (TickEvent) o;
        return entityId == other.entityId && kind.equals(other.kind) && payloadJson.equals(other.payloadJson);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, entityId, payloadJson);
    }

    @Override
    public String toString() {
        return "TickEvent[" + kind + (hasEntity() ? " entity " + entityId : "") + " " + payloadJson + "]";
    }
}
