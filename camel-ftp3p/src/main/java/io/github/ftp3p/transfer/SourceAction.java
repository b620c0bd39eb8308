package io.github.ftp3p.transfer;

/** What happens to the source file once the copy is verified. */
public enum SourceAction {
    KEEP,
    DELETE,
    /** Rename it to {@link TransferRequest#sourceMoveTo()}, e.g. into a done directory. */
    MOVE
}
