package dev.archiver.benchmarks;

import dev.archiver.core.access.AccessHistoryIndex;
import dev.archiver.core.simulate.TraceEvent;
import dev.archiver.core.train.Dataset;
import dev.archiver.core.train.LogisticRegressionTrainer;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Two one-shot measurements that JMH is not the tool for (run each in a fresh JVM):
 * <ul>
 *   <li>{@code heap [keys]}: retained heap of an {@link AccessHistoryIndex} of {@code keys} distinct keys
 *       (default 1,000,000), each written once and read 0–6 times over 90 days (keys shaped like the
 *       generator's: {@code logs/svc-12/2025/01/01/host-123456.log.gz});</li>
 *   <li>{@code train [rows]}: wall time of {@link LogisticRegressionTrainer} (defaults) on {@code rows}
 *       rows (default 1,000,000) of 38 features, a third of them one-hot as the default extractor's are.</li>
 * </ul>
 * <pre>
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.archiver.benchmarks.AccessLogMeasurements heap 1000000
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.archiver.benchmarks.AccessLogMeasurements train 1000000
 * </pre>
 */
public final class AccessLogMeasurements {
    private AccessLogMeasurements() {
    }

    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "heap";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        if (what.equals("heap")) {
            heap(n);
        } else if (what.equals("train")) {
            train(n);
        } else {
            throw new IllegalArgumentException("heap or train, was " + what);
        }
    }

    static long used() {
        for (int i = 0; i < 5; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static void heap(int keys) {
        long before = used();
        AccessHistoryIndex index = AccessHistoryIndex.builder().build();
        SplittableRandom r = new SplittableRandom(1);
        Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
        long reads = 0;
        for (int k = 0; k < keys; k++) {
            String key = String.format(Locale.ROOT, "logs/svc-%02d/2025/%02d/%02d/host-%06d.log.gz", k % 40, 1 + k % 3,
                    1 + k % 28, k);
            Instant c = t0.plusSeconds(r.nextLong(90L * 86_400));
            index.add(TraceEvent.put(c, key, 1 + r.nextLong(50L << 20)));
            int n = r.nextInt(7);
            for (int i = 0; i < n; i++) {
                index.add(TraceEvent.get(c.plusSeconds(r.nextLong(30L * 86_400)), key));
                reads++;
            }
        }
        long after = used();
        System.out.printf(Locale.ROOT, "%,d keys, %,d reads: %,d bytes retained (%.0f bytes per key, %.1f MiB)%n",
                index.size(), reads, after - before, (after - before) / (double) index.size(), (after - before) / 1048576.0);
    }

    static void train(int rows) {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < 38; i++) {
            names.add("f" + i);
        }
        double[] x = new double[rows * 38];
        double[] y = new double[rows];
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < rows; i++) {
            double z = -1;
            for (int j = 0; j < 38; j++) {
                double v = j < 12 ? r.nextDouble() * 4 : (r.nextInt(8) == 0 ? 1 : 0);
                x[i * 38 + j] = v;
                z += (j % 5 - 2) * 0.3 * v;
            }
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        }
        Dataset d = new Dataset(names, x, y);
        LogisticRegressionTrainer trainer = LogisticRegressionTrainer.builder().build();
        trainer.fit(new Dataset(names, java.util.Arrays.copyOf(x, 38 * 10_000), java.util.Arrays.copyOf(y, 10_000))); // warm-up
        long t = System.nanoTime();
        LogisticRegressionTrainer.Result res = trainer.fit(d);
        long ms = (System.nanoTime() - t) / 1_000_000;
        System.out.printf(Locale.ROOT, "%,d rows x 38 features: %,d ms, %d Newton steps, converged %s%n", rows, ms,
                res.iterations(), res.converged());
    }
}
