package io.github.ftp3p.protocol;

/** The target file exists and fileExist=Fail forbids replacing it; nothing was written. */
public final class TargetExistsException extends FtpTransferException {

    public TargetExistsException(FtpCommand command, String targetPath) {
        super(Side.TARGET, command, "The target file " + targetPath + " already exists (fileExist=Fail)", null);
    }
}
