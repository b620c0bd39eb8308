package io.github.ftp3p.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/** The heap of this JVM, as its memory pools report it. */
final class Heap {

    static final List<MemoryPoolMXBean> POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();

    private Heap() {
    }

    /** The heap in use now, garbage included. */
    static long used() {
        return POOLS.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    /**
     * The heap in use after a few full GCs, what is still reachable: one GC may leave objects a finalizer or a
     * cleaner frees only on the next.
     */
    static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return used();
    }
}
