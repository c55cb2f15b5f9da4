/**
 * The S3 side of the Archiver SPIs: {@link dev.archiver.aws.s3.S3ObjectSource} lists a bucket
 * (ListObjectsV2 or ListObjectVersions) and {@link dev.archiver.aws.s3.S3CopyTransitioner} moves
 * one object to another storage class with a conditional CopyObject onto the same key. Both take
 * the caller's {@code S3Client}; neither ever deletes an object.
 */
package dev.archiver.aws.s3;
