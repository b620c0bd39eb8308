package io.github.ftp3p.cluster;

import java.sql.Timestamp;
import java.time.Duration;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * The table of files being moved right now, shared by all nodes: camel-sql's orphan-lock-aware repository, whose
 * node renews the {@code createdAt} of each row it holds every keep-alive interval, and whose rows older than the
 * lock's max age count as absent (their node died), with three changes:
 * <ul>
 * <li>A claim is released once its file is done ({@link #confirm}): camel-sql keeps confirmed rows, and renews
 * them for as long as the node lives, so a file dropped again under the same name would be skipped until that node
 * dies, and the keep-alive batch would grow by one row per file ever moved. The source file is gone by then (the
 * move deleted it), so nothing is left to claim.</li>
 * <li>Two nodes inserting the same new claim at once: the primary key refuses the second, which has not claimed
 * the file ({@link #add} answers false rather than throwing).</li>
 * <li>A stale claim is taken over by deleting it and inserting a new one ({@link #insert}): camel-sql's own
 * takeover updates the row's time but does not add the key to the set its keep-alive renews, so a takeover that
 * lasts longer than the max age could be taken over again.</li>
 * </ul>
 */
public class FileClaims extends JdbcOrphanLockAwareIdempotentRepository {

    static final String TABLE = "CAMEL_MESSAGEPROCESSED";
    /**
     * camel-sql's default table, with a primary key (which its own CREATE lacks: without it two nodes could both
     * insert a claim) and room for long relative names.
     */
    static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
            + "processorName VARCHAR(255) NOT NULL, messageId VARCHAR(1024) NOT NULL, createdAt TIMESTAMP NOT NULL, "
            + "PRIMARY KEY (processorName, messageId))";
    private static final String DELETE_STALE = "DELETE FROM " + TABLE
            + " WHERE processorName = ? AND messageId = ? AND createdAt < ?";

    public FileClaims(DataSource dataSource, String claimGroup, CamelContext camel, Duration lockMaxAge,
                      Duration keepAliveInterval) {
        super(dataSource, claimGroup, camel);
        setLockMaxAgeMillis(lockMaxAge.toMillis());
        setLockKeepAliveIntervalMillis(keepAliveInterval.toMillis());
        setCreateString(CREATE_TABLE);
    }

    @Override
    public boolean add(String key) {
        try {
            return super.add(key);
        } catch (DataIntegrityViolationException anotherNodeInsertedItFirst) {
            return false;
        }
    }

    /**
     * Runs inside {@link #add}'s transaction, once no live claim was found: a stale row is deleted (row-locked until
     * commit, so two nodes taking over the same row go one after the other), and the claim is inserted through
     * camel-sql, which registers it for keep-alive. A row still there now belongs to a node that took it over
     * meanwhile: not claimed.
     */
    @Override
    protected int insert(String key) {
        jdbcTemplate.update(DELETE_STALE, processorName, key, new Timestamp(System.currentTimeMillis() - getLockMaxAgeMillis()));
        Integer left = jdbcTemplate.queryForObject(getQueryString(), Integer.class, processorName, key);
        return left != null && left == 0 ? super.insert(key) : 0;
    }

    /** The file is done (moved, or moved by another node): its claim is released. */
    @Override
    public boolean confirm(String key) {
        remove(key);
        return true;
    }
}
