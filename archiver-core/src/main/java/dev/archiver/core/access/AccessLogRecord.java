package dev.archiver.core.access;

import java.time.Instant;
import java.util.List;

/**
 * Every documented field of one S3 server access log line, materialised. The parser's hot path
 * hands out reusable {@link AccessLogLine} views instead; call {@link AccessLogLine#toRecord()} to
 * keep a line. A {@code -} in the log is {@code null} here (strings) or {@code -1} (numbers).
 *
 * <pre>{@code
 * parser.parse(source, line -> {
 *     if (line.httpStatus() >= 500) {
 *         AccessLogRecord r = line.toRecord();
 *         failures.add(r.requestId() + " " + r.errorCode());
 *     }
 * });
 * }</pre>
 *
 * @param bucketOwner        1: canonical user id of the bucket owner
 * @param bucket             2: bucket name
 * @param time               3: when the request was received
 * @param remoteIp           4
 * @param requester          5: canonical user id or ARN, null when anonymous
 * @param requestId          6
 * @param operation          7: such as {@code REST.GET.OBJECT}
 * @param key                8: the object key, URL-decoded
 * @param requestUri         9: the Request-URI of the HTTP request line, unquoted
 * @param httpStatus         10
 * @param errorCode          11
 * @param bytesSent          12
 * @param objectSize         13
 * @param totalTimeMs        14
 * @param turnAroundTimeMs   15
 * @param referer            16, unquoted
 * @param userAgent          17, unquoted
 * @param versionId          18
 * @param hostId             19: x-amz-id-2
 * @param signatureVersion   20
 * @param cipherSuite        21
 * @param authenticationType 22
 * @param hostHeader         23
 * @param tlsVersion         24
 * @param accessPointArn     25
 * @param aclRequired        26
 * @param sourceRegion       27
 * @param extraFields        fields after the 27th (the format grows at the end), raw
 */
public record AccessLogRecord(String bucketOwner, String bucket, Instant time, String remoteIp, String requester,
                              String requestId, String operation, String key, String requestUri, int httpStatus,
                              String errorCode, long bytesSent, long objectSize, long totalTimeMs,
                              long turnAroundTimeMs, String referer, String userAgent, String versionId,
                              String hostId, String signatureVersion, String cipherSuite,
                              String authenticationType, String hostHeader, String tlsVersion,
                              String accessPointArn, String aclRequired, String sourceRegion,
                              List<String> extraFields) {
    public AccessLogRecord {
        extraFields = List.copyOf(extraFields);
    }
}
