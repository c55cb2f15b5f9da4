package dev.archiver.aws.s3;

import dev.archiver.core.object.StorageClass;
import dev.archiver.core.store.TransitionRequest;
import dev.archiver.core.store.TransitionResult;
import dev.archiver.core.store.TransitionStatus;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.UncheckedIOException;
import java.net.SocketException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Error answers a healthy moto never gives (throttling, 5xx, timeouts) mapped to outcomes. */
class S3OutcomesTest {
    private static final TransitionRequest REQUEST = new TransitionRequest("b", "k", null, "\"e\"", 1,
            StorageClass.STANDARD, StorageClass.STANDARD_IA);

    private static S3Exception s3(int status, String code, String message) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }

    @Test
    void status_isSkippedChanged_when412() {
        assertEquals(TransitionStatus.SKIPPED_CHANGED, S3Outcomes.status(s3(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold")));
    }

    @Test
    void status_isSkippedArchived_whenInvalidObjectStateOrNotInActiveTier() {
        assertEquals(TransitionStatus.SKIPPED_ARCHIVED, S3Outcomes.status(s3(403, "InvalidObjectState", "archived")));
        assertEquals(TransitionStatus.SKIPPED_ARCHIVED, S3Outcomes.status(s3(403, "ObjectNotInActiveTierError", "not in the active tier")));
    }

    @Test
    void status_isNotFound_when404() {
        assertEquals(TransitionStatus.NOT_FOUND, S3Outcomes.status(s3(404, "NoSuchKey", "The specified key does not exist.")));
        assertEquals(TransitionStatus.NOT_FOUND, S3Outcomes.status(s3(404, null, null)));
    }

    @Test
    void status_isRetryable_whenThrottledOrServerErrorOrTimeout() {
        assertEquals(TransitionStatus.RETRYABLE, S3Outcomes.status(s3(503, "SlowDown", "Please reduce your request rate.")));
        assertEquals(TransitionStatus.RETRYABLE, S3Outcomes.status(s3(500, "InternalError", "We encountered an internal error.")));
        assertEquals(TransitionStatus.RETRYABLE, S3Outcomes.status(s3(400, "RequestTimeout", "Your socket connection to the server was not read from")));
        assertEquals(TransitionStatus.RETRYABLE, S3Outcomes.status(ApiCallTimeoutException.create(1000)));
        assertEquals(TransitionStatus.RETRYABLE, S3Outcomes.status(SdkClientException.create("Unable to execute HTTP request",
                new UncheckedIOException(new SocketException("Connection reset")))));
    }

    @Test
    void status_isSkippedUnsupported_whenS3AnswersSseCWithoutKey() {
        assertEquals(TransitionStatus.SKIPPED_UNSUPPORTED, S3Outcomes.status(s3(400, "InvalidRequest",
                "The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.")));
    }

    @Test
    void result_isFailed_withS3ErrorCode_otherwise() {
        TransitionResult r = S3Outcomes.result(REQUEST, s3(403, "AccessDenied", "Access Denied"), "CopyObject");

        assertEquals(TransitionStatus.FAILED, r.status());
        assertEquals("CopyObject: AccessDenied (HTTP 403): Access Denied", r.detail());
    }

    @Test
    void result_isFailed_forNonSdkException_withItsClass() {
        TransitionResult r = S3Outcomes.result(REQUEST, new IllegalStateException("boom"), "CopyObject");

        assertEquals(TransitionStatus.FAILED, r.status());
        assertTrue(r.detail().contains("IllegalStateException: boom"), r.detail());
    }
}
