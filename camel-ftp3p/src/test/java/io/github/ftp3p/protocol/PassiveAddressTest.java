package io.github.ftp3p.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PassiveAddressTest {

    @Test
    void parsesThe227OfRfc959() throws Exception {
        PassiveAddress address = PassiveAddress.parse227("227 Entering Passive Mode (192,168,1,20,195,80).");

        assertThat(address.address()).isEqualTo(InetAddress.getByName("192.168.1.20"));
        assertThat(address.port()).isEqualTo(195 * 256 + 80);
    }

    @Test
    void parsesA227WithoutParenthesesAsSomeServersSendIt() {
        assertThat(PassiveAddress.parse227("227 Entering Passive Mode 127,0,0,1,4,1").port()).isEqualTo(1025);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "227 Entering Passive Mode (127,0,0,256,4,1)",
            "227 Entering Passive Mode (127,0,0,1,4)",
            "227 Entering Passive Mode (127,0,0,1,0,0)",
            "227 Entering Passive Mode",
            "227 junk (a,b,c,d,e,f)" })
    void refusesA227WithoutSixNumbersFrom0To255AndAPort(String reply) {
        assertThatThrownBy(() -> PassiveAddress.parse227(reply))
                .isInstanceOf(ReplyFormatException.class)
                .hasMessageContaining("227")
                .hasMessageContaining(reply);
    }

    @Test
    void parsesThe229OfRfc2428WithAnyDelimiter() {
        assertThat(PassiveAddress.parse229Port("229 Entering Extended Passive Mode (|||6446|)")).isEqualTo(6446);
        assertThat(PassiveAddress.parse229Port("229 Entering Extended Passive Mode (!!!6446!)")).isEqualTo(6446);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "229 Entering Extended Passive Mode (|||0|)",
            "229 Entering Extended Passive Mode (|||65536|)",
            "229 Entering Extended Passive Mode (||6446|)",
            "229 Entering Extended Passive Mode (|!|6446|)",
            "229 Entering Extended Passive Mode" })
    void refusesA229WithoutOnePortFrom1To65535(String reply) {
        assertThatThrownBy(() -> PassiveAddress.parse229Port(reply))
                .isInstanceOf(ReplyFormatException.class)
                .hasMessageContaining(reply);
    }

    @Test
    void formatsPortAndEprtArgumentsThatParseBack() throws Exception {
        PassiveAddress address = new PassiveAddress(InetAddress.getByName("10.1.2.3"), 50_000);

        assertThat(address.portArgument()).isEqualTo("10,1,2,3,195,80");
        assertThat(PassiveAddress.parse227("227 (" + address.portArgument() + ")")).isEqualTo(address);
        assertThat(address.eprtArgument()).isEqualTo("|1|10.1.2.3|50000|");
    }

    @Test
    void formatsAnIpv6AddressOnlyForEprt() throws Exception {
        PassiveAddress address = new PassiveAddress(InetAddress.getByName("::1"), 2121);

        assertThat(address.eprtArgument()).isEqualTo("|2|0:0:0:0:0:0:0:1|2121|");
        assertThatThrownBy(address::portArgument).isInstanceOf(IllegalStateException.class).hasMessageContaining("EPRT");
    }

    @Test
    void thePeerPolicyKeepsOnlyThePortOfTheReply() throws Exception {
        PassiveAddress announced = PassiveAddress.parse227("227 (10,9,9,9,4,1)");
        InetAddress peer = InetAddress.getByName("127.0.0.1");

        assertThat(AddressPolicy.PEER.choose(announced, peer)).isEqualTo(new PassiveAddress(peer, 1025));
        assertThat(AddressPolicy.REPLY.choose(announced, peer)).isEqualTo(announced);
    }
}
