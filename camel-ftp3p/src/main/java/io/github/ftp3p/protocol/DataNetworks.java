package io.github.ftp3p.protocol;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;

/**
 * The checks every address goes through before it is put into PORT or EPRT, whatever the address policy:
 * never a privileged port (below 1024: ProFTPD and Pure-FTPd refuse them too), never an unspecified,
 * multicast or broadcast address, and, when networks are listed, only an address inside one of them.
 */
public record DataNetworks(List<Cidr> allowed) {

    /** No list: any unicast address. */
    public static final DataNetworks ANY = new DataNetworks(List.of());

    public DataNetworks {
        allowed = List.copyOf(allowed);
    }

    /** Parses a comma-separated list of CIDR blocks such as {@code 10.0.0.0/8, ::1/128}. */
    public static DataNetworks parse(String list) {
        if (list == null || list.isBlank()) {
            return ANY;
        }
        return new DataNetworks(java.util.Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(Cidr::parse).toList());
    }

    /** Null when the address may be used, else why not. */
    public String refusal(PassiveAddress candidate) {
        InetAddress address = candidate.address();
        if (candidate.port() < 1024) {
            return "port " + candidate.port() + " is privileged (below 1024)";
        }
        if (address.isAnyLocalAddress()) {
            return "the address " + address.getHostAddress() + " is unspecified";
        }
        if (address.isMulticastAddress()) {
            return "the address " + address.getHostAddress() + " is multicast";
        }
        if (address instanceof Inet4Address && address.getHostAddress().equals("255.255.255.255")) {
            return "the address 255.255.255.255 is broadcast";
        }
        if (!allowed.isEmpty() && allowed.stream().noneMatch(c -> c.contains(address))) {
            return "the address " + address.getHostAddress() + " is outside allowedDataNetworks " + allowed;
        }
        return null;
    }

    /** An address block: an address and how many leading bits must match. */
    public record Cidr(InetAddress network, int prefix) {

        public Cidr {
            Objects.requireNonNull(network, "network");
            int bits = network.getAddress().length * 8;
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("prefix /" + prefix + " is not 0-" + bits + " for " + network.getHostAddress());
            }
        }

        /** {@code a.b.c.d/n}, {@code v6addr/n}, or an address alone (all its bits). Numeric only: no DNS. */
        public static Cidr parse(String text) {
            int slash = text.indexOf('/');
            String host = slash < 0 ? text : text.substring(0, slash);
            if (!host.matches("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
                throw new IllegalArgumentException("'" + text + "' is not an address block like 10.0.0.0/8");
            }
            try {
                InetAddress address = InetAddress.getByName(host);
                int prefix = slash < 0 ? address.getAddress().length * 8 : Integer.parseInt(text.substring(slash + 1));
                return new Cidr(address, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not an address block like 10.0.0.0/8", e);
            }
        }

        public boolean contains(InetAddress address) {
            byte[] a = network.getAddress();
            byte[] b = address.getAddress();
            if (a.length != b.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((a[bit / 8] & mask) != (b[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return network.getHostAddress() + "/" + prefix;
        }
    }
}
