package dev.archiver.aws.sagemaker;

/**
 * What a {@link SageMakerPredictor} has done so far: the counters a CLI or a metrics exporter shows
 * next to the plan summary. A snapshot; take another to see later calls.
 *
 * <pre>{@code
 * Plan plan = archiver.plan(source);
 * SageMakerStats s = predictor.stats();
 * System.err.println(s.describe());   // "sagemaker:access-model: 3 invocations for 2500 rows, ..."
 * }</pre>
 *
 * @param batches            {@code predict} calls
 * @param invocations        InvokeEndpoint requests sent, retries included
 * @param rowsScored         rows the endpoint scored
 * @param retries            requests repeated after throttling, a 5xx or a timeout
 * @param failedRequests     requests given up on (after retries) or whose response did not fit
 * @param rowsFallback       rows the fallback predictor scored instead
 * @param rowsFailed         rows left unscored: {@code predict} threw, so the engine keeps them
 * @param circuitRejections  requests not sent because the circuit breaker was open
 * @param circuitState       {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}, or {@code DISABLED}
 * @param lastFailure        the last failure's message, or null
 */
public record SageMakerStats(long batches, long invocations, long rowsScored, long retries, long failedRequests,
                             long rowsFallback, long rowsFailed, long circuitRejections, String circuitState,
                             String lastFailure) {

    /** Invocations per 1,000 rows asked for ({@code rowsScored + rowsFallback + rowsFailed}); 0 when none. */
    public double invocationsPerThousandRows() {
        long rows = rowsScored + rowsFallback + rowsFailed;
        return rows == 0 ? 0 : invocations * 1000.0 / rows;
    }

    /** True when every row asked for was scored by the endpoint. */
    public boolean healthy() {
        return failedRequests == 0 && rowsFallback == 0 && rowsFailed == 0 && circuitRejections == 0;
    }

    /** One line for a person. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(invocations).append(" invocations for ").append(rowsScored).append(" rows scored by the endpoint");
        sb.append(", ").append(retries).append(" retries, ").append(failedRequests).append(" failed requests");
        sb.append(", ").append(rowsFallback).append(" rows scored by the fallback, ").append(rowsFailed).append(" rows kept unscored");
        sb.append(", circuit ").append(circuitState);
        if (circuitRejections > 0) {
            sb.append(" (").append(circuitRejections).append(" requests not sent)");
        }
        if (lastFailure != null) {
            sb.append("; last failure: ").append(lastFailure);
        }
        return sb.toString();
    }
}
