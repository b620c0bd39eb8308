package io.github.ftp3p.protocol;

/** A reply whose text does not have the form its code promises; the message quotes the reply. */
public final class ReplyFormatException extends RuntimeException {

    public ReplyFormatException(String message) {
        super(message);
    }
}
