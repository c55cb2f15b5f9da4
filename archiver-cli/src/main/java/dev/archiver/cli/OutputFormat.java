package dev.archiver.cli;

/** {@code --format}: {@code table} for people (the default), {@code csv} and {@code json} for machines. */
enum OutputFormat {
    table, csv, json
}
