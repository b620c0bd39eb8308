package io.github.ftp3p.protocol;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One listing of several sent together ({@link DirectoryListing#ofAll}): what it gave, or how it failed. A refusal
 * of one directory (550) does not fail the others; a broken connection fails every one after it.
 *
 * @param listing what the server listed, or null
 * @param failure why not, or null
 */
public record Listed<T>(T listing, FtpTransferException failure) {

    public static <T> Listed<T> of(Supplier<T> list) {
        try {
            return new Listed<>(list.get(), null);
        } catch (FtpTransferException e) {
            return new Listed<>(null, e);
        }
    }

    public static <T> Listed<T> failed(FtpTransferException failure) {
        return new Listed<>(null, failure);
    }

    /** The listing, or the failure thrown. */
    public T get() {
        if (failure != null) {
            throw failure;
        }
        return listing;
    }

    <R> Listed<R> map(Function<T, R> read) {
        return failure != null ? failed(failure) : of(() -> read.apply(listing));
    }
}
