package io.github.ftp3p.cluster;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * The table of files being moved right now, shared by all nodes: camel-sql's orphan-lock-aware repository, whose
 * node renews the {@code createdAt} of each row it holds every keep-alive interval, and whose rows older than the
 * lock's max age count as absent (their node died), with these changes:
 * <ul>
 * <li>A node claims a file only when its own row went in. camel-sql 4.18's {@code add} answers true as soon as
 * it found no live row, whatever its insert then did; and its insert, meeting a row another node had inserted
 * meanwhile, renews that row (its takeover of a stale row) and goes on as if it held it. Three nodes walking the
 * same listing at once got 2,719 claims of 2,000 files that way ({@code FileClaimsTest}). Here each row names the
 * process that holds it ({@code claimedBy}), a node renews and releases only its own rows, and an insert that is
 * refused throws, so {@link #add} answers false.</li>
 * <li>A stale claim is taken over by deleting it and inserting a new one ({@link #insert}): camel-sql's own
 * takeover renews the row but does not add its key to the set the keep-alive renews, so a takeover that lasts
 * longer than the max age could be taken over again.</li>
 * <li>Two nodes inserting the same new claim at once: the primary key refuses the second, which has not claimed
 * the file ({@link #add} answers false rather than throwing). camel-sql's own CREATE has no key.</li>
 * <li>A claim is released once its file is done ({@link #confirm}): camel-sql keeps confirmed rows, and renews
 * them for as long as the node lives, so a file dropped again under the same name would be skipped until that node
 * dies, and the keep-alive batch would grow by one row per file ever moved. The source file is gone by then (the
 * move deleted it), so nothing is left to claim.</li>
 * </ul>
 */
public class FileClaims extends JdbcOrphanLockAwareIdempotentRepository {

    /** One line per claim taken, taken over and released: what a node held when it died. */
    private static final Logger CLAIMS = LoggerFactory.getLogger("ftp3p.claims");
    static final String TABLE = "CAMEL_MESSAGEPROCESSED";
    /** camel-sql's default table, with the owner, a primary key and room for long relative names. */
    static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
            + "processorName VARCHAR(255) NOT NULL, messageId VARCHAR(1024) NOT NULL, createdAt TIMESTAMP NOT NULL, "
            + "claimedBy VARCHAR(255) NOT NULL, PRIMARY KEY (processorName, messageId))";
    /** The owner goes into the statements as text (camel-sql binds a fixed set of parameters): a plain word only. */
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9._:@-]{1,255}");
    private static final String DELETE_STALE = "DELETE FROM " + TABLE
            + " WHERE processorName = ? AND messageId = ? AND createdAt < ?";

    /**
     * @param owner this process, unique in the cluster for as long as it lives: a node started again is another
     *              owner, so the claims it held before it died go stale and are taken over like any other
     */
    public FileClaims(DataSource dataSource, String claimGroup, String owner, CamelContext camel, Duration lockMaxAge,
                      Duration keepAliveInterval) {
        super(dataSource, claimGroup, camel);
        if (!OWNER.matcher(owner).matches()) {
            throw new IllegalArgumentException("a claim owner is letters, digits and ._:@- only, not '" + owner + "'");
        }
        setLockMaxAgeMillis(lockMaxAge.toMillis());
        setLockKeepAliveIntervalMillis(keepAliveInterval.toMillis());
        setCreateString(CREATE_TABLE);
        setInsertString("INSERT INTO " + TABLE + " (processorName, messageId, createdAt, claimedBy) VALUES (?, ?, ?, '"
                + owner + "')");
        setUpdateTimestampQuery("UPDATE " + TABLE + " SET createdAt = ? WHERE processorName = ? AND messageId = ? "
                + "AND claimedBy = '" + owner + "'");
        // A node releases only its own claim: one that was taken over while this node stalled is the other's now.
        setDeleteString("DELETE FROM " + TABLE + " WHERE processorName = ? AND messageId = ? AND claimedBy = '" + owner + "'");
    }

    @Override
    public boolean add(String key) {
        try {
            boolean claimed = super.add(key);
            if (claimed) {
                CLAIMS.info("claimed file={}", key);
            }
            return claimed;
        } catch (ClaimedElsewhere | DataIntegrityViolationException anotherNodeHasIt) {
            // The second inserter of a new claim meets the primary key; a later one finds the row.
            return false;
        }
    }

    /**
     * Runs inside {@link #add}'s transaction, once no live claim was found: a stale row is deleted (row-locked until
     * commit, so two nodes taking over the same row go one after the other), and the claim is inserted through
     * camel-sql, which registers it for keep-alive. A row still there now, or one that appears before camel-sql's
     * own look (it then renews only a row of this owner, that is none), belongs to another node: not claimed.
     * camel-sql 4.18's {@code add} answers true whatever this returns, so a refusal is thrown, and {@link #add}
     * turns it into false (the transaction, with its DELETE, is rolled back).
     */
    @Override
    protected int insert(String key) {
        if (jdbcTemplate.update(DELETE_STALE, processorName, key, new Timestamp(System.currentTimeMillis() - getLockMaxAgeMillis())) > 0) {
            CLAIMS.info("stale claim deleted file={}", key);
        }
        Integer left = jdbcTemplate.queryForObject(getQueryString(), Integer.class, processorName, key);
        if (left == null || left != 0 || super.insert(key) == 0) {
            throw new ClaimedElsewhere(key);
        }
        return 1;
    }

    /**
     * Deletes every stale claim of this group. A node that died after its move deleted the source but before it
     * released the claim leaves a row that no listing will ask for again (the file is gone): it would stay for
     * ever. A stale row is nobody's by definition, so deleting it takes nothing from a live node.
     *
     * @return how many rows were deleted
     */
    public int deleteStaleClaims() {
        return jdbcTemplate.update("DELETE FROM " + TABLE + " WHERE processorName = ? AND createdAt < ?", processorName,
                new Timestamp(System.currentTimeMillis() - getLockMaxAgeMillis()));
    }

    /** The file is done (moved, or moved by another node): its claim is released. */
    @Override
    public boolean confirm(String key) {
        remove(key);
        return true;
    }

    @Override
    public boolean remove(String key) {
        boolean removed = super.remove(key);
        CLAIMS.info("released file={}{}", key, removed ? "" : " (no claim of this node's was left)");
        return removed;
    }

    /** Another node holds the claim {@link #insert} was asked for. */
    private static final class ClaimedElsewhere extends RuntimeException {
        ClaimedElsewhere(String key) {
            super("claimed by another node: " + key, null, false, false);
        }
    }
}
