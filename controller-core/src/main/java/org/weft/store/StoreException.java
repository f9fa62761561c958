package org.weft.store;

/** A store could not read or durably write intent (disk full, permissions, corrupt data). */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
