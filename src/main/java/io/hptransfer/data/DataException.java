package io.hptransfer.data;

/** A dataset is missing, corrupt or unusable; the message names the problem and the fix. */
public class DataException extends RuntimeException {
    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
