package io.github.ftp3p.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started by the harness from its own class path, spoken to in lines: the harness writes a request on its
 * stdin, the child answers with one line starting {@value #REPLY} on stdout. Anything else the child prints goes
 * to the harness's stderr. Keeping servers and clients in children keeps their CPU and heap apart.
 */
final class ChildJvm implements AutoCloseable {

    /** The prefix of a child's reply lines. */
    static final String REPLY = "@@ ";

    private final String name;
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

    private ChildJvm(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdin = process.outputWriter(StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readStdout, "child-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code main} in a new JVM with the given JVM options and arguments, and waits for its first reply. */
    static ChildJvm start(String name, List<String> jvmOptions, Class<?> main, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            return new ChildJvm(name, process);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    ProcessHandle process() {
        return process.toHandle();
    }

    /** Waits for the next reply line, without the prefix. */
    String reply(Duration timeout) {
        try {
            String line = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new IllegalStateException(name + " did not answer within " + timeout
                        + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")"));
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a request and returns the reply. */
    String request(String line, Duration timeout) {
        try {
            stdin.write(line + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new IllegalStateException(name + " is gone: " + e.getMessage(), e);
        }
        return reply(timeout);
    }

    private void readStdout() {
        try (BufferedReader out = process.inputReader(StandardCharsets.UTF_8)) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith(REPLY)) {
                    replies.add(line.substring(REPLY.length()));
                } else {
                    System.err.println("[" + name + "] " + line);
                }
            }
        } catch (IOException e) {
            // the child is gone
        }
    }

    /** Closes its stdin (the child's cue to stop), then kills it and its descendants if it lingers. */
    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // it may be gone already
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** For a child's main: prints one reply line. */
    static void answer(PrintStream out, String line) {
        out.println(REPLY + line);
        out.flush();
    }

    /** The JVM options a system property adds (space-separated), e.g. a flight recording to profile that JVM. */
    static List<String> extraOptions(String property) {
        List<String> options = new ArrayList<>();
        for (String option : System.getProperty(property, "").trim().split("\\s+")) {
            if (!option.isEmpty()) {
                options.add(option);
            }
        }
        return options;
    }
}
