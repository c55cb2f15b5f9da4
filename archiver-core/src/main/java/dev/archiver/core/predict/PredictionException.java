package dev.archiver.core.predict;

import dev.archiver.core.ArchiverException;

/** A predictor could not score a batch; the objects are kept where they are and the failure is counted. */
public class PredictionException extends ArchiverException {
    private static final long serialVersionUID = 1L;

    public PredictionException(String message) {
        super(message);
    }

    public PredictionException(String message, Throwable cause) {
        super(message, cause);
    }
}
