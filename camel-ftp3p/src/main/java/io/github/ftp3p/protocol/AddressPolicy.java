package io.github.ftp3p.protocol;

import java.net.InetAddress;

/**
 * Which address the active server is told to connect to after a 227 reply. Trusting the reply lets a
 * hostile passive server aim the other server at any host (the FTP bounce attack, RFC 2577; curl
 * CVE-2020-8284, commons-net CVE-2021-37533, Python CVE-2021-4189), so the default takes only the port
 * from the reply. The choice is made here, never by commons-net's own PASV handling.
 */
public enum AddressPolicy {

    /** The passive server's control-connection peer address, with the port from the reply. */
    PEER {
        @Override
        public PassiveAddress choose(PassiveAddress fromReply, InetAddress controlPeer) {
            return new PassiveAddress(controlPeer, fromReply.port());
        }
    },

    /** The address exactly as the reply gave it, for servers behind NAT that announce another address. */
    REPLY {
        @Override
        public PassiveAddress choose(PassiveAddress fromReply, InetAddress controlPeer) {
            return fromReply;
        }
    };

    public abstract PassiveAddress choose(PassiveAddress fromReply, InetAddress controlPeer);
}
