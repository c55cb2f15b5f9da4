package dev.archiver.core.simulate;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits RFC 4180 text into records, one at a time, remembering the physical line each record
 * starts on. A record ends at LF or CRLF outside quotes; a quoted field may hold commas, doubled
 * quotes and line breaks. Problems inside a record do not stop the scan: the record is still read
 * to its end (so a lenient caller can skip it) and {@link #problem()} says what was wrong.
 */
final class CsvRecords {
    /** Longer fields are cut (and reported), so a runaway quote cannot hold the whole file in memory. */
    static final int MAX_FIELD_CHARS = 1 << 20;
    private static final int EOF = -1;

    private final Reader in;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int lim;
    private boolean eof;
    private long line = 1;

    private final List<String> fields = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();
    private long recordLine;
    private String problem;
    private boolean unterminated;

    CsvRecords(Reader in) {
        this.in = in;
    }

    /** The fields of the current record. */
    List<String> fields() {
        return fields;
    }

    /** The line the current record starts on, 1-based. */
    long recordLine() {
        return recordLine;
    }

    /** What is wrong with the current record, or {@code null}. */
    String problem() {
        return problem;
    }

    /** True when the current record is an unterminated quote that ran to the end of the input. */
    boolean unterminated() {
        return unterminated;
    }

    /** The line the scanner is on now (where a read error happened). */
    long line() {
        return line;
    }

    /**
     * Reads the next non-empty record.
     *
     * @return false at the end of the input
     */
    boolean next() throws IOException {
        fields.clear();
        problem = null;
        unterminated = false;
        int c = read();
        while (c == '\n' || (c == '\r' && peek() == '\n')) { // blank lines are not records
            if (c == '\r') {
                read();
            }
            line++;
            c = read();
        }
        if (c == EOF) {
            return false;
        }
        recordLine = line;
        while (true) {
            field.setLength(0);
            if (c == '"') {
                c = quoted();
                if (unterminated) {
                    fields.add(field.toString());
                    return true;
                }
                if (c != ',' && c != '\n' && c != EOF) {
                    problem("unexpected character " + describe(c) + " after a closing quote");
                    c = unquoted(c);
                }
            } else {
                String plain = plain(c);
                if (plain != null) { // the usual case, without copying character by character
                    fields.add(plain);
                    c = buf[pos - 1];
                    if (c == ',') {
                        c = read();
                        continue;
                    }
                    line++; // c is '\n'
                    return true;
                }
                c = unquoted(c);
            }
            fields.add(field.toString());
            if (c == ',') {
                c = read();
                continue;
            }
            if (c == '\n') {
                line++;
            }
            return true;
        }
    }

    /** Reads a quoted field after its opening quote; returns the character after the closing quote. */
    private int quoted() throws IOException {
        while (true) {
            int c = read();
            if (c == EOF) {
                unterminated = true;
                problem("unterminated quote: the quoted field opened on this line runs to the end of the input");
                return EOF;
            }
            if (c == '"') {
                int next = read();
                if (next != '"') {
                    return next == '\r' && peek() == '\n' ? read() : next;
                }
            } else if (c == '\n') {
                line++;
            }
            append((char) c);
        }
    }

    /**
     * An unquoted field that starts with {@code c} (just read) and ends with a comma or LF inside the buffer, without
     * a quote or CR: its text, with the position after its end; else null, and nothing is consumed.
     */
    private String plain(int c) {
        if (c == ',' || c == '\n' || c == '\r' || c == '"' || c == EOF) {
            return null;
        }
        int start = pos - 1;
        for (int i = pos; i < lim; i++) {
            char ch = buf[i];
            if (ch == ',' || ch == '\n') {
                pos = i + 1;
                return new String(buf, start, i - start);
            }
            if (ch == '\r' || ch == '"') {
                return null;
            }
        }
        return null;
    }

    /** Reads an unquoted field from its first character {@code c}; returns the comma, LF or EOF that ends it. */
    private int unquoted(int c) throws IOException {
        while (c != ',' && c != '\n' && c != EOF) {
            if (c == '"') {
                problem("a quote inside an unquoted field (quote the whole field and double the quote)");
            }
            if (c == '\r' && peek() == '\n') {
                c = read();
                break;
            }
            append((char) c);
            c = read();
        }
        return c;
    }

    private void append(char c) {
        if (field.length() < MAX_FIELD_CHARS) {
            field.append(c);
        } else {
            problem("a field longer than " + MAX_FIELD_CHARS + " characters");
        }
    }

    private void problem(String p) {
        if (problem == null) {
            problem = p;
        }
    }

    private static String describe(int c) {
        return c == '\r' ? "'\\r'" : "'" + (char) c + "'";
    }

    private int read() throws IOException {
        if (pos == lim && !fill()) {
            return EOF;
        }
        return buf[pos++];
    }

    private int peek() throws IOException {
        if (pos == lim && !fill()) {
            return EOF;
        }
        return buf[pos];
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }
}
