package dev.archiver.testkit;

/**
 * A family of objects in a synthetic workload: how their keys look, how big they are and how
 * often they are read as they age. Keys carry the signal, so a model that sees the prefix and
 * extension can learn each cohort's behaviour. Rates are reads per day at age {@code a} days; the
 * full description is in {@code docs/workload-generator.md}.
 *
 * <pre>{@code
 * WorkloadGenerator g = WorkloadGenerator.builder().weight(Cohort.BACKUPS, 0.5).build();
 * String id = Cohort.THUMBNAILS.id(); // "thumbnails"
 * }</pre>
 */
public enum Cohort {
    /**
     * {@code logs/<service>/YYYY/MM/DD/<host>.log.gz}, 1–50 MiB; read a lot in the first days, then almost
     * never: {@code λ(a) = 3·e^(-a/1.5) + 0.003}; deleted after the log retention (default 120 days).
     */
    LOGS("logs", 0.30),
    /**
     * {@code media/images/<id>.jpg} (200 KiB–8 MiB, 80%) and {@code media/videos/<id>.mp4} (5 MiB–2 GiB, 20%);
     * {@code λ(a) = p·(2·e^(-a/10) + 0.01)} with a heavy-tailed popularity {@code p ~ Pareto(0.25, 1.5)}
     * capped at 100: a few objects are hot, most decay to almost nothing.
     */
    MEDIA("media", 0.15),
    /**
     * {@code backups/<db>/YYYY-MM-DD.dump.gz} (70%) or {@code .tar}, 100 MiB–5 GiB, written 02:00–04:00 UTC;
     * almost never read: {@code λ(a) = 0.0005} (a restore about every 5.5 years).
     */
    BACKUPS("backups", 0.05),
    /**
     * {@code analytics/daily/dt=YYYY-MM-DD/part-NNNNN.parquet}, 20–500 MiB, written 01:00–03:00 UTC; read by
     * the ETL right after landing, then in bursts on the first two days of each calendar month (UTC) for
     * the monthly reports: {@code λ(a) = e^(-a/0.5) + 0.001}, plus {@code 3·e^(-a/45)} during a burst.
     */
    ANALYTICS("analytics", 0.20),
    /** {@code thumbs/<id>_128.jpg}, 2–60 KiB; read often for a long time: {@code λ(a) = 1.5·e^(-a/30) + 0.2}. */
    THUMBNAILS("thumbnails", 0.20),
    /**
     * {@code datasets/<project>/run-NNNNNN.nc} (climate, ocean) or {@code .h5} (genomics, astro, materials),
     * 50 MiB–20 GiB; reads decay slowly over months: {@code λ(a) = 0.5·e^(-a/90) + 0.005}.
     */
    DATASETS("datasets", 0.10);

    private final String id;
    private final double defaultWeight;

    Cohort(String id, double defaultWeight) {
        this.id = id;
        this.defaultWeight = defaultWeight;
    }

    /** The lower-case name used in keys, reports and docs, such as {@code "logs"}. */
    public String id() {
        return id;
    }

    /** The cohort's share of objects in a default workload (the defaults sum to 1). */
    public double defaultWeight() {
        return defaultWeight;
    }
}
