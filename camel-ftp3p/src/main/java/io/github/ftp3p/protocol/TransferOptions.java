package io.github.ftp3p.protocol;

import java.time.Duration;
import java.util.Objects;

/**
 * How one transfer is run.
 *
 * @param extendedMode    when to use EPSV/EPRT instead of PASV/PORT
 * @param addressPolicy   which address to hand to the active side after a 227
 * @param transferTimeout how long both sides may take to finish once the transfer commands are sent; zero for
 *                        no limit, at most {@link Ranges#MAX_DURATION}
 * @param dataNetworks    the checks on every address put into PORT or EPRT
 * @param pipelining      send independent commands in one write (SIZE with PORT, RNFR with RNTO); false sends
 *                        each command after the previous reply, for servers that mishandle pipelined commands
 */
public record TransferOptions(ExtendedMode extendedMode, AddressPolicy addressPolicy, Duration transferTimeout,
        DataNetworks dataNetworks, boolean pipelining) {

    public TransferOptions(ExtendedMode extendedMode, AddressPolicy addressPolicy, Duration transferTimeout) {
        this(extendedMode, addressPolicy, transferTimeout, DataNetworks.ANY, true);
    }

    public TransferOptions {
        Objects.requireNonNull(dataNetworks, "dataNetworks");
        Objects.requireNonNull(extendedMode, "extendedMode");
        Objects.requireNonNull(addressPolicy, "addressPolicy");
        Ranges.requireNotNegative("transferTimeout", transferTimeout);
    }
}
