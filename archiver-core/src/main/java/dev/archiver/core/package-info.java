/**
 * Archiver: decides, object by object, which S3 storage class is cheapest for how each
 * object will be read, and moves it there without losing a byte. Start at {@link dev.archiver.core.Archiver}.
 */
package dev.archiver.core;
