package dev.archiver.core.plan;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Hears how a long {@link StreamingPlanner} run is going; {@link #stderr()} prints a line at
 * most once a second (objects/s, bytes, ETA), {@link #quiet()} prints nothing.
 *
 * <pre>{@code
 * StreamingPlanner planner = StreamingPlanner.builder(engine)
 *         .progress(quietFlag ? PlanProgress.quiet() : PlanProgress.stderr())
 *         .build();
 * }</pre>
 */
public interface PlanProgress {

    /**
     * Called after each batch.
     *
     * @param objects      objects decided so far
     * @param bytes        their total size
     * @param elapsedMillis time since the run started
     * @param fractionRead how much of the source has been read (0..1), NaN when unknown
     */
    void progress(long objects, long bytes, long elapsedMillis, double fractionRead);

    /** Called once, after the outputs are published. */
    default void finished(PlanSummary summary, long elapsedMillis) {
    }

    /** Prints nothing. */
    static PlanProgress quiet() {
        return (objects, bytes, elapsedMillis, fractionRead) -> { };
    }

    /** Prints to {@code System.err} at most once a second, and a last line when done. */
    static PlanProgress stderr() {
        return printingTo(System.err, 1000);
    }

    /** Prints to {@code out} at most once every {@code everyMillis}. */
    static PlanProgress printingTo(PrintStream out, long everyMillis) {
        return new PlanProgress() {
            private long lastPrinted = -everyMillis;

            @Override
            public void progress(long objects, long bytes, long elapsedMillis, double fractionRead) {
                if (elapsedMillis - lastPrinted < everyMillis) {
                    return;
                }
                lastPrinted = elapsedMillis;
                out.println(line(objects, bytes, elapsedMillis, fractionRead));
            }

            @Override
            public void finished(PlanSummary summary, long elapsedMillis) {
                out.println(line(summary.objects(), summary.bytes(), elapsedMillis, 1.0) + ", " + summary.moves() + " moves");
            }
        };
    }

    /** {@code 1,234,567 objects (3.2 TiB), 1,050,000 objects/s, 40% read, ETA 0:00:02}. */
    static String line(long objects, long bytes, long elapsedMillis, double fractionRead) {
        double seconds = Math.max(elapsedMillis, 1) / 1000.0;
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%,d objects (%s), %,.0f objects/s",
                objects, bytes(bytes), objects / seconds));
        if (fractionRead > 0 && fractionRead <= 1) {
            long eta = Math.round(seconds * (1 - fractionRead) / fractionRead);
            s.append(String.format(Locale.ROOT, ", %.0f%% read, ETA %d:%02d:%02d", fractionRead * 100, eta / 3600, eta / 60 % 60, eta % 60));
        }
        return s.toString();
    }

    private static String bytes(long b) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = b;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }
}
