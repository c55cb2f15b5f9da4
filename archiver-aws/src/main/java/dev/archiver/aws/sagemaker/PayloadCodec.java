package dev.archiver.aws.sagemaker;

import dev.archiver.core.feature.FeatureBatch;
import dev.archiver.core.predict.PredictionException;

/**
 * How feature rows become an InvokeEndpoint request body, and a response body becomes one score
 * per row. The built-in codecs speak what the SageMaker scikit-learn and XGBoost containers
 * speak ({@link #csv()}), JSON Lines ({@link #jsonLines()}) and the original design's single-row
 * {@code {"data": [...]}} → {@code [0|1]} ({@link #originalDesign()}); implement this interface
 * for any other container.
 *
 * <pre>{@code
 * SageMakerPredictor predictor = SageMakerPredictor.builder(client, "access-model")
 *         .codec(PayloadCodec.csv("application/json"))   // CSV rows in, a JSON array out
 *         .build();
 * }</pre>
 *
 * A decoder never guesses: a body whose number of scores differs from the rows sent, or with a
 * value that is not a number in [0, 1], is a {@link PredictionException}. Implementations must be
 * thread-safe.
 */
public interface PayloadCodec {

    /** The request's {@code Content-Type}. */
    String contentType();

    /** The request's {@code Accept}, or null to let the endpoint choose. */
    String accept();

    /** The most rows one request may carry; the original design's codec carries one. */
    default int maxRowsPerRequest() {
        return Integer.MAX_VALUE;
    }

    /**
     * The body for rows {@code fromRow} (inclusive) to {@code toRow} (exclusive) of {@code batch},
     * with the columns {@code columns} of each row, in that order.
     *
     * @throws PredictionException when a value cannot be sent (e.g. not finite)
     */
    byte[] encode(FeatureBatch batch, int[] columns, int fromRow, int toRow);

    /**
     * Exactly {@code rows} scores from a response body.
     *
     * @param contentType the response's {@code Content-Type}, may be null
     * @throws PredictionException when the body does not hold exactly {@code rows} probabilities
     */
    double[] decode(byte[] body, String contentType, int rows);

    /** CSV rows in ({@code text/csv}), CSV out: one score per line (or one line of comma-separated scores), or a JSON array. */
    static PayloadCodec csv() {
        return new CsvCodec("text/csv");
    }

    /**
     * CSV rows in, scores in the given {@code accept} type out ({@code text/csv} or {@code application/json}).
     *
     * @throws IllegalArgumentException when {@code accept} is blank
     */
    static PayloadCodec csv(String accept) {
        if (accept == null || accept.isBlank()) {
            throw new IllegalArgumentException("accept must be a media type, was '" + accept + "'");
        }
        return new CsvCodec(accept);
    }

    /**
     * {@code application/jsonlines} in and out: one JSON array of feature values per line; one
     * score per line, as a number, {@code [p]} or {@code {"score": p}}.
     */
    static PayloadCodec jsonLines() {
        return new JsonLinesCodec();
    }

    /**
     * The original design: one object per request, {@code {"data": [v1, v2, …]}} in, {@code [0]}
     * or {@code [1]} out. Choose its features with {@code features("age_days")} to send what that
     * design sent.
     */
    static PayloadCodec originalDesign() {
        return new OriginalDesignCodec();
    }
}
