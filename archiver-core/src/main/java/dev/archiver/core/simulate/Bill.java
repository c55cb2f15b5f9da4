package dev.archiver.core.simulate;

/**
 * Money billed by the {@link BillingMeter}, broken down as an S3 bill is.
 *
 * <pre>{@code
 * Bill b = meter.total();
 * double share = b.earlyDeletion() / b.total();
 * }</pre>
 *
 * @param storage       byte-hours per class (minimum billable size and archive overheads included) and the
 *                      temporary copies restores keep
 * @param requests      PUT and GET requests
 * @param retrieval     retrieval fees per GB and restore requests and fees
 * @param earlyDeletion the remainder of a minimum storage duration on delete, overwrite, transition, or
 *                      still owed at the end of the trace
 * @param monitoring    Intelligent-Tiering monitoring and automation fees
 * @param transitions   copy requests (destination PUT plus the source's retrieval fee) and lifecycle transition requests
 */
public record Bill(double storage, double requests, double retrieval, double earlyDeletion, double monitoring,
                   double transitions) {
    /** A bill of nothing. */
    public static final Bill ZERO = new Bill(0, 0, 0, 0, 0, 0);

    /** The sum of every part. */
    public double total() {
        return storage + requests + retrieval + earlyDeletion + monitoring + transitions;
    }

    /** This bill plus {@code other}, part by part. */
    public Bill plus(Bill other) {
        return new Bill(storage + other.storage, requests + other.requests, retrieval + other.retrieval,
                earlyDeletion + other.earlyDeletion, monitoring + other.monitoring, transitions + other.transitions);
    }
}
