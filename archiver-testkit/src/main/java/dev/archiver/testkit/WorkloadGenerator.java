package dev.archiver.testkit;

import dev.archiver.core.ArchiverException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A seeded generator of synthetic bucket workloads: objects of six {@link Cohort}s (logs, media,
 * backups, analytics, thumbnails, datasets) created over {@code days} days and read as an
 * inhomogeneous Poisson process whose rate depends on the cohort and the object's age. The same
 * settings always give the same workload, on any JVM. See {@code docs/workload-generator.md}.
 *
 * <pre>{@code
 * Workload w = WorkloadGenerator.builder()
 *         .objects(10_000).days(365).seed(42)
 *         .weight(Cohort.BACKUPS, 0.2)
 *         .build()
 *         .generate();
 * w.writeTrace(Path.of("trace.csv.gz"));
 * }</pre>
 *
 * Immutable and thread-safe; {@link #generate()} is a pure function of the settings.
 */
public final class WorkloadGenerator {
    /** The default first instant of a workload. */
    public static final Instant DEFAULT_START = Instant.parse("2025-01-01T00:00:00Z");
    /** The largest number of objects a workload may have. */
    public static final int MAX_OBJECTS = 50_000_000;
    /** The longest workload (and the oldest pre-existing object or log retention), in days. */
    public static final int MAX_DAYS = 10_000;
    private static final Instant MIN_START = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant MAX_START = Instant.parse("9000-01-01T00:00:00Z");

    private static final long DAY = 86_400;
    private static final long MIB = 1L << 20;
    private static final String[] SERVICES = {"api", "web", "auth", "payments", "search", "worker"};
    private static final String[] DATABASES = {"orders", "users", "billing", "catalog"};
    private static final String[] PROJECTS = {"climate", "ocean", "genomics", "astro", "materials"};
    private static final String[] PROJECT_EXTENSIONS = {".nc", ".nc", ".h5", ".h5", ".h5"};
    private static final Cohort[] COHORTS = Cohort.values();

    private final int objects;
    private final int days;
    private final long seed;
    private final Instant start;
    private final Map<Cohort, Double> weights;
    private final double initialFraction;
    private final int initialMaxAgeDays;
    private final int logRetentionDays;

    private WorkloadGenerator(Builder b) {
        this.objects = b.objects;
        this.days = b.days;
        this.seed = b.seed;
        this.start = b.start;
        this.weights = Collections.unmodifiableMap(new EnumMap<>(b.weights));
        this.initialFraction = b.initialFraction;
        this.initialMaxAgeDays = b.initialMaxAgeDays;
        this.logRetentionDays = b.logRetentionDays;
    }

    /** Starts from the defaults: 10,000 objects, 365 days, seed 42, 2025-01-01T00:00:00Z, default cohort mix. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder().objects(objects).days(days).seed(seed).start(start)
                .initialFraction(initialFraction).initialMaxAgeDays(initialMaxAgeDays).logRetentionDays(logRetentionDays);
        b.weights.putAll(weights);
        return b;
    }

    /** Number of objects. */
    public int objects() {
        return objects;
    }

    /** Length of the workload in days. */
    public int days() {
        return days;
    }

    /** The random seed. */
    public long seed() {
        return seed;
    }

    /** The first instant of the workload. */
    public Instant start() {
        return start;
    }

    /** The relative weight of every cohort (not normalised). */
    public Map<Cohort, Double> weights() {
        return weights;
    }

    /** The share of objects that already exist at the start. */
    public double initialFraction() {
        return initialFraction;
    }

    /** The oldest age, in days, of an object that exists at the start. */
    public int initialMaxAgeDays() {
        return initialMaxAgeDays;
    }

    /** Days after which a log is deleted. */
    public int logRetentionDays() {
        return logRetentionDays;
    }

    /**
     * Generates the workload.
     *
     * @throws ArchiverException when it would hold more events than one Java array can
     */
    public Workload generate() {
        return new Run().generate();
    }

    /** Reads per day at age {@code a} days, without the analytics month-start bursts; non-increasing in {@code a}. */
    static double rate(Cohort c, double a, double popularity) {
        switch (c) {
            case LOGS: return 3 * Math.exp(-a / 1.5) + 0.003;
            case MEDIA: return popularity * (2 * Math.exp(-a / 10) + 0.01);
            case BACKUPS: return 0.0005;
            case ANALYTICS: return Math.exp(-a / 0.5) + 0.001;
            case THUMBNAILS: return 1.5 * Math.exp(-a / 30) + 0.2;
            case DATASETS: return 0.5 * Math.exp(-a / 90) + 0.005;
            default: throw new AssertionError(c);
        }
    }

    /** Reads per day of an analytics partition of age {@code a} during a month-start burst. */
    static double burstRate(double a) {
        return 3 * Math.exp(-a / 45);
    }

    /** One generation; holds the mutable state so the generator itself stays immutable. */
    private final class Run {
        private final long endSec = days * DAY;
        private final long startEpochSec = start.getEpochSecond();
        private final double[] cumulative = new double[COHORTS.length];
        private final Map<String, int[]> counters = new HashMap<>();
        private final Map<Long, String[]> dates = new HashMap<>();
        private long[] events;
        private int size;

        Run() {
            double total = 0;
            for (Cohort c : COHORTS) {
                total += weights.getOrDefault(c, 0.0);
            }
            double sum = 0;
            for (int i = 0; i < COHORTS.length; i++) {
                sum += weights.getOrDefault(COHORTS[i], 0.0) / total;
                cumulative[i] = sum;
            }
            cumulative[COHORTS.length - 1] = 1.0;
        }

        Workload generate() {
            long maxBack = (long) initialMaxAgeDays * DAY;
            byte[] cohortOf = new byte[objects];
            // Creation second (shifted to be >= 0) in the high half, object number in the low half:
            // sorting gives creation order with ties broken by object number.
            long[] order = new long[objects];
            for (int i = 0; i < objects; i++) {
                Rng r = new Rng(seed, i, 1);
                int c = pickCohort(r.nextDouble());
                cohortOf[i] = (byte) c;
                long created = creationSecond(r, COHORTS[c]);
                order[i] = ((created + maxBack) << 32) | i;
            }
            Arrays.sort(order);

            List<WorkloadObject> objs = new ArrayList<>(objects);
            events = new long[Math.max(16, objects * 8)];
            long[] monthStarts = monthStarts();
            for (int rank = 0; rank < objects; rank++) {
                int i = (int) order[rank];
                long created = (order[rank] >>> 32) - maxBack;
                Cohort cohort = COHORTS[cohortOf[i]];
                objs.add(object(new Rng(seed, i, 2), rank, cohort, created, monthStarts));
            }
            Arrays.parallelSort(events, 0, size);
            return new Workload(start, start.plusSeconds(endSec), objs, events, size);
        }

        private int pickCohort(double u) {
            for (int c = 0; c < cumulative.length; c++) {
                if (u < cumulative[c]) {
                    return c;
                }
            }
            return cumulative.length - 1;
        }

        /** Seconds after the start the object is created; negative for an object that exists at the start. */
        private long creationSecond(Rng r, Cohort c) {
            if (r.nextDouble() < initialFraction) {
                long maxAge = (c == Cohort.LOGS ? Math.min(initialMaxAgeDays, logRetentionDays) : initialMaxAgeDays) * DAY;
                return -1 - (long) (r.nextDouble() * (maxAge - 1));
            }
            long day = (long) (r.nextDouble() * days);
            long timeOfDay;
            switch (c) {
                case BACKUPS: timeOfDay = 2 * 3600 + (long) (r.nextDouble() * 2 * 3600); break;
                case ANALYTICS: timeOfDay = 3600 + (long) (r.nextDouble() * 2 * 3600); break;
                default: timeOfDay = (long) (r.nextDouble() * DAY);
            }
            return day * DAY + timeOfDay;
        }

        private WorkloadObject object(Rng r, int rank, Cohort cohort, long created, long[] monthStarts) {
            long size;
            String key;
            double popularity = 1;
            String[] date = date(created);
            switch (cohort) {
                case LOGS: {
                    size = logUniform(r, MIB, 50 * MIB);
                    String dir = "logs/" + SERVICES[r.nextInt(SERVICES.length)] + "/" + date[0] + "/";
                    int n = next(dir);
                    key = dir + "ip-10-" + (n >>> 16) + "-" + ((n >>> 8) & 255) + "-" + (n & 255) + ".log.gz";
                    break;
                }
                case MEDIA: {
                    boolean video = r.nextDouble() < 0.2;
                    size = video ? logUniform(r, 5 * MIB, 2048 * MIB) : logUniform(r, 200 << 10, 8 * MIB);
                    key = (video ? "media/videos/" : "media/images/") + id(rank) + (video ? ".mp4" : ".jpg");
                    popularity = Math.min(100, 0.25 * Math.pow(1 - r.nextDouble(), -1 / 1.5));
                    break;
                }
                case BACKUPS: {
                    size = logUniform(r, 100 * MIB, 5120 * MIB);
                    int n = next("backups/" + date[1]);
                    String db = DATABASES[n % DATABASES.length] + (n < DATABASES.length ? "" : "-" + n / DATABASES.length);
                    key = "backups/" + db + "/" + date[1] + (r.nextDouble() < 0.7 ? ".dump.gz" : ".tar");
                    break;
                }
                case ANALYTICS: {
                    size = logUniform(r, 20 * MIB, 500 * MIB);
                    String dir = "analytics/daily/dt=" + date[1] + "/";
                    key = dir + "part-" + pad(next(dir), 5) + ".parquet";
                    break;
                }
                case THUMBNAILS: {
                    size = logUniform(r, 2 << 10, 60 << 10);
                    key = "thumbs/" + id(rank) + "_128.jpg";
                    break;
                }
                case DATASETS: {
                    size = logUniform(r, 50 * MIB, 20480 * MIB);
                    int p = r.nextInt(PROJECTS.length);
                    String dir = "datasets/" + PROJECTS[p] + "/";
                    key = dir + "run-" + pad(next(dir), 6) + PROJECT_EXTENSIONS[p];
                    break;
                }
                default:
                    throw new AssertionError(cohort);
            }
            long deleted = cohort == Cohort.LOGS ? created + logRetentionDays * DAY : Long.MAX_VALUE;
            long first = Math.max(created, 0);
            long last = Math.min(deleted, endSec - 1);
            emit(first, Workload.OP_PUT, rank);
            reads(r, cohort, popularity, created, first, last, rank);
            if (cohort == Cohort.ANALYTICS) {
                bursts(r, created, first, last, rank, monthStarts);
            }
            if (deleted < endSec) {
                emit(deleted, Workload.OP_DELETE, rank);
            }
            return new WorkloadObject(key, cohort, size, start.plusSeconds(created),
                    deleted < endSec ? start.plusSeconds(deleted) : null);
        }

        /**
         * Thinning with a moving bound: every rate is non-increasing in age, so the rate now bounds the
         * rate at any later candidate, and accepting a candidate with probability rate(candidate)/bound
         * gives exactly the inhomogeneous Poisson process.
         */
        private void reads(Rng r, Cohort c, double popularity, long created, long first, long last, int rank) {
            double a = (first - created) / (double) DAY;
            double end = (last - created) / (double) DAY;
            while (true) {
                double bound = rate(c, a, popularity);
                a += -Math.log(1 - r.nextDouble()) / bound;
                if (a >= end) {
                    return;
                }
                if (r.nextDouble() * bound <= rate(c, a, popularity)) {
                    emit(clamp(created + (long) (a * DAY), first, last), Workload.OP_GET, rank);
                }
            }
        }

        /** The month-start reports: a Poisson number of reads, uniform over each two-day window. */
        private void bursts(Rng r, long created, long first, long last, int rank, long[] monthStarts) {
            for (long m : monthStarts) {
                long from = Math.max(m, first);
                long to = Math.min(m + 2 * DAY, last + 1);
                if (to <= from) {
                    continue;
                }
                double ageMid = ((from + to) / 2.0 - created) / DAY;
                int n = poisson(r, burstRate(ageMid) * (to - from) / DAY);
                for (int k = 0; k < n; k++) {
                    emit(from + (long) (r.nextDouble() * (to - from)), Workload.OP_GET, rank);
                }
            }
        }

        /** Seconds after the start of every 1st of the month, 00:00 UTC, inside the workload. */
        private long[] monthStarts() {
            LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(startEpochSec, DAY)).withDayOfMonth(1);
            List<Long> out = new ArrayList<>();
            while (true) {
                long s = d.atStartOfDay(ZoneOffset.UTC).toEpochSecond() - startEpochSec;
                if (s >= endSec) {
                    break;
                }
                if (s + 2 * DAY > 0) {
                    out.add(s);
                }
                d = d.plusMonths(1);
            }
            return out.stream().mapToLong(Long::longValue).toArray();
        }

        private void emit(long second, int op, int rank) {
            if (size == events.length) {
                if (size >= Integer.MAX_VALUE - 16) {
                    throw new ArchiverException("workload too large: more than " + size
                            + " events; use fewer objects (" + objects + ") or days (" + days + ")");
                }
                events = Arrays.copyOf(events, (int) Math.min(Integer.MAX_VALUE - 8L, size + (size >> 1) + 16L));
            }
            events[size++] = (second << Workload.TIME_SHIFT) | ((long) op << Workload.OP_SHIFT) | rank;
        }

        private int next(String counter) {
            return counters.computeIfAbsent(counter, k -> new int[1])[0]++;
        }

        /** {@code [yyyy/MM/dd, yyyy-MM-dd]} of the UTC day {@code second} falls in. */
        private String[] date(long second) {
            long epochDay = Math.floorDiv(startEpochSec + second, DAY);
            return dates.computeIfAbsent(epochDay, d -> {
                LocalDate date = LocalDate.ofEpochDay(d);
                String y = pad(date.getYear(), 4);
                String m = pad(date.getMonthValue(), 2);
                String dd = pad(date.getDayOfMonth(), 2);
                return new String[] {y + "/" + m + "/" + dd, y + "-" + m + "-" + dd};
            });
        }

        /** A random-looking 16-hex-digit id, unique per object because the mix is a bijection. */
        private String id(int rank) {
            String hex = Long.toHexString(Rng.mix(seed * 0x9E3779B97F4A7C15L + rank));
            return "0".repeat(16 - hex.length()) + hex;
        }
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static long logUniform(Rng r, long lo, long hi) {
        return (long) Math.exp(Math.log(lo) + r.nextDouble() * (Math.log(hi) - Math.log(lo)));
    }

    /** Knuth's multiplication method; fine for the small means used here. */
    private static int poisson(Rng r, double mean) {
        double limit = Math.exp(-mean);
        double p = r.nextDouble();
        int n = 0;
        while (p > limit) {
            p *= r.nextDouble();
            n++;
        }
        return n;
    }

    private static String pad(int v, int width) {
        String s = Integer.toString(v);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    /**
     * SplitMix64, one stream per object and phase, so the output does not depend on the JDK's
     * random generators and an object's draws do not depend on the objects before it.
     */
    static final class Rng {
        private long state;

        Rng(long seed, int object, int phase) {
            this.state = mix(mix(seed + phase * 0xD1B54A32D192ED03L) + object);
        }

        static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        long nextLong() {
            return mix(state += 0x9E3779B97F4A7C15L);
        }

        /** Uniform in [0, 1). */
        double nextDouble() {
            return (nextLong() >>> 11) * 0x1.0p-53;
        }

        int nextInt(int bound) {
            return (int) ((nextLong() >>> 33) % bound);
        }
    }

    /**
     * Settings of a {@link WorkloadGenerator}; every setter checks its value at once.
     *
     * <pre>{@code
     * WorkloadGenerator g = WorkloadGenerator.builder().objects(100).days(30).initialFraction(0).build();
     * }</pre>
     */
    public static final class Builder {
        private int objects = 10_000;
        private int days = 365;
        private long seed = 42;
        private Instant start = DEFAULT_START;
        private final EnumMap<Cohort, Double> weights = new EnumMap<>(Cohort.class);
        private double initialFraction = 0.2;
        private int initialMaxAgeDays = 365;
        private int logRetentionDays = 120;

        private Builder() {
            for (Cohort c : COHORTS) {
                weights.put(c, c.defaultWeight());
            }
        }

        /**
         * Number of objects (default 10,000).
         *
         * @throws IllegalArgumentException unless 1 to {@value #MAX_OBJECTS}
         */
        public Builder objects(int objects) {
            this.objects = range("objects", objects, 1, MAX_OBJECTS);
            return this;
        }

        /**
         * Length of the workload in days (default 365).
         *
         * @throws IllegalArgumentException unless 1 to {@value #MAX_DAYS}
         */
        public Builder days(int days) {
            this.days = range("days", days, 1, MAX_DAYS);
            return this;
        }

        /** The random seed (default 42); the same settings and seed give the same workload. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * The first instant (default 2025-01-01T00:00:00Z).
         *
         * @throws IllegalArgumentException when null or outside 1970-01-01 to 9000-01-01
         */
        public Builder start(Instant start) {
            if (start == null || start.isBefore(MIN_START) || start.isAfter(MAX_START)) {
                throw new IllegalArgumentException("start must be between " + MIN_START + " and " + MAX_START
                        + ", was " + start);
            }
            this.start = start;
            return this;
        }

        /**
         * The relative weight of one cohort in the mix (defaults: {@link Cohort#defaultWeight()}); 0 leaves it out.
         *
         * @throws IllegalArgumentException when the weight is negative, NaN or infinite
         */
        public Builder weight(Cohort cohort, double weight) {
            Objects.requireNonNull(cohort, "cohort");
            weights.put(cohort, checkWeight(cohort, weight));
            return this;
        }

        /**
         * Replaces the whole mix; cohorts not in {@code weights} get weight 0.
         *
         * @throws IllegalArgumentException when a weight is negative, NaN or infinite, or all are 0
         */
        public Builder weights(Map<Cohort, Double> weights) {
            Objects.requireNonNull(weights, "weights");
            EnumMap<Cohort, Double> checked = new EnumMap<>(Cohort.class);
            for (Cohort c : COHORTS) {
                Double w = weights.get(c);
                checked.put(c, w == null ? 0.0 : checkWeight(c, w));
            }
            if (checked.values().stream().allMatch(w -> w == 0)) {
                throw new IllegalArgumentException("weights must give some cohort a weight > 0, was " + weights);
            }
            this.weights.putAll(checked);
            return this;
        }

        /**
         * The share of objects that already exist at the start (default 0.2). They appear as PUTs at the
         * start; their true creation is up to {@link #initialMaxAgeDays(int)} earlier and drives their reads.
         *
         * @throws IllegalArgumentException unless 0 to 1
         */
        public Builder initialFraction(double fraction) {
            if (!(fraction >= 0 && fraction <= 1)) {
                throw new IllegalArgumentException("initialFraction must be between 0 and 1, was " + fraction);
            }
            this.initialFraction = fraction;
            return this;
        }

        /**
         * The oldest age of an object that exists at the start (default 365; logs are never older than
         * their retention).
         *
         * @throws IllegalArgumentException unless 1 to {@value #MAX_DAYS}
         */
        public Builder initialMaxAgeDays(int days) {
            this.initialMaxAgeDays = range("initialMaxAgeDays", days, 1, MAX_DAYS);
            return this;
        }

        /**
         * Days after which a log is deleted (default 120).
         *
         * @throws IllegalArgumentException unless 1 to {@value #MAX_DAYS}
         */
        public Builder logRetentionDays(int days) {
            this.logRetentionDays = range("logRetentionDays", days, 1, MAX_DAYS);
            return this;
        }

        /**
         * The generator.
         *
         * @throws IllegalArgumentException when every cohort weight is 0
         */
        public WorkloadGenerator build() {
            if (weights.values().stream().allMatch(w -> w == 0)) {
                throw new IllegalArgumentException("cohort weights must not all be 0, were " + weights);
            }
            return new WorkloadGenerator(this);
        }

        private static int range(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
            }
            return value;
        }

        private static double checkWeight(Cohort cohort, double weight) {
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weight of " + cohort.id() + " must be a finite number >= 0, was " + weight);
            }
            return weight;
        }
    }
}
