package io.tickstore.snapshot;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a batch of file tasks on the calling thread plus up to {@code threads - 1} pool threads, each worker
 * taking the next task until none is left. After the first failure no new task starts; the call returns only
 * when every worker has stopped (so a caller that then deletes the files races with nobody) and rethrows the
 * first failure with the others suppressed.
 */
final class ParallelIo {
    /** One unit of file work. */
    interface IoTask {
        void run() throws IOException;
    }

    private ParallelIo() {
    }

    /** A pool of daemon threads for {@link #runAll}, named after its user. */
    static ExecutorService newPool(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return Executors.newFixedThreadPool(threads, factory);
    }

    /**
     * Runs every task; {@code pool} may be null when {@code threads <= 1}.
     *
     * @throws IOException the first task failure, or {@link InterruptedIOException} when the caller was
     *         interrupted while waiting (the interrupt flag is restored)
     */
    static void runAll(List<? extends IoTask> tasks, int threads, ExecutorService pool) throws IOException {
        if (threads <= 1 || pool == null || tasks.size() <= 1) {
            for (IoTask task : tasks) {
                task.run();
            }
            return;
        }
        Batch batch = new Batch(tasks);
        int helpers = Math.min(threads, tasks.size()) - 1;
        CountDownLatch stopped = new CountDownLatch(helpers);
        for (int i = 0; i < helpers; i++) {
            try {
                pool.execute(() -> {
                    try {
                        batch.work();
                    } finally {
                        stopped.countDown();
                    }
                });
            } catch (RejectedExecutionException e) {
                stopped.countDown();
                batch.fail(e);
            }
        }
        batch.work();
        boolean interrupted = false;
        while (true) {
            try {
                stopped.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                batch.fail(new InterruptedIOException("interrupted while waiting for file tasks"));
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        batch.rethrow();
    }

    private static final class Batch {
        private final List<? extends IoTask> tasks;
        private final AtomicInteger next = new AtomicInteger();
        private Throwable failure;
        private volatile boolean failed;

        Batch(List<? extends IoTask> tasks) {
            this.tasks = tasks;
        }

        void work() {
            while (!failed) {
                int index = next.getAndIncrement();
                if (index >= tasks.size()) {
                    return;
                }
                try {
                    tasks.get(index).run();
                } catch (Throwable t) {
                    fail(t);
                }
            }
        }

        synchronized void fail(Throwable t) {
            if (failure == null) {
                failure = t;
            } else if (failure != t) {
                failure.addSuppressed(t);
            }
            failed = true;
        }

        synchronized void rethrow() throws IOException {
            if (failure instanceof IOException) {
                throw (IOException) failure;
            }
            if (failure instanceof RuntimeException) {
                throw (RuntimeException) failure;
            }
            if (failure instanceof Error) {
                throw (Error) failure;
            }
            if (failure != null) {
                throw new IOException(failure);
            }
        }
    }
}
