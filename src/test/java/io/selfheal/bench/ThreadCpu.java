package io.selfheal.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time of this JVM's Java threads, grouped by name with the digits taken out (so camel-kafka's consumer threads,
 * "Camel (camel-1) thread #12 - KafkaConsumer[topics]", form one group): on a shared machine, CPU per record says
 * what the code costs, the wall clock says what the machine had left. The JVM's own threads (GC, JIT compilers) are
 * not Java threads: they are the JVM's process CPU time minus the sum of these.
 */
final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> atStart = perThread();

    /** CPU seconds per thread group since this snapshot, highest first, at most {@code top} groups. */
    Map<String, Double> since(int top) {
        Map<String, Double> groups = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null) {
                names.put(info.getThreadId(), info.getThreadName().replaceAll("\\d+", "#"));
            }
        }
        perThread().forEach((id, nanos) -> {
            String name = names.get(id);
            if (name != null) {
                groups.merge(name, (nanos - atStart.getOrDefault(id, 0L)) / 1e9, Double::sum);
            }
        });
        return groups.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(top)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                        java.util.LinkedHashMap::new));
    }

    /** CPU seconds since this snapshot of the threads whose name contains {@code nameContains}. */
    double seconds(String nameContains) {
        return since(Integer.MAX_VALUE).entrySet().stream().filter(e -> e.getKey().contains(nameContains))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** CPU seconds since this snapshot of every Java thread. */
    double total() {
        return since(Integer.MAX_VALUE).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static Map<Long, Long> perThread() {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            long nanos = THREADS.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }
}
