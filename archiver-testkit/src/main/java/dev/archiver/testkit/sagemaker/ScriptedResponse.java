package dev.archiver.testkit.sagemaker;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@link LocalInferenceEndpoint} does with one invocation instead of (or before) scoring it.
 * Queue them with {@link LocalInferenceEndpoint#enqueue(ScriptedResponse...)}; each is used once,
 * in order, then the endpoint scores normally again.
 *
 * <pre>{@code
 * endpoint.enqueue(ScriptedResponse.throttling(), ScriptedResponse.serviceUnavailable());
 * endpoint.enqueue(ScriptedResponse.body("text/csv", "not a number\n"));
 * }</pre>
 *
 * Errors carry the shape the AWS SDK's JSON protocol reads: the error code in the
 * {@code x-amzn-ErrorType} header and in {@code __type}, the text in {@code message}.
 *
 * @param kind        what to do
 * @param status      HTTP status of an error or a raw body
 * @param errorType   SageMaker runtime error code ({@code ModelError}, {@code ThrottlingException}, …) of an error
 * @param contentType content type of a raw body
 * @param body        error message, or the raw body
 * @param delay       real time to wait before scoring, for {@link Kind#DELAY}
 */
public record ScriptedResponse(Kind kind, int status, String errorType, String contentType, String body, Duration delay) {

    /** What a scripted response does. */
    public enum Kind {
        /** Answer with an AWS error. */
        ERROR,
        /** Answer 200 (or the given status) with a body as given, whatever was asked. */
        BODY,
        /** Score the request, then add one score too many. */
        EXTRA_SCORE,
        /** Hold the request until {@link LocalInferenceEndpoint#releaseStalled()} or close, then score it. */
        STALL,
        /** Wait {@code delay} of real time, then score. */
        DELAY
    }

    public ScriptedResponse {
        Objects.requireNonNull(kind, "kind");
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status 100..599, was " + status);
        }
        if (kind == Kind.ERROR && (errorType == null || errorType.isBlank())) {
            throw new IllegalArgumentException("an ERROR response needs an errorType, was '" + errorType + "'");
        }
        if (kind == Kind.DELAY && (delay == null || delay.isNegative())) {
            throw new IllegalArgumentException("a DELAY response needs a non-negative delay, was " + delay);
        }
    }

    /** An AWS error with the given HTTP status, error code and message. */
    public static ScriptedResponse error(int status, String errorType, String message) {
        return new ScriptedResponse(Kind.ERROR, status, errorType, null, message == null ? "" : message, null);
    }

    /** {@code ThrottlingException} (HTTP 400), which the SDK reports as a throttling error. */
    public static ScriptedResponse throttling() {
        return error(400, "ThrottlingException", "Rate exceeded");
    }

    /** {@code ServiceUnavailable} (HTTP 503). */
    public static ScriptedResponse serviceUnavailable() {
        return error(503, "ServiceUnavailable", "The service is unavailable. Try your call again.");
    }

    /** {@code InternalFailure} (HTTP 500). */
    public static ScriptedResponse internalFailure() {
        return error(500, "InternalFailure", "An internal failure occurred.");
    }

    /** {@code ModelError} (HTTP 424): the model container answered with an error. */
    public static ScriptedResponse modelError(String message) {
        return error(424, "ModelError", message);
    }

    /** {@code ValidationError} (HTTP 400): a request SageMaker refuses, e.g. an unknown endpoint. */
    public static ScriptedResponse validationError(String message) {
        return error(400, "ValidationError", message);
    }

    /** HTTP 200 with {@code body} as given, e.g. garbage or the wrong number of scores. */
    public static ScriptedResponse body(String contentType, String body) {
        return new ScriptedResponse(Kind.BODY, 200, null, Objects.requireNonNull(contentType, "contentType"),
                Objects.requireNonNull(body, "body"), null);
    }

    /** The real scores plus one more, as a broken model might answer. */
    public static ScriptedResponse extraScore() {
        return new ScriptedResponse(Kind.EXTRA_SCORE, 200, null, null, null, null);
    }

    /** Holds the request until {@link LocalInferenceEndpoint#releaseStalled()}: a slow endpoint without a sleep in the test. */
    public static ScriptedResponse stall() {
        return new ScriptedResponse(Kind.STALL, 200, null, null, null, null);
    }

    /** Waits {@code delay} of real time before scoring (for demos and benchmarks; tests prefer {@link #stall()}). */
    public static ScriptedResponse delay(Duration delay) {
        return new ScriptedResponse(Kind.DELAY, 200, null, null, null, delay);
    }
}
