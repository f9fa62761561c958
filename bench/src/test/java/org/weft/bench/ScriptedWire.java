package org.weft.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFMessage;

/**
 * A scripted controller's end of a plain socket: writes and reads whole OpenFlow messages. Tests
 * extend it with the reading patterns they need.
 */
class ScriptedWire {
    private final DataInputStream in;
    private final OutputStream out;

    ScriptedWire(Socket s) throws IOException {
        in = new DataInputStream(s.getInputStream());
        out = s.getOutputStream();
    }

    void send(OFMessage m) throws IOException {
        ByteBuf b = Unpooled.buffer();
        m.writeTo(b);
        byte[] bytes = new byte[b.readableBytes()];
        b.readBytes(bytes);
        out.write(bytes);
        out.flush();
    }

    OFMessage read() throws IOException, OFParseError {
        byte[] header = new byte[8];
        in.readFully(header);
        int length = (header[2] & 0xff) << 8 | (header[3] & 0xff);
        byte[] msg = new byte[length];
        System.arraycopy(header, 0, msg, 0, 8);
        in.readFully(msg, 8, length - 8);
        return OFFactories.getGenericReader().readFrom(Unpooled.wrappedBuffer(msg));
    }
}
