package org.weft.net.flow;

/** Told about every batch a switch did not fully confirm, on the thread that learnt it. */
@FunctionalInterface
public interface BatchFailureListener {

    /** Must return quickly and must not block (it may run on a switch's I/O thread). */
    void batchFailed(BatchFailure failure);
}
