package io.tickstore.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The file-task runner behind parallel reads and writes. */
class ParallelIoTest {
    final ExecutorService pool = ParallelIo.newPool("test", 3);

    @AfterEach
    void shutdown() {
        pool.shutdown();
    }

    @Test
    void everyTaskRunsExactlyOnce() throws IOException {
        AtomicIntegerArray runs = new AtomicIntegerArray(200);
        List<ParallelIo.IoTask> tasks = new ArrayList<>();
        for (int i = 0; i < runs.length(); i++) {
            int index = i;
            tasks.add(() -> runs.incrementAndGet(index));
        }
        ParallelIo.runAll(tasks, 4, pool);
        for (int i = 0; i < runs.length(); i++) {
            assertEquals(1, runs.get(i), "task " + i);
        }
    }

    @Test
    void theFirstFailureIsRethrownOnlyAfterEveryWorkerHasStopped() throws InterruptedException {
        AtomicInteger running = new AtomicInteger();
        CountDownLatch othersStarted = new CountDownLatch(2);
        IOException failure = new IOException("disk full");
        List<ParallelIo.IoTask> tasks = new ArrayList<>();
        tasks.add(() -> {
            running.incrementAndGet();
            try {
                othersStarted.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            throw failure;
        });
        for (int i = 0; i < 2; i++) {
            tasks.add(() -> {
                running.incrementAndGet();
                othersStarted.countDown();
                running.decrementAndGet();
            });
        }
        IOException thrown = assertThrows(IOException.class, () -> ParallelIo.runAll(tasks, 3, pool));
        assertSame(failure, thrown);
        assertEquals(0, running.get(), "no task is still running when runAll returns");
    }

    @Test
    void aSerialRunStopsAtTheFirstFailure() {
        AtomicInteger ran = new AtomicInteger();
        List<ParallelIo.IoTask> tasks = List.of(ran::incrementAndGet, () -> {
            throw new IOException("bad");
        }, ran::incrementAndGet);
        assertThrows(IOException.class, () -> ParallelIo.runAll(tasks, 1, null));
        assertEquals(1, ran.get());
    }
}
