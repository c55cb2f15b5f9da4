package dev.archiver.aws.s3;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.net.URI;

/** S3 clients pointed at a local moto_server (shared with other modules' tests through the test jar). */
public final class MotoS3 {
    private MotoS3() {
    }

    /** A client that never retries by itself, so every retry is the caller's RetryPolicy (and no test waits on SDK backoff). */
    public static S3Client clientWithoutRetries(URI endpoint) {
        return builder(endpoint).overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    public static S3Client client(URI endpoint, ExecutionInterceptor... interceptors) {
        return builder(endpoint).overrideConfiguration(c -> {
            for (ExecutionInterceptor i : interceptors) {
                c.addExecutionInterceptor(i);
            }
        }).build();
    }

    private static S3ClientBuilder builder(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
}
