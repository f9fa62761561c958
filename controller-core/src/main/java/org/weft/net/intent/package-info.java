/**
 * Operator intent as every module sees it: static flows, link weights and the storage of steering
 * rules, as service interfaces, domain records and domain errors. The implementations, and the
 * on-disk codecs of these records, are in the {@code intent} module; REST translates HTTP to these
 * calls and apps depend on these interfaces only.
 */
package org.weft.net.intent;
