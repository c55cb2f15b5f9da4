package dev.archiver.aws.s3;

import dev.archiver.core.store.TransitionRequest;
import dev.archiver.core.store.TransitionResult;
import dev.archiver.core.store.TransitionStatus;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Locale;
import java.util.Set;

/**
 * Maps what S3 (or the SDK) answered to a {@link TransitionStatus}; every exception becomes a result.
 *
 * <pre>{@code
 * catch (SdkException e) {
 *     if (S3Outcomes.status(e) == TransitionStatus.RETRYABLE) { ... try again later ... }
 * }
 * }</pre>
 */
public final class S3Outcomes {
    private static final Set<String> ARCHIVED = Set.of("InvalidObjectState", "ObjectNotInActiveTierError");
    private static final Set<String> TRANSIENT = Set.of("SlowDown", "Throttling", "ThrottlingException",
            "RequestTimeout", "InternalError", "ServiceUnavailable", "RequestLimitExceeded", "OperationAborted");

    private S3Outcomes() {
    }

    /** The status S3's answer means for a transition. */
    public static TransitionStatus status(Throwable e) {
        if (e instanceof AwsServiceException) {
            AwsServiceException s = (AwsServiceException) e;
            String code = code(s);
            int http = s.statusCode();
            if (http == 412 || "PreconditionFailed".equals(code)) {
                return TransitionStatus.SKIPPED_CHANGED;
            }
            if (ARCHIVED.contains(code)) {
                return TransitionStatus.SKIPPED_ARCHIVED;
            }
            if (http == 404 || "NoSuchKey".equals(code) || "NoSuchVersion".equals(code)) {
                return TransitionStatus.NOT_FOUND;
            }
            if (http >= 500 || http == 429 || TRANSIENT.contains(code) || s.isThrottlingException()) {
                return TransitionStatus.RETRYABLE;
            }
            if (isSseC(s)) {
                return TransitionStatus.SKIPPED_UNSUPPORTED;
            }
            return TransitionStatus.FAILED;
        }
        if (e instanceof SdkClientException) {
            // connection reset, timeouts (ApiCallTimeoutException, ApiCallAttemptTimeoutException), unreadable responses
            return TransitionStatus.RETRYABLE;
        }
        return TransitionStatus.FAILED;
    }

    /** A result for {@code request} that carries S3's error code and message. */
    static TransitionResult result(TransitionRequest request, Throwable e, String during) {
        TransitionStatus status = status(e);
        String detail = during + ": " + describe(e);
        if (status == TransitionStatus.SKIPPED_UNSUPPORTED) {
            detail += " (an SSE-C object: this transitioner never handles customer-provided keys)";
        }
        return TransitionResult.of(request, status, detail);
    }

    /** {@code "Code (HTTP n): message"} for an S3 error, the exception's class and message otherwise. */
    public static String describe(Throwable e) {
        if (e instanceof AwsServiceException) {
            AwsServiceException s = (AwsServiceException) e;
            String message = s.awsErrorDetails() == null ? s.getMessage() : s.awsErrorDetails().errorMessage();
            return code(s) + " (HTTP " + s.statusCode() + "): " + (message == null ? "" : message);
        }
        if (e instanceof SdkException) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return e.getClass().getName() + ": " + e.getMessage();
    }

    private static String code(AwsServiceException s) {
        String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
        return code == null || code.isBlank() ? "HTTP" + s.statusCode() : code;
    }

    /** S3 answers 400 to a copy or HEAD of an SSE-C object sent without the customer key. */
    private static boolean isSseC(AwsServiceException s) {
        String message = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorMessage();
        return s.statusCode() == 400 && message != null
                && message.toLowerCase(Locale.ROOT).contains("server side encryption");
    }
}
