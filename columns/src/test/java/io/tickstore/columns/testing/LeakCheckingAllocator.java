package io.tickstore.columns.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that hands each test a fresh root allocator that fills new memory with garbage, and
 * fails the test if anything allocated from it is still held when the test ends.
 *
 * <pre>
 * &#64;RegisterExtension
 * final LeakCheckingAllocator memory = new LeakCheckingAllocator();
 *
 * &#64;Test
 * void roundTrip() {
 *     try (World world = CreatureSimulation.newWorld(memory.root(), 42, 1000)) { ... }
 * }
 * </pre>
 */
public final class LeakCheckingAllocator implements AfterEachCallback {
    private RootAllocator root;

    /** The test's root allocator; created on first use. */
    public BufferAllocator root() {
        if (root == null) {
            root = newDirtyRoot();
        }
        return root;
    }

    /** A root allocator whose fresh memory is garbage, not zero. The caller closes it. */
    public static RootAllocator newDirtyRoot() {
        return new RootAllocator(RootAllocator.configBuilder()
                .allocationManagerFactory(DirtyAllocationManager.FACTORY)
                .maxAllocation(Long.MAX_VALUE)
                .build());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (root == null) {
            return;
        }
        long held = root.getAllocatedMemory();
        String detail = held == 0 ? "" : root.toVerboseString();
        try {
            root.close();
        } catch (IllegalStateException e) {
            // the allocator's own message names the child allocators still open, i.e. who leaked
            fail("off-heap memory leaked by " + context.getDisplayName() + ": " + held + " bytes still held\n" + detail
                    + "\n" + e.getMessage(), e);
        } finally {
            root = null;
        }
        if (held != 0) {
            fail("off-heap memory leaked by " + context.getDisplayName() + ": " + held + " bytes still held\n" + detail);
        }
    }
}
