package io.github.ftp3p.transfer;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import io.github.ftp3p.protocol.FtpServerAddress;
import io.github.ftp3p.protocol.Paths;
import io.github.ftp3p.protocol.SameFileException;

/**
 * Whether a transfer's source and target may be the same file, decided without a command, so conservatively:
 * <ul>
 *   <li>the same server: the same port, and host names equal, resolving to a common address, or both local to
 *       this host (loopback, or an address of a local interface: {@code localhost}, {@code 127.0.0.1} and
 *       {@code 127.0.0.2} may all be one server listening on every address). Two users of one server count as
 *       the same server: their home directories may be the same;</li>
 *   <li>the same path: the directory and name compared by segments, a backslash being a separator as for Apache
 *       FtpServer, empty and {@code .} segments dropped ({@code ftp://host//out} is the absolute {@code /out}).
 *       A relative path is resolved against a login directory that is unknown without a command, so it is taken
 *       for an absolute one that it ends ({@code out/a.txt} and {@code /srv/out/a.txt}).</li>
 * </ul>
 * Only when the paths may be the same are the host names resolved.
 */
final class SameFile {

    /** Host names to addresses, and which addresses are this host's. */
    interface Hosts {

        List<InetAddress> addresses(String host) throws UnknownHostException;

        boolean isLocal(InetAddress address);
    }

    static final SameFile SYSTEM = new SameFile(new Hosts() {
        @Override
        public List<InetAddress> addresses(String host) throws UnknownHostException {
            return Arrays.asList(InetAddress.getAllByName(host));
        }

        @Override
        public boolean isLocal(InetAddress address) {
            try {
                return address.isLoopbackAddress() || address.isAnyLocalAddress()
                        || NetworkInterface.getByInetAddress(address) != null;
            } catch (SocketException e) {
                return false;
            }
        }
    });

    private final Hosts hosts;

    SameFile(Hosts hosts) {
        this.hosts = hosts;
    }

    /** @throws SameFileException naming both files when {@code request}'s source and target may be one file */
    void refuse(FtpServerAddress source, FtpServerAddress target, TransferRequest request) {
        String sourcePath = source.resolve(request.sourceName());
        String targetPath = target.resolve(request.targetName());
        if (source.port() == target.port() && samePath(sourcePath, targetPath) && sameHost(source.host(), target.host())) {
            throw new SameFileException(source.withDirectory(sourcePath).toString(),
                    target.withDirectory(targetPath).toString());
        }
    }

    /**
     * @throws SameFileException when the two directories of a tree sync may overlap: on one server, one equal to or
     *                           inside the other (a relative path, resolved against an unknown login directory, is
     *                           taken for any absolute path whose segments it appears in, and the login directory
     *                           itself for any)
     */
    void refuseTrees(FtpServerAddress source, FtpServerAddress target) {
        if (source.port() == target.port() && overlap(source.directory(), target.directory())
                && sameHost(source.host(), target.host())) {
            throw SameFileException.trees(source.toString(), target.toString());
        }
    }

    static boolean overlap(String one, String other) {
        List<String> oneSegments = Paths.segments(one);
        List<String> otherSegments = Paths.segments(other);
        if (absolute(one) == absolute(other)) {
            return startsWith(oneSegments, otherSegments) || startsWith(otherSegments, oneSegments);
        }
        List<String> relativePath = absolute(one) ? otherSegments : oneSegments;
        List<String> absolutePath = absolute(one) ? oneSegments : otherSegments;
        while (!relativePath.isEmpty() && relativePath.get(0).equals("..")) {
            relativePath = relativePath.subList(1, relativePath.size());
        }
        return relativePath.isEmpty() || Collections.indexOfSubList(absolutePath, relativePath) >= 0
                || Collections.indexOfSubList(relativePath, absolutePath) >= 0;
    }

    private static boolean startsWith(List<String> path, List<String> prefix) {
        return prefix.size() <= path.size() && path.subList(0, prefix.size()).equals(prefix);
    }

    static boolean samePath(String one, String other) {
        boolean oneAbsolute = absolute(one);
        List<String> oneSegments = Paths.segments(one);
        List<String> otherSegments = Paths.segments(other);
        if (oneAbsolute == absolute(other)) {
            return oneSegments.equals(otherSegments);
        }
        List<String> absolutePath = oneAbsolute ? oneSegments : otherSegments;
        List<String> relativePath = oneAbsolute ? otherSegments : oneSegments;
        // A leading .. only moves the unknown login directory: what follows it may still end the absolute path.
        while (!relativePath.isEmpty() && relativePath.get(0).equals("..")) {
            relativePath = relativePath.subList(1, relativePath.size());
        }
        return relativePath.size() <= absolutePath.size()
                && absolutePath.subList(absolutePath.size() - relativePath.size(), absolutePath.size()).equals(relativePath);
    }

    private static boolean absolute(String path) {
        return path.startsWith("/") || path.startsWith("\\");
    }

    boolean sameHost(String one, String other) {
        if (one.equalsIgnoreCase(other)) {
            return true;
        }
        try {
            List<InetAddress> oneAddresses = hosts.addresses(one);
            List<InetAddress> otherAddresses = hosts.addresses(other);
            return !Collections.disjoint(oneAddresses, otherAddresses)
                    || oneAddresses.stream().anyMatch(hosts::isLocal) && otherAddresses.stream().anyMatch(hosts::isLocal);
        } catch (UnknownHostException e) {
            // A name that does not resolve cannot be connected to either: the transfer fails there, having sent nothing.
            return false;
        }
    }
}
