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
 * One-shot measurements that JMH is not the tool for (run each in a fresh JVM):
 * <ul>
 *   <li>{@code parse [objects]}: writes the generator's workload ({@code objects}, default 20,000, 120 days,
 *       with noise lines) as one plain and one gzip log file, then parses each 8 times (3 warm-up) and prints
 *       MB of log text per second of wall time and per second of the parsing thread's CPU time — the
 *       per-core figure, robust to other processes sharing the machine;</li>
 *   <li>{@code heap [keys]}: retained heap of an {@link AccessHistoryIndex} of {@code keys} distinct keys
 *       (default 1,000,000), each written once and read 0–6 times over 90 days (keys shaped like the
 *       generator's: {@code logs/svc-12/2025/01/01/host-123456.log.gz});</li>
 *   <li>{@code train [rows]}: wall time of {@link LogisticRegressionTrainer} (defaults) on {@code rows}
 *       rows (default 1,000,000) of 38 features, a third of them one-hot as the default extractor's are.</li>
 * </ul>
 * <pre>
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.archiver.benchmarks.AccessLogMeasurements parse 20000
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
        if (what.equals("parse")) {
            parse(args.length > 1 ? n : 20_000);
        } else if (what.equals("heap")) {
            heap(n);
        } else if (what.equals("train")) {
            train(n);
        } else {
            throw new IllegalArgumentException("heap or train, was " + what);
        }
    }

    static void parse(int objects) {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("access-log-measure");
            dev.archiver.testkit.Workload w = dev.archiver.testkit.WorkloadGenerator.builder().objects(objects).days(120)
                    .seed(1).build().generate();
            dev.archiver.testkit.AccessLogWriter writer = dev.archiver.testkit.AccessLogWriter.builder().noise(true).build();
            java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            dev.archiver.core.access.AccessLogParser parser = dev.archiver.core.access.AccessLogParser.builder().build();
            for (String name : new String[]{"logs", "logs.gz"}) {
                java.nio.file.Path file = dir.resolve(name);
                writer.write(w.events(), file);
                dev.archiver.core.access.AccessLogSource src = dev.archiver.core.access.AccessLogSource.local(file);
                for (String mode : new String[]{"classify", "index"}) {
                    double bestWall = 0;
                    double bestCpu = 0;
                    long bytes = 0;
                    for (int i = 0; i < 8; i++) {
                        long cpu0 = threads.getCurrentThreadCpuTime();
                        long t0 = System.nanoTime();
                        long[] reads = {0};
                        AccessHistoryIndex index = AccessHistoryIndex.builder().build();
                        dev.archiver.core.access.ParseReport r = parser.parse(src, mode.equals("index") ? index::add : l -> {
                            if (l.traceOperation() == TraceEvent.Operation.GET) {
                                reads[0]++;
                            }
                        });
                        double wall = (System.nanoTime() - t0) / 1e9;
                        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
                        bytes = r.bytes();
                        if (i >= 3) {
                            bestWall = Math.max(bestWall, bytes / 1e6 / wall);
                            bestCpu = Math.max(bestCpu, bytes / 1e6 / cpu);
                        }
                    }
                    System.out.printf(Locale.ROOT, "%-8s %-8s %,d MB of log text (%,d MB on disk): best %.0f MB/s wall, %.0f MB/s per CPU-second%n",
                            name.endsWith(".gz") ? "gzip" : "plain", mode, bytes / 1_000_000, java.nio.file.Files.size(file) / 1_000_000,
                            bestWall, bestCpu);
                }
                java.nio.file.Files.delete(file);
            }
            java.nio.file.Files.delete(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
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
