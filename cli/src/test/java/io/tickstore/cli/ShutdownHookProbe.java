package io.tickstore.cli;

import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.eventlog.EventLogOptions;
import io.tickstore.snapshot.eventlog.EventLogWriter;
import io.tickstore.snapshot.eventlog.ValueKind;
import java.nio.file.Path;
import org.apache.arrow.memory.RootAllocator;

/**
 * A program for {@link ShutdownHookTest}: creates a log in {@code args[0]}, appends {@code args[1]} records and, never
 * closing the log, either calls {@code System.exit(0)} ({@code args[2] = "exit"}) or says "ready" and waits to be
 * terminated ({@code "wait"}). The log's shutdown hook must write every record either way.
 */
public final class ShutdownHookProbe {
    private ShutdownHookProbe() {
    }

    public static void main(String[] args) throws Exception {
        RootAllocator allocator = new RootAllocator();
        EventLogWriter log = EventLogWriter.create(Path.of(args[0]), allocator,
                EventLogOptions.defaults().withBufferRecords(1000).withDurability(Durability.PAGE_CACHE));
        int key = log.key("probe", ValueKind.F64);
        int records = Integer.parseInt(args[1]);
        for (int i = 0; i < records; i++) {
            log.append(i, i, key, i);
        }
        if (args[2].equals("exit")) {
            System.exit(0);
        }
        System.out.println("ready");
        System.out.flush();
        Thread.currentThread().join();
    }
}
