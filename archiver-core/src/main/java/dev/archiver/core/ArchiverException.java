package dev.archiver.core;

/**
 * The one unchecked exception type of the library. Every error the library raises on bad
 * input, bad configuration or a failed dependency extends it, so a caller can catch one type.
 *
 * <pre>{@code
 * try {
 *     PriceBook book = PriceBook.load(Path.of("prices.json"));
 * } catch (ArchiverException e) {
 *     System.err.println(e.getMessage()); // names the file and the field
 * }
 * }</pre>
 */
public class ArchiverException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ArchiverException(String message) {
        super(message);
    }

    public ArchiverException(String message, Throwable cause) {
        super(message, cause);
    }
}
