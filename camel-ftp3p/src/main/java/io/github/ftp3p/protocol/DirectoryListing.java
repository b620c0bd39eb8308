package io.github.ftp3p.protocol;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPFileEntryParser;
import org.apache.commons.net.ftp.parser.DefaultFTPFileEntryParserFactory;
import org.apache.commons.net.ftp.parser.MLSxEntryParser;
import org.apache.commons.net.ftp.parser.ParserInitializationException;

/**
 * What one directory of a server holds, with types, sizes and times: MLSD (RFC 3659 section 7) where the server
 * offers it, whose facts are standard and whose times are UTC to the second; else LIST, whose lines have no
 * standard form and are parsed by commons-net's entry parser for the system SYST names (UNIX, Windows/IIS,
 * VMS...), falling back to the UNIX one. NLST gives names only, which is not enough to compare trees.
 * The listing crosses this host ({@link ListingLines}); the bytes it took are kept.
 *
 * @param entries    the directory's entries, without "." and ".."
 * @param bytes      what the listing's data connection carried
 * @param incomplete lines that no parser understood, or naming an entry with a separator or control character;
 *                   a caller deleting by the listing must not ignore them
 */
public record DirectoryListing(List<RemoteEntry> entries, long bytes, List<String> incomplete) {

    public DirectoryListing {
        entries = List.copyOf(entries);
        incomplete = List.copyOf(incomplete);
    }

    /**
     * Lists {@code directory} ("" for the login directory).
     *
     * @param mlsd       the server offers MLSD (FEAT lists MLST)
     * @param systemType the SYST reply's text after the code (e.g. "UNIX Type: L8"), for LIST; null for UNIX
     * @throws FtpReplyException when the server refuses the listing (550: no such directory, or no permission)
     */
    public static DirectoryListing of(PassiveData data, ControlConnection connection, String directory, TlsSettings tls,
            boolean mlsd, String systemType) {
        ListingLines lines = ListingLines.read(data, connection, command(directory, mlsd), tls);
        return mlsd ? fromMlsd(lines) : fromList(lines, systemType);
    }

    /**
     * Lists {@code directories} pipelined ({@link ListingLines#readAll}), for a server that answers pipelined
     * commands in order: each directory's listing, or why it failed, in the same order.
     *
     * @param allAtOnce all in one write, for a server that queues commands while a listing's data flows
     */
    public static List<Listed<DirectoryListing>> ofAll(PassiveData data, ControlConnection connection,
            List<String> directories, TlsSettings tls, boolean mlsd, String systemType, boolean allAtOnce) {
        List<FtpCommand> commands = directories.stream().map(directory -> command(directory, mlsd)).toList();
        return ListingLines.readAll(data, connection, commands, tls, allAtOnce).stream()
                .map(listed -> listed.map(lines -> mlsd ? fromMlsd(lines) : fromList(lines, systemType))).toList();
    }

    private static FtpCommand command(String directory, boolean mlsd) {
        Arguments.requireSafe("directory", directory);
        String verb = mlsd ? "MLSD" : "LIST";
        // LIST -a: vsftpd, ProFTPD and Pure-FTPd leave out names starting with a dot otherwise.
        String argument = mlsd ? directory : ("-a " + directory).trim();
        return argument.isEmpty() ? FtpCommand.of(verb) : FtpCommand.of(verb, argument);
    }

    static DirectoryListing fromMlsd(ListingLines lines) {
        List<RemoteEntry> entries = new ArrayList<>();
        List<String> unparsed = new ArrayList<>();
        for (String line : lines.lines()) {
            // "type=cdir" and "type=pdir" name the directory itself and its parent.
            String facts = line.toLowerCase(java.util.Locale.ROOT);
            if (facts.contains("type=cdir;") || facts.contains("type=pdir;")) {
                continue;
            }
            add(entries, unparsed, line, parse(line), true);
        }
        return new DirectoryListing(entries, lines.bytes(), unparsed);
    }

    /**
     * commons-net's MLSx parser throws on some lines instead of returning null (seen on ProFTPD's entry for a
     * directory of mode 000, "perm=;...", and on Pure-FTPd's, "...;UNIX.mode=00;..."): such a line is unread, as
     * any it cannot parse.
     */
    private static FTPFile parse(String line) {
        try {
            return MLSxEntryParser.parseEntry(line);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static DirectoryListing fromList(ListingLines lines, String systemType) {
        FTPFileEntryParser parser = parser(systemType);
        List<String> raw = new ArrayList<>(lines.lines());
        parser.preParse(raw);
        List<RemoteEntry> entries = new ArrayList<>();
        List<String> unparsed = new ArrayList<>();
        for (String line : raw) {
            if (line.startsWith("total ")) {
                continue;
            }
            add(entries, unparsed, line, parser.parseFTPEntry(line), false);
        }
        return new DirectoryListing(entries, lines.bytes(), unparsed);
    }

    private static FTPFileEntryParser parser(String systemType) {
        if (systemType != null && !systemType.isBlank()) {
            try {
                return new DefaultFTPFileEntryParserFactory().createFileEntryParser(systemType);
            } catch (ParserInitializationException e) {
                // An unknown system: most servers that are not Windows or VMS list as ls -l does.
            }
        }
        return new DefaultFTPFileEntryParserFactory().createUnixFTPEntryParser();
    }

    private static void add(List<RemoteEntry> entries, List<String> unparsed, String line, FTPFile file, boolean exact) {
        if (file == null || file.getName() == null) {
            unparsed.add(line);
            return;
        }
        String name = file.getName();
        if (name.equals(".") || name.equals("..")) {
            return;
        }
        // A name with a separator or a control character is no entry of this directory (a hostile or broken
        // listing): kept apart rather than turned into a path elsewhere.
        if (name.isEmpty() || name.chars().anyMatch(c -> c == '/' || c == '\\' || c < 0x20 || c == 0x7f)) {
            unparsed.add(line);
            return;
        }
        RemoteEntry.Kind kind = file.isDirectory() ? RemoteEntry.Kind.DIRECTORY
                : file.isFile() ? RemoteEntry.Kind.FILE : RemoteEntry.Kind.OTHER;
        entries.add(new RemoteEntry(name, kind, file.getSize(), file.getTimestampInstant(), exact));
    }
}
