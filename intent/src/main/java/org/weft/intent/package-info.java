/**
 * The intent layer: static flows ({@link org.weft.intent.StaticFlowManager}), link weights ({@link
 * org.weft.intent.StoredLinkWeights}) and the storage of steering rules ({@link
 * org.weft.intent.StoredSteeringRules}), each kept in core's {@link org.weft.store.IntentStore} in
 * the on-disk format of its codec, with unreadable documents quarantined at load.
 */
package org.weft.intent;
