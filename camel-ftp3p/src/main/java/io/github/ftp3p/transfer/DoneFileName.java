package io.github.ftp3p.transfer;

import java.util.Objects;
import java.util.regex.Matcher;

import io.github.ftp3p.protocol.Arguments;
import io.github.ftp3p.protocol.InvalidSettingException;
import io.github.ftp3p.protocol.Paths;
import io.github.ftp3p.protocol.UnsafeArgumentException;

/**
 * camel-file's doneFileName, as its producer evaluates it (GenericFileEndpoint.createDoneFileName): a fixed name, or
 * one with {@code ${file:name}} and {@code ${file:name.noext}} (also written {@code $simple{...}}), each replaced
 * once, the extension stripped as camel-util's FileUtil.stripExt(name, true) does. Any other expression is refused,
 * as camel-file refuses it ("Cannot resolve reminder"), but here when the endpoint is made. The done file goes in
 * the same directory as the file, so the pattern holds no '/' or backslash (Apache FtpServer takes one for a
 * separator too).
 */
public record DoneFileName(String pattern) {

    private static final String OPTION = "doneFileName";

    public DoneFileName {
        Objects.requireNonNull(pattern, "pattern");
        if (pattern.isBlank()) {
            throw new InvalidSettingException(OPTION, "must not be empty");
        }
        Arguments.requireSafe(OPTION, pattern);
        if (pattern.contains("/") || pattern.contains("\\")) {
            throw new InvalidSettingException(OPTION, "is written next to the file, so it must be a name without '/' or "
                    + "'\\', not '" + pattern + "'");
        }
        String rest = substitute(pattern, "name.ext");
        if (rest.contains("${") || rest.contains("$simple{")) {
            throw new InvalidSettingException(OPTION, "supports only ${file:name} and ${file:name.noext}, each once, as "
                    + "camel-file's doneFileName does; cannot resolve the remainder of '" + pattern + "'");
        }
    }

    /**
     * The done file's path for the file at {@code targetPath}: in its directory. Refused before anything is sent when
     * it would be the file itself, {@code .} or {@code ..}, or hold a control character.
     */
    public String resolve(String targetPath) {
        String fileName = Paths.name(targetPath);
        String name = substitute(pattern, fileName);
        if (name.equals(fileName) || name.equals(".") || name.equals("..")) {
            throw new UnsafeArgumentException(OPTION, "'" + pattern + "' gives '" + name + "' for the file " + targetPath
                    + ", which is " + (name.equals(fileName) ? "the file itself" : "not a file name"));
        }
        Paths.requireContained(OPTION, name);
        return Paths.join(Paths.parent(targetPath), name);
    }

    private static String substitute(String pattern, String fileName) {
        String name = Matcher.quoteReplacement(fileName);
        String noExt = Matcher.quoteReplacement(stripExtension(fileName));
        return pattern.replaceFirst("\\$\\{file:name\\}", name)
                .replaceFirst("\\$simple\\{file:name\\}", name)
                .replaceFirst("\\$\\{file:name\\.noext\\}", noExt)
                .replaceFirst("\\$simple\\{file:name\\.noext\\}", noExt);
    }

    /** The name without its last extension; a leading dot (a hidden file) is not one. */
    static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
