package dev.archiver.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * {@link DecisionEngineBenchmark#decideBatch} timed by the thread's CPU clock rather than the wall
 * clock, for a shared, noisy machine: time another process takes from this thread is not counted,
 * so the median of many rounds is stable where JMH's wall-clock score swings. One thread.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.archiver.benchmarks.DecisionEngineCpuMain [warmupSeconds] [rounds] [decideBatch|featuresOnly|predictOnly|costsOnly|totalsOnly]
 * </pre>
 * Prints the median, minimum and maximum objects per CPU-second over the rounds (each ~0.5 s of CPU).
 */
public final class DecisionEngineCpuMain {
    private DecisionEngineCpuMain() {
    }

    public static void main(String[] args) {
        int warmupSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 21;
        String part = args.length > 2 ? args[2] : "decideBatch";
        DecisionEngineBenchmark b = new DecisionEngineBenchmark();
        b.predictor = "logistic";
        b.setUp();
        java.util.function.IntSupplier call = switch (part) {
            case "decideBatch" -> () -> b.decideBatch().size();
            case "featuresOnly" -> () -> (int) b.featuresOnly()[0];
            case "predictOnly" -> () -> b.predictOnly().length;
            case "costsOnly" -> b::costsOnly;
            case "totalsOnly" -> b::totalsOnly;
            default -> throw new IllegalArgumentException("unknown part " + part + ": decideBatch, featuresOnly, predictOnly, costsOnly or totalsOnly");
        };
        CpuRounds.warmUp(call, warmupSeconds * 1_000_000_000L);
        double[] rates = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            rates[r] = CpuRounds.rate(call, 500_000_000L, 50);
        }
        com.sun.management.ThreadMXBean allocation = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = allocation.getThreadAllocatedBytes(tid);
        long s = 0;
        for (int k = 0; k < 100; k++) {
            s += call.getAsInt();
        }
        CpuRounds.sink += s;
        double bytesPerObject = (allocation.getThreadAllocatedBytes(tid) - before) / (100.0 * DecisionEngineBenchmark.BATCH);
        double[] sorted = CpuRounds.sorted(rates);
        System.out.printf(Locale.ROOT, "%s objects per CPU-second: median %.0f, min %.0f, max %.0f over %d rounds; %.1f B allocated per object%n",
                part, sorted[rounds / 2], sorted[0], sorted[rounds - 1], rounds, bytesPerObject);
    }
}
