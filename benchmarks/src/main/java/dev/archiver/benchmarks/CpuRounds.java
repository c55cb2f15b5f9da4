package dev.archiver.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.IntSupplier;

/**
 * Rounds of a {@link DecisionEngineBenchmark} call timed by this thread's CPU clock (time other
 * processes take from the thread is not counted): what {@link DecisionEngineCpuMain} and
 * {@link PairedJarsMain} share.
 */
final class CpuRounds {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Where call results go, so the JIT cannot drop the calls. */
    static volatile long sink;

    private CpuRounds() {
    }

    /** Calls {@code call} until {@code nanos} of this thread's CPU time have passed. */
    static void warmUp(IntSupplier call, long nanos) {
        long s = 0;
        long end = THREADS.getCurrentThreadCpuTime() + nanos;
        while (THREADS.getCurrentThreadCpuTime() < end) {
            s += call.getAsInt();
        }
        sink += s;
    }

    /** One round of at least {@code nanos} of CPU time, in calls of {@code perCheck}: objects per CPU-second. */
    static double rate(IntSupplier call, long nanos, int perCheck) {
        long s = 0;
        long start = THREADS.getCurrentThreadCpuTime();
        long now;
        long calls = 0;
        do {
            for (int k = 0; k < perCheck; k++) {
                s += call.getAsInt();
            }
            calls += perCheck;
            now = THREADS.getCurrentThreadCpuTime();
        } while (now - start < nanos);
        sink += s;
        return calls * (double) DecisionEngineBenchmark.BATCH / ((now - start) / 1e9);
    }

    static double[] sorted(double[] values) {
        double[] x = values.clone();
        Arrays.sort(x);
        return x;
    }
}
