package dev.archiver.cli;

import dev.archiver.core.ArchiverException;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.URISyntaxException;

/** The AWS CLI's common flags, shared by every command that talks to S3 (a picocli mixin). */
final class AwsOptions {
    @Option(names = "--endpoint-url", paramLabel = "URL", description = "Any S3-compatible endpoint (path-style addressing).")
    String endpointUrl;

    @Option(names = "--region", paramLabel = "R", description = "AWS region (default: the SDK's chain; us-east-1 with --endpoint-url).")
    String region;

    @Option(names = "--profile", paramLabel = "P", description = "Named profile of the shared AWS config and credentials files.")
    String profile;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    /** An S3 client as the flags say; credentials come from the SDK's default chain (or the profile). */
    S3Client s3() {
        S3ClientBuilder b = S3Client.builder().httpClient(UrlConnectionHttpClient.create());
        if (profile != null) {
            b.credentialsProvider(ProfileCredentialsProvider.create(profile));
        } else {
            b.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        if (endpointUrl != null) {
            b.endpointOverride(uri(endpointUrl, "--endpoint-url")).forcePathStyle(true);
        }
        b.region(region());
        return b.build();
    }

    /** {@code url} as an endpoint URI; an error naming {@code flag} when it is not http(s)://host[:port]. */
    static URI uri(String url, String flag) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ArchiverException(flag + ": not a URL: " + url);
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new ArchiverException(flag + ": expected http(s)://host[:port], was " + url);
        }
        return uri;
    }

    Region region() {
        if (region != null) {
            return Region.of(region);
        }
        try {
            return profile == null ? new DefaultAwsRegionProviderChain().getRegion()
                    : DefaultAwsRegionProviderChain.builder().profileName(profile).build().getRegion();
        } catch (SdkClientException e) {
            if (endpointUrl != null) {
                return Region.US_EAST_1;
            }
            throw new ArchiverException("no AWS region: pass --region or set AWS_REGION");
        }
    }
}
