package dev.archiver.benchmarks;

import dev.archiver.core.decide.DecisionEngine;
import dev.archiver.core.inventory.InventoryFiles;
import dev.archiver.core.inventory.InventoryReader;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.plan.PlanResult;
import dev.archiver.core.plan.StreamingPlanner;
import dev.archiver.core.predict.LogisticModel;
import dev.archiver.testkit.InventoryGenerator;
import dev.archiver.testkit.RandomModels;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * End-to-end throughput and peak heap of planning an S3 Inventory: read the CSV.gz files (MD5
 * and size checked), decide with a {@link LogisticModel}, write {@code plan.jsonl} (moves),
 * {@code summary.json} and the Batch Operations manifests. Not JMH: one run is seconds to
 * minutes of I/O, and peak heap is the point. Prints one line per run and the medians.
 *
 * <pre>
 * java -Xmx256m -cp benchmarks/target/benchmarks.jar dev.archiver.benchmarks.InventoryPlanMain \
 *      --rows 10000000 --dir /tmp/inventory-10m --runs 3 [--keeps] [--inline] [--threads N] [--rows-per-file N] [--read-only]
 * </pre>
 * The inventory is generated into {@code --dir} on the first use (seeded, {@code --rows-per-file} rows
 * in each data file, default 1,000,000; reused afterwards, whatever the options then).
 */
public final class InventoryPlanMain {
    static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    private InventoryPlanMain() {
    }

    public static void main(String[] args) throws IOException {
        long rows = 1_000_000;
        Path dir = Path.of("/tmp/archiver-inventory");
        int runs = 3;
        boolean keeps = false;
        boolean inline = false;
        boolean readOnly = false;
        int threads = Runtime.getRuntime().availableProcessors();
        int rowsPerFile = 1_000_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--keeps" -> keeps = true;
                case "--inline" -> inline = true;
                case "--read-only" -> readOnly = true;
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--rows-per-file" -> rowsPerFile = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path inv = dir.resolve("inventory");
        if (!Files.exists(inv.resolve("manifest.json"))) {
            long t0 = System.nanoTime();
            InventoryGenerator.builder().bucket("bench-bucket").rows(rows).rowsPerFile(rowsPerFile).seed(42).versioned(true).now(NOW)
                    .build().write(inv);
            System.err.printf(Locale.ROOT, "generated %,d rows in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
        }
        long inventoryBytes;
        try (Stream<Path> s = Files.list(inv.resolve("data"))) {
            inventoryBytes = s.mapToLong(p -> p.toFile().length()).sum();
        }
        DecisionEngine engine = DecisionEngine.builder(model()).build();
        double[] seconds = new double[runs];
        double[] peaks = new double[runs];
        double[] cpuPerRow = new double[runs];
        long objects = 0;
        for (int run = 0; run < runs; run++) {
            Path out = dir.resolve("out-" + run);
            deleteTree(out);
            System.gc();
            resetPeaks();
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            InventoryReader reader = InventoryReader.of(InventoryFiles.folder(inv));
            long moves = 0;
            if (readOnly) {
                try (Stream<ObjectInfo> s = reader.objects()) {
                    objects = s.count();
                }
            } else {
                PlanResult r = StreamingPlanner.builder(engine).clock(Clock.fixed(NOW, ZoneOffset.UTC)).writeKeeps(keeps)
                        .pipelined(!inline).threads(threads).build().plan(reader, out);
                objects = r.summary().objects();
                moves = r.summary().moves();
            }
            seconds[run] = (System.nanoTime() - t0) / 1e9;
            cpuPerRow[run] = (processCpuNanos() - cpu0) / 1e3 / Math.max(1, reader.rowsRead());
            peaks[run] = peakHeapMiB();
            System.out.printf(Locale.ROOT, "run %d: %,d rows (%,d objects, %,d moves) in %.2f s = %,.0f rows/s, CPU %.2f µs/row, peak heap %.0f MiB%n",
                    run + 1, reader.rowsRead(), objects, moves, seconds[run], reader.rowsRead() / seconds[run], cpuPerRow[run], peaks[run]);
            deleteTree(out);
        }
        double[] s = seconds.clone();
        Arrays.sort(s);
        double[] c = cpuPerRow.clone();
        Arrays.sort(c);
        double[] p = peaks.clone();
        Arrays.sort(p);
        System.out.printf(Locale.ROOT, "median: %.2f s = %,.0f rows/s; CPU %.2f µs/row; median peak heap %.0f MiB (max %.0f); -Xmx %d MiB; %s; "
                        + "inventory %,d rows, %.0f MiB gzip; %d cores%n",
                s[runs / 2], rows / s[runs / 2], c[runs / 2], p[runs / 2], p[runs - 1], Runtime.getRuntime().maxMemory() >> 20,
                readOnly ? "read only" : (keeps ? "plan with keeps" : "plan of moves") + (inline ? ", one thread" : ", " + threads + " threads"),
                rows, inventoryBytes / 1048576.0, Runtime.getRuntime().availableProcessors());
    }

    /** The benchmark's model: seeded random weights over the default features (as DecisionEngineBenchmark). */
    static LogisticModel model() {
        return RandomModels.logistic(new SplittableRandom(42), "benchmark");
    }

    /** CPU time of the whole process (every thread, GC and JIT included). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) {
            if (b.getType() == MemoryType.HEAP) {
                b.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peak usage since the last reset (an upper bound of the live peak). */
    private static double peakHeapMiB() {
        long sum = 0;
        for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) {
            if (b.getType() == MemoryType.HEAP) {
                sum += b.getPeakUsage().getUsed();
            }
        }
        return sum / 1048576.0;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(p)) {
            s.forEach(all::add);
        }
        all.sort(Comparator.reverseOrder());
        for (Path x : all) {
            Files.delete(x);
        }
    }
}
