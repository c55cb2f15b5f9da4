package dev.archiver.core.simulate;

import dev.archiver.core.cost.PriceBook;
import dev.archiver.core.cost.RestoreTier;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

/**
 * The benchmarks' way into the oracles' programme ({@link OracleSchedule} is package-private): every life of a
 * trace solved by one fresh solver, as {@code oracle:ms} or {@code oracle} would, timed by the thread's CPU clock.
 * Used by {@code dev.archiver.benchmarks.PairedOracleMain}, which loads it from two builds of the benchmarks jar.
 */
public final class OracleSolveRounds {
    private final ReplayTrace trace;
    private final Tariff tariff;

    /** Reads {@code traceFile}; costs count from its first midnight plus {@code trainDays}, as the backtest's. */
    public OracleSolveRounds(String traceFile, int trainDays) {
        try (TraceReader r = TraceReader.open(Path.of(traceFile))) {
            trace = ReplayTrace.of(r);
        }
        long countFrom = Tariff.midnightAtOrBefore(trace.start) + trainDays * Tariff.DAY;
        tariff = new Tariff(PriceBook.usEast1(), RestoreTier.STANDARD, 1, countFrom);
    }

    /** One pass over every life: {thread CPU seconds, the sum of the optimal costs, the number of moves}. */
    public double[] pass(boolean allClasses) {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        OracleSchedule solver = new OracleSchedule(tariff, allClasses);
        long start = bean.getCurrentThreadCpuTime();
        double cost = 0;
        long moves = 0;
        for (int life = 0; life < trace.lives; life++) {
            moves += solver.solve(trace.lifeSize[life], trace.lifeStart[life], trace.lifeEnd[life], trace.readsOf(life)).size();
            cost += solver.lastCost;
        }
        return new double[]{(bean.getCurrentThreadCpuTime() - start) / 1e9, cost, moves};
    }
}
