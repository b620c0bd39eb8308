package io.github.ftp3p.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A throw-away certificate authority and one server certificate for 127.0.0.1 and ::1 (usable as TLS server
 * and client, since with SSCN one FTP server is the TLS client of the other), made with openssl, plus a
 * PKCS12 trust store of the CA for Java clients.
 */
public record TestCertificates(Path caCertificate, Path serverCertificate, Path serverKey, Path trustStore,
        Path serverKeyStore, String storePassword) {

    /** Writes the files into {@code dir}; needs {@code openssl} on the PATH. */
    public static TestCertificates create(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path caKey = dir.resolve("ca.key");
        Path ca = dir.resolve("ca.pem");
        Path trust = dir.resolve("trust.p12");
        String password = "changeit";
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.toString(), "-out", ca.toString(),
                "-days", "2", "-subj", "/CN=ftp3p test CA");
        Path keyStore = issue(dir, ca, "server", "127.0.0.1", "IP:127.0.0.1,IP:::1,DNS:localhost", password);
        Path key = dir.resolve("server.key");
        Path cert = dir.resolve("server.pem");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        RealFtpServerProcess.run(List.of(keytool.toString(), "-importcert", "-noprompt", "-alias", "ca", "-file",
                ca.toString(), "-keystore", trust.toString(), "-storetype", "PKCS12", "-storepass", password), dir);
        // ProFTPD reads the key and certificates as the user it serves as.
        for (Path file : List.of(ca, cert, key)) {
            file.toFile().setReadable(true, false);
        }
        return new TestCertificates(ca, cert, key, trust, keyStore, password);
    }

    /**
     * A PKCS12 key store (password {@link #storePassword()}) holding a certificate from the same CA, so trusted,
     * but issued only for {@code dnsName}: a server presenting it where 127.0.0.1 was asked for must be refused.
     */
    public Path keyStoreIssuedFor(String dnsName) throws IOException {
        return issue(caCertificate.getParent(), caCertificate, dnsName, dnsName, "DNS:" + dnsName, storePassword);
    }

    /**
     * Writes {@code name}.key, {@code name}.pem (signed by the CA next to {@code ca}) and {@code name}.p12, a
     * certificate usable as TLS server and client for {@code subjectAltNames}; returns the key store.
     */
    private static Path issue(Path dir, Path ca, String name, String commonName, String subjectAltNames, String password)
            throws IOException {
        Path key = dir.resolve(name + ".key");
        Path csr = dir.resolve(name + ".csr");
        Path cert = dir.resolve(name + ".pem");
        Path ext = dir.resolve(name + ".ext");
        Path keyStore = dir.resolve(name + ".p12");
        openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", csr.toString(),
                "-subj", "/CN=" + commonName);
        Files.writeString(ext, "subjectAltName=" + subjectAltNames + "\n"
                + "extendedKeyUsage=serverAuth,clientAuth\nbasicConstraints=CA:FALSE\n");
        openssl(dir, "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey",
                ca.resolveSibling("ca.key").toString(), "-CAcreateserial", "-out", cert.toString(), "-days", "2",
                "-extfile", ext.toString());
        openssl(dir, "pkcs12", "-export", "-in", cert.toString(), "-inkey", key.toString(), "-certfile", ca.toString(),
                "-out", keyStore.toString(), "-passout", "pass:" + password, "-name", "server");
        return keyStore;
    }

    private static void openssl(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        RealFtpServerProcess.run(command, dir);
    }
}
