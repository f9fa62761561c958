package org.weft.health;

/** Checks the controller's health; cheap enough to answer every probe. */
@FunctionalInterface
public interface HealthService {

    Health check();
}
