package dev.archiver.cli;

import dev.archiver.core.ArchiverException;

/** {@code s3://bucket/key}, taken literally (the key is not URL-decoded, as in the AWS CLI). */
record S3Uri(String bucket, String key) {

    static S3Uri parse(String text, String argument) {
        if (text == null || !text.startsWith("s3://")) {
            throw new ArchiverException(argument + ": expected s3://bucket/key, was " + text);
        }
        String rest = text.substring(5);
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw new ArchiverException(argument + ": expected s3://bucket/key with a bucket and a key, was " + text);
        }
        return new S3Uri(rest.substring(0, slash), rest.substring(slash + 1));
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
