package io.github.ftp3p.camel;

import org.apache.camel.Exchange;
import org.apache.camel.spi.Metadata;

/** The headers ftp3p reads and writes. */
public final class Ftp3pConstants {

    @Metadata(label = "producer", description = "The file to transfer, relative to the source directory. "
            + "Used when the fileName option is not set.", javaType = "String")
    public static final String FILE_NAME = Exchange.FILE_NAME;
    @Metadata(label = "producer", description = "The name to give the file on the target, relative to the target "
            + "directory. Takes precedence over the targetFileName option.", javaType = "String")
    public static final String TARGET_FILE_NAME = "CamelFtp3pTargetFileName";
    @Metadata(label = "producer", description = "Several files to transfer in one exchange, relative to the source "
            + "directory: a list, or a string split at each comma and the spaces right after it (nothing else is "
            + "trimmed). A null, empty or repeated name, or an empty list, is refused before anything is sent. "
            + "They keep their names on the target and are "
            + "transferred in order over one pair of connections, pipelined (about one round trip per file) when the "
            + "target can be passive; the exchange stops at the first failure. Takes precedence over "
            + "CamelFileName and the fileName option.", javaType = "java.util.List<String>")
    public static final String FILE_NAMES = "CamelFtp3pFileNames";
    @Metadata(label = "producer", description = "With CamelFtp3pFileNames: the paths written on the target, in "
            + "order, over every attempt of the exchange; also set when it failed, listing the files finished before "
            + "the failure.",
            javaType = "java.util.List<String>")
    public static final String FILES_PRODUCED = "CamelFtp3pFilesProduced";
    @Metadata(label = "producer", description = "The path of the file written on the target.", javaType = "String")
    public static final String FILE_NAME_PRODUCED = Exchange.FILE_NAME_PRODUCED;
    @Metadata(label = "producer", description = "The size in bytes of the copy (verified equal on both sides unless "
            + "verify=none); -1 when the source has no SIZE. With CamelFtp3pFileNames, the sum over the files; with "
            + "ftp3p:sync, the bytes copied.",
            javaType = "long")
    public static final String FILE_SIZE = "CamelFtp3pFileSize";
    @Metadata(label = "producer", description = "The same as CamelFtp3pFileSize, under the header camel-ftp and "
            + "camel-file set (Exchange.FILE_LENGTH), so that routes written for them keep working; not set when the "
            + "source has no SIZE.", javaType = "long")
    public static final String FILE_LENGTH = Exchange.FILE_LENGTH;
    @Metadata(label = "producer", description = "The side that was sent PASV or EPSV: source or target.",
            javaType = "String")
    public static final String PASSIVE_SIDE = "CamelFtp3pPassiveSide";
    @Metadata(label = "producer", description = "The source's final reply to RETR, e.g. 226 Transfer complete.",
            javaType = "String")
    public static final String SOURCE_REPLY = "CamelFtp3pSourceReply";
    @Metadata(label = "producer", description = "The target's final reply to STOR, e.g. 226 Transfer complete.",
            javaType = "String")
    public static final String TARGET_REPLY = "CamelFtp3pTargetReply";
    @Metadata(label = "producer", description = "How long the exchange spent in ftp3p, in milliseconds: waiting for "
            + "and opening connections, the transfer, verification, the rename and the source action.", javaType = "long")
    public static final String DURATION = "CamelFtp3pDuration";

    @Metadata(label = "producer", description = "How the copy was proven: size, a hash name such as SHA-256 or MD5, "
            + "or none.", javaType = "String")
    public static final String VERIFIED_BY = "CamelFtp3pVerifiedBy";
    @Metadata(label = "producer", description = "True when the target existed and fileExist=Ignore skipped the "
            + "transfer.", javaType = "boolean")
    public static final String SKIPPED = "CamelFtp3pSkipped";
    @Metadata(label = "producer", description = "The byte the transfer restarted at, continuing a broken earlier "
            + "attempt (REST); 0 when it started from the beginning.", javaType = "long")
    public static final String RESUMED_FROM = "CamelFtp3pResumedFrom";
    @Metadata(label = "producer", description = "How the data went: fxp (server to server), relay (through Camel, "
            + "fallback=relay), or none (skipped).", javaType = "String")
    public static final String MODE = "CamelFtp3pMode";
    @Metadata(label = "producer", description = "ftp3p:sync: the files copied (with dryRun: that would be).",
            javaType = "int")
    public static final String SYNC_COPIED = "CamelFtp3pSyncCopied";
    @Metadata(label = "producer", description = "ftp3p:sync: the files left alone as up to date.", javaType = "int")
    public static final String SYNC_SKIPPED = "CamelFtp3pSyncSkipped";
    @Metadata(label = "producer", description = "ftp3p:sync: the files and directories deleted on the target "
            + "(deleteExtraneous; with dryRun: that would be).", javaType = "int")
    public static final String SYNC_DELETED = "CamelFtp3pSyncDeleted";
    @Metadata(label = "producer", description = "ftp3p:sync: the paths that failed; the exchange then fails too, "
            + "with the summary as its body.", javaType = "int")
    public static final String SYNC_FAILED = "CamelFtp3pSyncFailed";
    @Metadata(label = "producer", description = "ftp3p:sync: the directories created on the target.", javaType = "int")
    public static final String SYNC_DIRECTORIES_CREATED = "CamelFtp3pSyncDirectoriesCreated";
    @Metadata(label = "producer", description = "ftp3p:sync: the bytes of directory listings, the only data that "
            + "crossed the Camel host.", javaType = "long")
    public static final String SYNC_LISTING_BYTES = "CamelFtp3pSyncListingBytes";
    @Metadata(label = "producer", description = "ftp3p:sync: the control round trips on the connections the sync "
            + "held, summed over them (commands pipelined in one write count once; logins not counted).",
            javaType = "long")
    public static final String SYNC_ROUND_TRIPS = "CamelFtp3pSyncRoundTrips";
    @Metadata(label = "producer", description = "ftp3p:cleanup: how many temporary files it deleted (the body lists "
            + "their paths).", javaType = "int")
    public static final String CLEANUP_DELETED = "CamelFtp3pCleanupDeleted";
    /**
     * Exchange property (not a header) holding the latest io.github.ftp3p.protocol.TransferProgress of the
     * transfer: bytes on the target, total, elapsed time, rate and ETA.
     */
    public static final String PROGRESS = "CamelFtp3pProgress";
    /**
     * Exchange property (not a header) of ftp3p:sync: an io.github.ftp3p.camel.SyncProgress with the files and
     * bytes copied so far, updated as each file ends.
     */
    public static final String SYNC_PROGRESS = "CamelFtp3pSyncProgress";
    /**
     * Exchange property (not a header): the files of a CamelFtp3pFileNames batch already finished, by source name
     * (a map to io.github.ftp3p.transfer.TransferResult), so that a redelivery of the exchange goes on from the
     * file that failed.
     */
    public static final String BATCH_DONE = "CamelFtp3pBatchDone";
    /**
     * Exchange property (not a header): the part of the temporary names unique to this exchange (8 hex digits), so
     * that a redelivery resumes its own temporary file and no other exchange writes or deletes it.
     */
    public static final String ATTEMPT = "CamelFtp3pAttempt";

    private Ftp3pConstants() {
    }
}
