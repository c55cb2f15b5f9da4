package dev.archiver.core.cost;

/**
 * How an object is expected to be read over the cost horizon: the probability of at least
 * one read, and the expected number of reads given that it is read at all.
 *
 * <pre>{@code
 * ReadForecast f = ReadForecast.of(0.2, 3);   // 20% chance, then about 3 reads
 * double n = f.expectedReads();               // 0.6
 * ReadForecast truth = ReadForecast.exactly(0); // hindsight: never read
 * }</pre>
 *
 * @param probability p(read within the horizon), in [0, 1]
 * @param readsIfRead expected number of reads given at least one, {@code >= 1}
 */
public record ReadForecast(double probability, double readsIfRead) {

    public ReadForecast {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], was " + probability);
        }
        if (!(readsIfRead >= 1) || Double.isInfinite(readsIfRead)) {
            throw new IllegalArgumentException("readsIfRead must be a finite number >= 1, was " + readsIfRead);
        }
    }

    /** A forecast of probability {@code p} and {@code readsIfRead} reads when read. */
    public static ReadForecast of(double probability, double readsIfRead) {
        return new ReadForecast(probability, readsIfRead);
    }

    /** A certain outcome of exactly {@code reads} reads, for pricing with hindsight. */
    public static ReadForecast exactly(long reads) {
        if (reads < 0) {
            throw new IllegalArgumentException("reads must be >= 0, was " + reads);
        }
        return reads == 0 ? new ReadForecast(0, 1) : new ReadForecast(1, reads);
    }

    /** {@code probability * readsIfRead}. */
    public double expectedReads() {
        return probability * readsIfRead;
    }
}
