/**
 * The S3 side of the Archiver SPIs: {@link dev.archiver.aws.s3.S3ObjectSource} lists a bucket
 * (ListObjectsV2 or ListObjectVersions) and {@link dev.archiver.aws.s3.S3CopyTransitioner} moves
 * one object to another storage class with a conditional CopyObject onto the same key;
 * {@link dev.archiver.aws.s3.S3InventoryFiles} reads an S3 Inventory report from its
 * {@code s3://…/manifest.json} for {@code InventoryReader}. All take the caller's {@code S3Client};
 * none ever deletes an object.
 */
package dev.archiver.aws.s3;
