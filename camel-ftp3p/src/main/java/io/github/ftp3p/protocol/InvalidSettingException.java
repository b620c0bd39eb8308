package io.github.ftp3p.protocol;

/**
 * A setting outside its documented range, refused when the settings are made rather than at the first transfer.
 * Carries the setting's name apart from the reason, so that an adapter can name its own option instead.
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private final String setting;
    private final String reason;

    public InvalidSettingException(String setting, String reason) {
        super(setting + " " + reason);
        this.setting = setting;
        this.reason = reason;
    }

    /** The setting's name, as the records and the endpoint options spell it. */
    public String setting() {
        return setting;
    }

    /** What is wrong, without the name: "must be from 1 to ..., not 0 ms". */
    public String reason() {
        return reason;
    }
}
