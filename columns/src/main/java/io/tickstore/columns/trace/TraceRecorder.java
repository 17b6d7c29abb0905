package io.tickstore.columns.trace;

import io.tickstore.columns.internal.OffHeap;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;

/**
 * The buffered {@link TraceCollector}: events go into an off-heap buffer during the tick; {@link #flush(long)}, after
 * the tick, hands the full buffer to a writer thread that gives it to the {@link TraceSink} and takes an empty one
 * for the next tick. Without a sink, flush just empties the buffer.
 *
 * <pre>
 * try (TraceRecorder trace = TraceRecorder.create(TraceLevel.DEBUG, allocator, batch -> store(batch))) {
 *     ...                                       // systems call trace.trace(...) during each tick
 *     trace.flush(tick);                        // after it: a hand-off, no I/O on this thread
 * }                                             // every flushed tick written, memory released
 * </pre>
 *
 * <h2>Memory</h2>
 * {@value #DEFAULT_BUFFERS} buffers of {@value #DEFAULT_BUFFER_BYTES} bytes to start, from a child allocator of the
 * one given ({@code traces}); a buffer that fills during a tick doubles (once: afterwards it keeps its size, so a
 * steady tick allocates nothing). When every buffer is waiting for the sink, flush waits for one: a slow sink slows
 * the simulation after its ticks, never during them, and no event is dropped.
 *
 * <h2>Threads</h2>
 * One thread traces and flushes (the simulation's); the sink runs on the recorder's own writer thread, started
 * only when there is a sink. Buffers pass between the two through lock-free single-producer queues, and a thread
 * with nothing to do parks until the other unparks it: a blocking queue's wait would allocate a node on the
 * simulation thread each time the sink falls behind, and nothing on that thread allocates. A sink's failure is thrown by the next {@code flush} or by {@code close}.
 * {@code close()} writes what was flushed, stops the writer and frees the memory; it is idempotent.
 */
public final class TraceRecorder implements TraceCollector, AutoCloseable {
    public static final int DEFAULT_BUFFER_BYTES = 256 * 1024;
    public static final int DEFAULT_BUFFERS = 4;

    private final TraceLevel level;
    private final int keepUpTo;
    private final TraceNames names;
    private final BufferAllocator memory;
    private final TraceSink sink;
    private final List<Buffer> all = new ArrayList<>();
    /** Empty buffers, from the writer (or the constructor) to the flushing thread. */
    private final OneToOneConcurrentArrayQueue<Buffer> free;
    /** Flushed buffers and at the end the poison marker, from the flushing thread to the writer. */
    private final OneToOneConcurrentArrayQueue<Buffer> full;
    /** The thread parked in {@link #flush} waiting for an empty buffer, for the writer to unpark; null otherwise. */
    private volatile Thread waitingFlusher;
    /** Guards the writer's progress, which {@link #awaitWritten} waits on. */
    private final Object progress = new Object();
    private long writtenTicks;
    private boolean writerDone;
    private final Thread writer;
    private Buffer filling;
    private volatile Throwable sinkFailure;
    private volatile boolean closing;
    private boolean closed;
    private long flushedTicks;
    private long flushedEvents;

    private TraceRecorder(TraceLevel level, BufferAllocator allocator, TraceSink sink, TraceNames names, int bufferBytes, int buffers) {
        this.level = Objects.requireNonNull(level, "level");
        this.keepUpTo = level.ordinal();
        this.names = names;
        this.sink = sink;
        if (bufferBytes < 1024 || buffers < 2) {
            throw new IllegalArgumentException("a trace recorder needs at least 2 buffers of 1 KiB; asked for " + buffers + " of " + bufferBytes);
        }
        this.memory = allocator.newChildAllocator("traces", 0, Long.MAX_VALUE);
        this.free = new OneToOneConcurrentArrayQueue<>(buffers);
        this.full = new OneToOneConcurrentArrayQueue<>(buffers + 1);
        try {
            int count = sink == null ? 1 : buffers;
            for (int i = 0; i < count; i++) {
                Buffer b = new Buffer(level == TraceLevel.NONE ? 1024 : bufferBytes);
                all.add(b);
                free.offer(b);
            }
        } catch (RuntimeException e) {
            all.forEach(Buffer::release);
            memory.close();
            throw e;
        }
        this.filling = free.poll();
        if (sink != null) {
            writer = new Thread(this::writeLoop, "tickstore-trace-writer");
            writer.setDaemon(true);
            writer.start();
        } else {
            writer = null;
        }
    }

    /** A recorder at {@code level} whose flushed ticks go to {@code sink} ({@code null}: flush only empties the buffer). */
    public static TraceRecorder create(TraceLevel level, BufferAllocator allocator, TraceSink sink) {
        return new TraceRecorder(level, allocator, sink, new TraceNames(), DEFAULT_BUFFER_BYTES, DEFAULT_BUFFERS);
    }

    /** A recorder with no sink: flush empties the buffer. */
    public static TraceRecorder create(TraceLevel level, BufferAllocator allocator) {
        return create(level, allocator, null);
    }

    /** As {@link #create(TraceLevel, BufferAllocator, TraceSink)}, with the buffers' size and number chosen. */
    public static TraceRecorder create(TraceLevel level, BufferAllocator allocator, TraceSink sink, int bufferBytes, int buffers) {
        return new TraceRecorder(level, allocator, sink, new TraceNames(), bufferBytes, buffers);
    }

    @Override
    public TraceLevel level() {
        return level;
    }

    @Override
    public boolean enabled(TraceLevel eventLevel) {
        int l = eventLevel.ordinal();
        return l != 0 && l <= keepUpTo;
    }

    @Override
    public TraceNames names() {
        return names;
    }

    /** Whether this recorder has a sink (a recorder without one drops every flushed tick). */
    public boolean hasSink() {
        return sink != null;
    }

    // ------------------------------------------------------------------ the hot path

    @Override
    public void trace(int system, int event, TraceLevel eventLevel) {
        int l = eventLevel.ordinal();
        if (l == 0 || l > keepUpTo) {
            return;
        }
        filling.put(system, event, l, 0, 0L, 0.0, 0.0);
    }

    @Override
    public void trace(int system, int event, double value, TraceLevel eventLevel, long node) {
        int l = eventLevel.ordinal();
        if (l == 0 || l > keepUpTo) {
            return;
        }
        filling.put(system, event, l, TraceBatch.FLAG_A | (node == NO_NODE ? 0 : TraceBatch.FLAG_NODE), node, value, 0.0);
    }

    @Override
    public void trace(int system, int event, double a, double b, TraceLevel eventLevel, long node) {
        int l = eventLevel.ordinal();
        if (l == 0 || l > keepUpTo) {
            return;
        }
        filling.put(system, event, l, TraceBatch.FLAG_A | TraceBatch.FLAG_B | (node == NO_NODE ? 0 : TraceBatch.FLAG_NODE), node, a, b);
    }

    @Override
    public void trace(int system, int event, CharSequence json, TraceLevel eventLevel, long node) {
        int l = eventLevel.ordinal();
        if (l == 0 || l > keepUpTo) {
            return;
        }
        filling.putPayload(system, event, l, node == NO_NODE ? 0 : TraceBatch.FLAG_NODE, node, json);
    }

    @Override
    public int bufferedCount() {
        return filling.count;
    }

    // ------------------------------------------------------------------ after the tick

    @Override
    public void flush(long tick) {
        if (closed) {
            throw new IllegalStateException("trace recorder is closed");
        }
        rethrowSinkFailure();
        Buffer done = filling;
        if (sink == null || done.count == 0) {
            done.reset();
            return;
        }
        done.tick = tick;
        flushedTicks++;
        flushedEvents += done.count;
        full.offer(done); // never full: it has room for every buffer and the poison marker
        LockSupport.unpark(writer);
        filling = takeFree();
        rethrowSinkFailure();
    }

    /**
     * An empty buffer, waiting (parked) while the writer holds them all. The flushing thread announces itself before
     * looking again, so a buffer the writer frees in between is either seen by that look or followed by an unpark.
     */
    private Buffer takeFree() {
        Buffer b = free.poll();
        while (b == null) {
            waitingFlusher = Thread.currentThread();
            b = free.poll();
            if (b == null) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    waitingFlusher = null;
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the trace writer");
                }
                b = free.poll();
            }
        }
        waitingFlusher = null;
        return b;
    }

    /** Ticks flushed to the sink so far (ticks without events are not sent). */
    public long flushedTicks() {
        return flushedTicks;
    }

    /** Events flushed to the sink so far. */
    public long flushedEvents() {
        return flushedEvents;
    }

    /** Waits until every flushed tick has reached the sink; throws the sink's failure. */
    public void awaitWritten() {
        synchronized (progress) {
            while (writtenTicks < flushedTicks && !writerDone) {
                try {
                    progress.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        rethrowSinkFailure();
    }

    private void rethrowSinkFailure() {
        Throwable failure = sinkFailure;
        if (failure != null) {
            sinkFailure = null;
            if (failure instanceof RuntimeException) {
                throw (RuntimeException) failure;
            }
            if (failure instanceof Error) {
                throw (Error) failure;
            }
            throw new IllegalStateException("the trace sink failed: " + failure.getMessage(), failure);
        }
    }

    private void writeLoop() {
        try {
            writeBatches();
        } finally {
            synchronized (progress) {
                writerDone = true;
                progress.notifyAll();
            }
        }
    }

    private void writeBatches() {
        while (true) {
            Buffer batch = full.poll();
            if (batch == null) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    return;
                }
                continue;
            }
            if (batch.poison) {
                return;
            }
            try {
                if (sinkFailure == null) {
                    sink.write(batch.asBatch(names));
                }
            } catch (Throwable t) {
                sinkFailure = t;
            } finally {
                batch.reset();
                free.offer(batch);
                Thread flusher = waitingFlusher;
                if (flusher != null) {
                    LockSupport.unpark(flusher);
                }
                synchronized (progress) {
                    writtenTicks++;
                    progress.notifyAll();
                }
            }
        }
    }

    /** Writes every flushed tick, stops the writer, frees the buffers; idempotent. Throws the sink's failure. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closing = true;
        try {
            if (writer != null) {
                Buffer poison = new Buffer(true);
                full.offer(poison);
                LockSupport.unpark(writer);
                try {
                    writer.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    writer.interrupt();
                }
            }
        } finally {
            for (Buffer b : all) {
                b.release();
            }
            memory.close();
        }
        rethrowSinkFailure();
    }

    @Override
    public String toString() {
        return "TraceRecorder[" + level + ", " + (sink == null ? "no sink" : "sink") + (closing ? ", closed" : "") + "]";
    }

    /** One off-heap buffer of records. */
    private final class Buffer {
        private ArrowBuf buf;
        private ByteBuffer view;
        private int position;
        private int count;
        private long tick;
        private final boolean poison;

        Buffer(int bytes) {
            this.poison = false;
            allocate(bytes);
        }

        /** The end-of-work marker the writer stops at. */
        Buffer(boolean poison) {
            this.poison = poison;
        }

        private void allocate(int bytes) {
            ArrowBuf next = memory.buffer(bytes);
            ByteBuffer nextView = OffHeap.view(next.memoryAddress(), bytes).order(ByteOrder.LITTLE_ENDIAN);
            if (buf != null) {
                for (int i = 0; i < position; i++) {
                    nextView.put(i, view.get(i));
                }
                buf.close();
            }
            buf = next;
            view = nextView;
        }

        private void ensure(int bytes) {
            int needed = position + bytes;
            if (needed > view.capacity()) {
                long grown = Math.max((long) view.capacity() * 2, needed);
                if (grown > Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("a tick's trace events exceed 2 GiB");
                }
                allocate((int) grown);
            }
        }

        void put(int system, int event, int level, int flags, long node, double a, double b) {
            ensure(TraceBatch.HEADER_BYTES);
            ByteBuffer v = view;
            int p = position;
            v.putInt(p, system);
            v.putInt(p + 4, event);
            v.put(p + 8, (byte) level);
            v.put(p + 9, (byte) flags);
            v.putShort(p + 10, (short) 0);
            v.putInt(p + 12, 0);
            v.putLong(p + 16, node);
            v.putDouble(p + 24, a);
            v.putDouble(p + 32, b);
            position = p + TraceBatch.HEADER_BYTES;
            count++;
        }

        void putPayload(int system, int event, int level, int flags, long node, CharSequence json) {
            int maxBytes = json.length() * 3;
            ensure(TraceBatch.recordBytes(maxBytes));
            ByteBuffer v = view;
            int p = position;
            int w = p + TraceBatch.HEADER_BYTES;
            for (int i = 0; i < json.length(); i++) {
                char c = json.charAt(i);
                if (c < 0x80) {
                    v.put(w++, (byte) c);
                } else if (c < 0x800) {
                    v.put(w++, (byte) (0xC0 | (c >> 6)));
                    v.put(w++, (byte) (0x80 | (c & 0x3F)));
                } else if (Character.isHighSurrogate(c) && i + 1 < json.length() && Character.isLowSurrogate(json.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, json.charAt(++i));
                    v.put(w++, (byte) (0xF0 | (cp >> 18)));
                    v.put(w++, (byte) (0x80 | ((cp >> 12) & 0x3F)));
                    v.put(w++, (byte) (0x80 | ((cp >> 6) & 0x3F)));
                    v.put(w++, (byte) (0x80 | (cp & 0x3F)));
                } else {
                    char e = Character.isSurrogate(c) ? '\uFFFD' : c;
                    v.put(w++, (byte) (0xE0 | (e >> 12)));
                    v.put(w++, (byte) (0x80 | ((e >> 6) & 0x3F)));
                    v.put(w++, (byte) (0x80 | (e & 0x3F)));
                }
            }
            int payload = w - p - TraceBatch.HEADER_BYTES;
            while ((w & 7) != 0) {
                v.put(w++, (byte) 0);
            }
            v.putInt(p, system);
            v.putInt(p + 4, event);
            v.put(p + 8, (byte) level);
            v.put(p + 9, (byte) (flags | TraceBatch.FLAG_PAYLOAD));
            v.putShort(p + 10, (short) 0);
            v.putInt(p + 12, payload);
            v.putLong(p + 16, node);
            v.putDouble(p + 24, 0.0);
            v.putDouble(p + 32, 0.0);
            position = p + TraceBatch.recordBytes(payload);
            count++;
        }

        TraceBatch asBatch(TraceNames names) {
            ByteBuffer records = view.duplicate();
            records.position(0).limit(position);
            return new TraceBatch(names, records.slice(), tick, count);
        }

        void reset() {
            position = 0;
            count = 0;
            tick = -1;
        }

        void release() {
            if (buf != null) {
                buf.close();
                buf = null;
                view = null;
            }
        }
    }
}
