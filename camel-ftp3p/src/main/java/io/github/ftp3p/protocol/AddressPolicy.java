package io.github.ftp3p.protocol;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Which address the active server is told to connect to after a 227 reply. Trusting the reply lets a
 * hostile passive server aim the other server at any host (the FTP bounce attack, RFC 2577; curl
 * CVE-2020-8284, commons-net CVE-2021-37533, Python CVE-2021-4189), so the default takes only the port
 * from the reply. The choice is made here, never by commons-net's own PASV handling.
 */
public sealed interface AddressPolicy {

    /** The passive server's control-connection peer address, with the port from the reply. */
    AddressPolicy PEER = new Peer();

    /** The address exactly as the reply gave it, for servers behind NAT that announce another address. */
    AddressPolicy REPLY = new Reply();

    /** A fixed address (the passive server's address as the active server sees it), with the reply's port. */
    static AddressPolicy fixed(InetAddress address) {
        return new Fixed(address);
    }

    PassiveAddress choose(PassiveAddress fromReply, InetAddress controlPeer);

    record Peer() implements AddressPolicy {
        @Override
        public PassiveAddress choose(PassiveAddress fromReply, InetAddress controlPeer) {
            return new PassiveAddress(controlPeer, fromReply.port());
        }

        @Override
        public String toString() {
            return "peer";
        }
    }

    record Reply() implements AddressPolicy {
        @Override
        public PassiveAddress choose(PassiveAddress fromReply, InetAddress controlPeer) {
            return fromReply;
        }

        @Override
        public String toString() {
            return "reply";
        }
    }

    record Fixed(InetAddress address) implements AddressPolicy {
        public Fixed {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public PassiveAddress choose(PassiveAddress fromReply, InetAddress controlPeer) {
            return new PassiveAddress(address, fromReply.port());
        }

        @Override
        public String toString() {
            return address.getHostAddress();
        }
    }
}
