package dev.archiver.core.plan;

import java.util.Objects;

/**
 * What the S3 Batch Operations {@code CreateJob} requests a {@link StreamingPlanner} writes need
 * to know about the account: the account id, the role Batch Operations assumes, where the
 * manifests will be uploaded, where completion reports go, and the archiver's Batch Operations
 * Lambda handler (for objects over 5 GiB, which the built-in copy cannot move). Unknown values
 * stay as {@code <PLACEHOLDER>}s for a person to fill in before running {@code aws s3control create-job}.
 *
 * <pre>{@code
 * BatchJobSettings jobs = BatchJobSettings.placeholders()
 *         .withAccountId("123456789012")
 *         .withRoleArn("arn:aws:iam::123456789012:role/archiver-batch")
 *         .withManifestLocation("ops-bucket", "archiver/2026-11-22/");
 * }</pre>
 *
 * @param accountId      the AWS account that runs the job
 * @param roleArn        the IAM role trusted by {@code batchoperations.s3.amazonaws.com}
 * @param manifestBucket the bucket the manifest CSVs will be uploaded to
 * @param manifestPrefix the key prefix they will be uploaded under ({@code ""} or ending in {@code /})
 * @param reportBucket   the bucket for completion reports
 * @param functionArn    the (versioned) ARN of the archiver's Batch Operations Lambda handler
 */
public record BatchJobSettings(String accountId, String roleArn, String manifestBucket, String manifestPrefix,
                               String reportBucket, String functionArn) {
    public BatchJobSettings {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(manifestBucket, "manifestBucket");
        Objects.requireNonNull(manifestPrefix, "manifestPrefix");
        Objects.requireNonNull(reportBucket, "reportBucket");
        Objects.requireNonNull(functionArn, "functionArn");
        if (!manifestPrefix.isEmpty() && !manifestPrefix.endsWith("/")) {
            throw new IllegalArgumentException("manifestPrefix must be empty or end with '/', was '" + manifestPrefix + "'");
        }
    }

    /** Every value a placeholder such as {@code <ACCOUNT_ID>}. */
    public static BatchJobSettings placeholders() {
        return new BatchJobSettings("<ACCOUNT_ID>", "arn:aws:iam::<ACCOUNT_ID>:role/<BATCH_OPERATIONS_ROLE>", "<MANIFEST_BUCKET>", "",
                "<REPORT_BUCKET>", "arn:aws:lambda:<REGION>:<ACCOUNT_ID>:function:<ARCHIVER_BATCH_HANDLER>:<VERSION>");
    }

    public BatchJobSettings withAccountId(String accountId) {
        return new BatchJobSettings(accountId, roleArn, manifestBucket, manifestPrefix, reportBucket, functionArn);
    }

    public BatchJobSettings withRoleArn(String roleArn) {
        return new BatchJobSettings(accountId, roleArn, manifestBucket, manifestPrefix, reportBucket, functionArn);
    }

    public BatchJobSettings withManifestLocation(String bucket, String prefix) {
        return new BatchJobSettings(accountId, roleArn, bucket, prefix, reportBucket, functionArn);
    }

    public BatchJobSettings withReportBucket(String reportBucket) {
        return new BatchJobSettings(accountId, roleArn, manifestBucket, manifestPrefix, reportBucket, functionArn);
    }

    public BatchJobSettings withFunctionArn(String functionArn) {
        return new BatchJobSettings(accountId, roleArn, manifestBucket, manifestPrefix, reportBucket, functionArn);
    }
}
