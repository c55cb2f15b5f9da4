/**
 * AWS adapters of the Archiver SPIs. They take the caller's SDK clients; this module is the only
 * one that imports the AWS SDK for Java v2.
 */
package dev.archiver.aws;
