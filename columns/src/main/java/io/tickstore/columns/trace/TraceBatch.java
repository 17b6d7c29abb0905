package io.tickstore.columns.trace;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One flushed tick of trace events, read in the order they were traced. Handed to a {@link TraceSink} and valid
 * during that call only: the memory is off-heap and belongs to the recorder, which reuses it.
 *
 * <h2>Record layout</h2>
 * Records are packed one after another, little-endian, each starting at a multiple of 8 bytes:
 *
 * <pre>
 *  0        4        8     9     10        12             16             24             32             40
 *  +--------+--------+-----+-----+---------+--------------+--------------+--------------+--------------+------------------+
 *  | system | event  |level|flags| (zero)  | payload len  | node (i64)   | a (f64)      | b (f64)      | payload (UTF-8), |
 *  | (i32)  | (i32)  | (u8)| (u8)|         | (i32, bytes) |              |              |              | zero-padded to 8 |
 *  +--------+--------+-----+-----+---------+--------------+--------------+--------------+--------------+------------------+
 *  flags: bit 0 node present, bit 1 a present, bit 2 b present, bit 3 payload present
 * </pre>
 */
public final class TraceBatch {
    static final int HEADER_BYTES = 40;
    static final int FLAG_NODE = 1;
    static final int FLAG_A = 2;
    static final int FLAG_B = 4;
    static final int FLAG_PAYLOAD = 8;

    private final TraceNames names;
    private final ByteBuffer records;
    private final long tick;
    private final int count;

    TraceBatch(TraceNames names, ByteBuffer records, long tick, int count) {
        this.names = names;
        this.records = records.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.tick = tick;
        this.count = count;
    }

    /** The tick these events were traced in. */
    public long tick() {
        return tick;
    }

    /** How many events. */
    public int count() {
        return count;
    }

    /** Bytes the records take. */
    public int bytes() {
        return records.limit();
    }

    /** The codebook the system and event codes belong to. */
    public TraceNames names() {
        return names;
    }

    /** A cursor before the first event. */
    public Cursor cursor() {
        return new Cursor();
    }

    static int recordBytes(int payloadBytes) {
        return HEADER_BYTES + ((payloadBytes + 7) & ~7);
    }

    /** Walks the events of the batch; {@link #next()} moves to the next one. */
    public final class Cursor {
        private int at = -1;
        private int next = 0;
        private int seq = -1;

        /** Moves to the next event; false after the last. */
        public boolean next() {
            if (next >= records.limit()) {
                return false;
            }
            at = next;
            next = at + recordBytes(records.getInt(at + 12));
            seq++;
            return true;
        }

        /** The event's position in its tick, from 0. */
        public int seq() {
            return seq;
        }

        public int systemCode() {
            return records.getInt(at);
        }

        public int eventCode() {
            return records.getInt(at + 4);
        }

        public String system() {
            return names.name(systemCode());
        }

        public String event() {
            return names.name(eventCode());
        }

        public TraceLevel level() {
            return TraceLevel.of(records.get(at + 8));
        }

        public boolean hasNode() {
            return (records.get(at + 9) & FLAG_NODE) != 0;
        }

        public long node() {
            return records.getLong(at + 16);
        }

        public boolean hasA() {
            return (records.get(at + 9) & FLAG_A) != 0;
        }

        public double a() {
            return records.getDouble(at + 24);
        }

        public boolean hasB() {
            return (records.get(at + 9) & FLAG_B) != 0;
        }

        public double b() {
            return records.getDouble(at + 32);
        }

        public boolean hasPayload() {
            return (records.get(at + 9) & FLAG_PAYLOAD) != 0;
        }

        /** The JSON payload, or null. */
        public String payload() {
            if (!hasPayload()) {
                return null;
            }
            byte[] bytes = new byte[records.getInt(at + 12)];
            records.get(at + HEADER_BYTES, bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
