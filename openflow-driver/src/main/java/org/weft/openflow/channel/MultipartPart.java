package org.weft.openflow.channel;

import org.projectfloodlight.openflow.protocol.OFStatsReply;

/**
 * One part of a multipart (stats) reply with its size on the wire, so what a switch streams can be
 * bounded in bytes as well as parts.
 */
record MultipartPart(OFStatsReply reply, int bytes) {}
