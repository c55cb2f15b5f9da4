package dev.archiver.core.simulate;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.cost.PriceBook;
import dev.archiver.core.cost.RestoreTier;
import dev.archiver.core.predict.LogisticModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Replays a trace under several {@link Policy policies} and bills each as S3 would: the simulator behind
 * {@code archiver backtest}. The trace is any time-ordered stream of {@link TraceEvent}s — a {@link TraceReader}
 * over the CSV form, an S3 server access log adapter, or the testkit's generator — held in packed arrays,
 * since the clairvoyant policy needs every object's future and the predictive one trains on the first days.
 *
 * <pre>{@code
 * try (TraceReader reader = TraceReader.open(Path.of("trace.csv.gz"))) {
 *     BacktestResult r = Backtest.builder().trainDays(120)
 *             .policies(List.of("standard", "intelligent-tiering", "predictive", "oracle:ms"))
 *             .build().run(reader);
 *     r.policies().forEach(p -> System.out.println(p.name() + " " + p.total()));
 * }
 * }</pre>
 *
 * Costs are counted from the first midnight UTC of the trace plus {@code trainDays}; every policy lives
 * through the training period too (objects arrive in STANDARD, rule-based policies start moving them), so
 * each starts the counted period in the state its own rules produced.
 */
public final class Backtest {
    private final PriceBook priceBook;
    private final RestoreTier restoreTier;
    private final int restoreDays;
    private final int trainDays;
    private final int redecideDays;
    private final int horizonDays;
    private final int pricedDays;
    private final List<String> policies;
    private final boolean perObject;
    private final int threads;

    private Backtest(Builder b) {
        this.priceBook = b.priceBook;
        this.restoreTier = b.restoreTier;
        this.restoreDays = b.restoreDays;
        this.trainDays = b.trainDays;
        this.redecideDays = b.redecideDays;
        this.horizonDays = b.horizonDays;
        this.pricedDays = b.pricedDays;
        this.policies = List.copyOf(b.policies);
        this.perObject = b.perObject;
        this.threads = b.threads;
    }

    /** Starts a backtest: bundled us-east-1 prices, STANDARD restores kept 1 day, every default policy. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the whole trace and replays it under every policy.
     *
     * @throws ArchiverException when the trace is out of order, names absent keys, or is too short to train on
     */
    public BacktestResult run(Iterator<TraceEvent> events) {
        ReplayTrace trace;
        try (ReadAhead<TraceEvent> ahead = new ReadAhead<>(events)) { // reading overlaps with packing
            trace = ReplayTrace.of(ahead);
        }
        if (trace.events == 0) {
            throw new ArchiverException("the trace has no events");
        }
        long countFrom = Tariff.midnightAtOrBefore(trace.start) + trainDays * Tariff.DAY;
        if (countFrom >= trace.end) {
            throw new ArchiverException("--train-days " + trainDays + " covers the whole trace ("
                    + Instant.ofEpochSecond(trace.start) + " .. " + Instant.ofEpochSecond(trace.end) + "); nothing is left to count");
        }
        PolicyContext context = new PolicyContext(priceBook, restoreTier, restoreDays, trace, countFrom, redecideDays,
                horizonDays, pricedDays, perObject);
        List<PolicyStats> stats = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, policies.size()));
        try {
            // the predictive model is trained once, on the pool, while the first policies replay; the pool takes
            // tasks in order, so it is running or done before a predictive task waits for it
            Future<LogisticModel> model = policies.stream().anyMatch(n -> n.startsWith("predictive"))
                    ? pool.submit(() -> PredictivePolicy.train(context)) : null;
            List<Future<PolicyStats>> futures = new ArrayList<>(Collections.nCopies(policies.size(), null));
            for (int i : longestFirst(policies)) {
                String name = policies.get(i);
                futures.set(i, pool.submit(() -> replay(trace, Policies.create(name, context, () -> await(model, "training")))));
            }
            if (model != null) {
                await(model, "training"); // a training period too short stops the run now, not after the other policies
            }
            for (Future<PolicyStats> f : futures) {
                stats.add(await(f, "backtest"));
            }
        } finally {
            pool.shutdownNow();
        }
        return new BacktestResult(Instant.ofEpochSecond(trace.start), Instant.ofEpochSecond(trace.end),
                Instant.ofEpochSecond(countFrom), trace.events, trace.lives, stats);
    }

    /**
     * The order the policies are replayed in: the slowest first (the oracles, then the predictive ones), so that the
     * pool's threads finish together instead of one replaying an oracle alone at the end. Results keep the given order.
     */
    static List<Integer> longestFirst(List<String> names) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> expectedCost(names.get(i))));
        return order;
    }

    private static int expectedCost(String name) {
        return switch (name) {
            case "oracle" -> 0;
            case "oracle:ms" -> 1;
            case "predictive", "predictive:archive", "predictive:no-warmup" -> 2;
            default -> 3;
        };
    }

    /** The task's result; its own exception when it threw one, else an {@link ArchiverException} saying what failed. */
    private static <T> T await(Future<T> task, String what) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArchiverException("backtest interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new ArchiverException(what + " failed: " + e.getCause(), e.getCause());
        }
    }

    private static PolicyStats replay(ReplayTrace trace, Policy p) {
        long started = System.nanoTime();
        long midnight = Tariff.midnightAtOrBefore(trace.start);
        for (int i = 0; i < trace.events; i++) {
            long t = trace.time[i];
            while (midnight <= t) {
                p.midnight(Instant.ofEpochSecond(midnight));
                midnight += Tariff.DAY;
            }
            p.record(trace.event(i));
        }
        while (midnight < trace.end) {
            p.midnight(Instant.ofEpochSecond(midnight));
            midnight += Tariff.DAY;
        }
        p.finished(Instant.ofEpochSecond(trace.end));
        PolicyStats stats = p.stats();
        return stats.withReplayNanos(System.nanoTime() - started);
    }

    /** Builds a {@link Backtest}; every setter validates at once. */
    public static final class Builder {
        private PriceBook priceBook = PriceBook.usEast1();
        private RestoreTier restoreTier = RestoreTier.STANDARD;
        private int restoreDays = 1;
        private int trainDays = 120;
        private int redecideDays = 7;
        private int horizonDays = 30;
        private int pricedDays = 90;
        private List<String> policies = Policies.DEFAULTS;
        private boolean perObject;
        private int threads = Runtime.getRuntime().availableProcessors();

        private Builder() {
        }

        public Builder priceBook(PriceBook book) {
            this.priceBook = Objects.requireNonNull(book, "priceBook");
            return this;
        }

        /** The restore tier reads of archived objects pay and wait for (default STANDARD). */
        public Builder restoreTier(RestoreTier tier) {
            this.restoreTier = Objects.requireNonNull(tier, "restoreTier");
            return this;
        }

        /** Days a restored copy is kept (default 1). @throws IllegalArgumentException unless 1..365 */
        public Builder restoreDays(int days) {
            if (days < 1 || days > 365) {
                throw new IllegalArgumentException("restoreDays must be in 1..365, was " + days);
            }
            this.restoreDays = days;
            return this;
        }

        /** Days the predictive policy learns from; costs are counted after them (default 120). @throws IllegalArgumentException unless 0..36500 */
        public Builder trainDays(int days) {
            if (days < 0 || days > 36_500) {
                throw new IllegalArgumentException("--train-days must be in 0..36500, was " + days);
            }
            this.trainDays = days;
            return this;
        }

        /** Days between the predictive policy's decisions (default 7). @throws IllegalArgumentException unless 1..365 */
        public Builder redecideDays(int days) {
            if (days < 1 || days > 365) {
                throw new IllegalArgumentException("--redecide-days must be in 1..365, was " + days);
            }
            this.redecideDays = days;
            return this;
        }

        /** The predictive policy's label and cost horizon in days (default 30). @throws IllegalArgumentException unless 1..365 */
        public Builder horizonDays(int days) {
            if (days < 1 || days > 365) {
                throw new IllegalArgumentException("--horizon-days must be in 1..365, was " + days);
            }
            this.horizonDays = days;
            return this;
        }

        /**
         * Days the millisecond {@code predictive} policy prices each class over, at least the horizon (default 90):
         * long enough for GLACIER_IR's 90-day minimum and Intelligent-Tiering's tiers to show what they save, with
         * reads as a Poisson process (see {@code CostModel.Builder#pricedDays}, {@code #poissonReads}).
         * {@code predictive:archive} prices over the horizon only: stretching the forecast beyond its window sends
         * objects to GLACIER whose reads it cannot see. @throws IllegalArgumentException unless 1..3650
         */
        public Builder pricedDays(int days) {
            if (days < 1 || days > 3650) {
                throw new IllegalArgumentException("--priced-days must be in 1..3650, was " + days);
            }
            this.pricedDays = days;
            return this;
        }

        /** The policies by name (see {@link Policies}). @throws IllegalArgumentException naming an unknown or repeated one */
        public Builder policies(List<String> names) {
            if (names.isEmpty()) {
                throw new IllegalArgumentException("--policies must name at least one policy");
            }
            List<String> seen = new ArrayList<>();
            for (String n : names) {
                Policies.validate(n);
                if (seen.contains(n)) {
                    throw new IllegalArgumentException("policy '" + n + "' is listed twice");
                }
                seen.add(n);
            }
            this.policies = seen;
            return this;
        }

        /** Keep every object life's total per policy (for object-by-object comparison; default false). */
        public Builder perObject(boolean keep) {
            this.perObject = keep;
            return this;
        }

        /** Policies replayed at once (default: the processors). @throws IllegalArgumentException when < 1 */
        public Builder threads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("threads must be >= 1, was " + n);
            }
            this.threads = n;
            return this;
        }

        public Backtest build() {
            return new Backtest(this);
        }
    }
}
