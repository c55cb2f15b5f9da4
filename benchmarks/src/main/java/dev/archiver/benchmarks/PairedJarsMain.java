package dev.archiver.benchmarks;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * Compares one {@link DecisionEngineBenchmark} method between two builds of the benchmarks jar in
 * one JVM: each jar gets its own class loader, and short rounds of the two alternate (A B, B A, …),
 * each timed by the thread's CPU clock. On a shared machine whatever slows one round slows its
 * neighbour too, so the median of the paired ratios is steady where separate runs are not.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.archiver.benchmarks.PairedJarsMain \
 *     /tmp/before.jar benchmarks/target/benchmarks.jar [decideBatch|featuresOnly|predictOnly] [rounds]
 * </pre>
 * Prints each jar's median objects per CPU-second and the median B/A ratio with its quartiles.
 */
public final class PairedJarsMain {
    private static final long ROUND_NANOS = 300_000_000L;
    private static final long WARMUP_NANOS = 4_000_000_000L;

    private PairedJarsMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: PairedJarsMain A.jar B.jar [decideBatch|featuresOnly|predictOnly] [rounds]");
            System.exit(2);
        }
        String part = args.length > 2 ? args[2] : "decideBatch";
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 40;
        IntSupplier[] call = new IntSupplier[2];
        for (int j = 0; j < 2; j++) {
            URLClassLoader loader = new URLClassLoader(new URL[]{Path.of(args[j]).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> c = loader.loadClass(DecisionEngineBenchmark.class.getName());
            Object bench = c.getConstructor().newInstance();
            c.getField("predictor").set(bench, "logistic");
            c.getMethod("setUp").invoke(bench);
            Method m = c.getMethod(part);
            call[j] = () -> {
                try {
                    return m.invoke(bench) == null ? 1 : 0;
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            };
        }
        for (int w = 0; w < 2; w++) {
            for (int j = 0; j < 2; j++) {
                CpuRounds.warmUp(call[j], WARMUP_NANOS);
            }
        }
        double[][] rate = new double[2][rounds];
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                int j = r % 2 == 0 ? k : 1 - k;
                rate[j][r] = CpuRounds.rate(call[j], ROUND_NANOS, 20);
            }
            ratio[r] = rate[1][r] / rate[0][r];
        }
        for (int j = 0; j < 2; j++) {
            double[] x = CpuRounds.sorted(rate[j]);
            System.out.printf(Locale.ROOT, "%s %s: median %.0f objects per CPU-second (quartiles %.0f, %.0f)%n",
                    j == 0 ? "A" : "B", part, x[rounds / 2], x[rounds / 4], x[3 * rounds / 4]);
        }
        double[] x = CpuRounds.sorted(ratio);
        System.out.printf(Locale.ROOT, "B/A: median %.3f (quartiles %.3f, %.3f) over %d paired rounds%n",
                x[rounds / 2], x[rounds / 4], x[3 * rounds / 4], rounds);
    }
}
