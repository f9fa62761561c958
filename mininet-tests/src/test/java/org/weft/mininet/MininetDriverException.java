package org.weft.mininet;

/** The Mininet driver answered {@code ok:false}, did not answer in time, or is gone. */
public class MininetDriverException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MininetDriverException(String message) {
        super(message);
    }

    public MininetDriverException(String message, Throwable cause) {
        super(message, cause);
    }
}
