package dev.archiver.core.cost;

/**
 * What one restore of an archived object costs and how long it makes a reader wait.
 *
 * @param perGb   retrieval fee per GB (2^30 bytes) restored
 * @param per1000 price per 1,000 restore requests
 * @param hours   typical upper bound of the wait until the temporary copy is readable
 */
public record RestorePrice(double perGb, double per1000, double hours) {
}
