package org.weft.openflow.channel;

/**
 * A complete frame that could not be decoded: the handler answers it with an OFPT_ERROR instead of
 * letting an exception escape.
 *
 * @param version the header's version byte
 * @param type the header's type byte
 * @param xid the header's transaction id
 * @param frame the raw bytes (at most the first 64 are kept)
 * @param reason why it could not be decoded
 */
public record MalformedMessage(int version, int type, long xid, byte[] frame, String reason) {}
