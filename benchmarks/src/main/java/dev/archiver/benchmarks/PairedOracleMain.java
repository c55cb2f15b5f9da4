package dev.archiver.benchmarks;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Compares the oracles' programme between two builds of the benchmarks jar in one JVM, as {@link PairedJarsMain}
 * does for the decision engine: each jar gets its own class loader, and passes over every life of a trace alternate
 * (A then B), each timed by the thread's CPU clock.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.archiver.benchmarks.PairedOracleMain \
 *     /tmp/before.jar benchmarks/target/benchmarks.jar speed20k.csv.gz [ms|all] [rounds]
 * </pre>
 * Prints both builds' total optimal cost and number of moves (they should agree), each build's median CPU seconds
 * per pass and the median B/A ratio with its quartiles. Two passes of each warm up first.
 */
public final class PairedOracleMain {
    private PairedOracleMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: PairedOracleMain A.jar B.jar trace.csv.gz [ms|all] [rounds]");
            System.exit(2);
        }
        boolean all = args.length > 3 && args[3].equals("all");
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 6;
        Object[] solver = new Object[2];
        Method[] pass = new Method[2];
        for (int j = 0; j < 2; j++) {
            URLClassLoader loader = new URLClassLoader(new URL[]{Path.of(args[j]).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> c = loader.loadClass("dev.archiver.core.simulate.OracleSolveRounds");
            Constructor<?> make = c.getConstructor(String.class, int.class);
            solver[j] = make.newInstance(args[2], 120);
            pass[j] = c.getMethod("pass", boolean.class);
        }
        double[][] seconds = new double[2][rounds];
        double[] ratio = new double[rounds];
        for (int r = -2; r < rounds; r++) {
            double[][] out = new double[2][];
            for (int j = 0; j < 2; j++) {
                out[j] = (double[]) pass[j].invoke(solver[j], all);
            }
            if (r == -2) {
                System.out.printf(Locale.ROOT, "A: cost %.9f, %.0f moves; B: cost %.9f, %.0f moves%n",
                        out[0][1], out[0][2], out[1][1], out[1][2]);
            }
            if (r >= 0) {
                seconds[0][r] = out[0][0];
                seconds[1][r] = out[1][0];
                ratio[r] = out[1][0] / out[0][0];
            }
        }
        Arrays.sort(seconds[0]);
        Arrays.sort(seconds[1]);
        Arrays.sort(ratio);
        System.out.printf(Locale.ROOT, "%s: A median %.3f s, B median %.3f s per pass; B/A median %.3f (quartiles %.3f-%.3f)%n",
                all ? "oracle" : "oracle:ms", seconds[0][rounds / 2], seconds[1][rounds / 2], ratio[rounds / 2],
                ratio[rounds / 4], ratio[(3 * rounds) / 4]);
    }
}
