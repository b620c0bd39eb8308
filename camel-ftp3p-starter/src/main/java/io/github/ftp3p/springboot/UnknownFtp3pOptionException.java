package io.github.ftp3p.springboot;

/** A {@code camel.component.ftp3p.*} key that names no option of the ftp3p component. */
public class UnknownFtp3pOptionException extends IllegalArgumentException {

    private final String key;

    public UnknownFtp3pOptionException(String key) {
        super("Unknown option " + key + ": the ftp3p component has no option of that name");
        this.key = key;
    }

    /** The key as it was written, e.g. camel.component.ftp3p.max-conections. */
    public String key() {
        return key;
    }
}
