package io.github.ftp3p.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import io.github.ftp3p.testing.RealFtpServer.Options;
import io.github.ftp3p.testing.RealFtpServerProcess.Launch;
import io.github.ftp3p.testing.RealFtpServerProcess.PortBlock;

/**
 * pyftpdlib 1.5.7 (Debian {@code python3-pyftpdlib}): the launcher script {@code pyftpdlib-server.py} from this
 * package's resources, written to the work directory, run by Debian's {@code /usr/bin/python3} with one virtual
 * user ({@code DummyAuthorizer}) whose home is the login directory. One process serves every session (an
 * asynchronous loop): there are no session children.
 */
final class PyftpdlibLaunch {

    /** Debian's interpreter: the package installs the module for it only (a pyenv python3 may come first on PATH). */
    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path MODULE = Path.of("/usr/lib/python3/dist-packages/pyftpdlib/__init__.py");
    private static final String SCRIPT = "pyftpdlib-server.py";
    private static final String USER = "ftp3p";
    private static final String PASSWORD = "ftp3p-secret";

    private PyftpdlibLaunch() {
    }

    /** What is missing besides the interpreter, or null. */
    static String missing() {
        return Files.exists(MODULE) ? null : MODULE + " is missing (python3-pyftpdlib)";
    }

    static Launch launch(Path dir, Options o, String host, int port, PortBlock ports) throws IOException {
        Path home = dir.resolve("pyftpdlib-home");
        Path script = dir.resolve(SCRIPT);
        Path log = dir.resolve("pyftpdlib.log");
        Files.createDirectories(home);
        RealFtpServerProcess.chmod(home, "rwxrwxrwx");
        try (InputStream in = PyftpdlibLaunch.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is not among ftp3p-testing's resources");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        // -I: isolated mode, so that PYTHONPATH/PYTHONHOME of a pyenv shell do not reach Debian's interpreter.
        List<String> command = List.of(PYTHON.toString(), "-I", script.toString(), host, Integer.toString(port),
                home.toString(), USER, PASSWORD, Integer.toString(ports.min()), Integer.toString(ports.max()),
                o.fxpAllowed() ? "yes" : "no");
        return new Launch(RealFtpServer.PYFTPDLIB, host, port, USER, PASSWORD, home, "", log, null, ports, command);
    }
}
