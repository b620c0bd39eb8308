# Starts pyftpdlib (Debian python3-pyftpdlib 1.5.7) for io.github.ftp3p.testing.RealFtpServer, in the foreground.
# Run with Debian's /usr/bin/python3: the package installs the module for it only.
#
# usage: pyftpdlib-server.py HOST PORT HOME USER PASSWORD PASSIVE_MIN PASSIVE_MAX FOREIGN
#   FOREIGN "yes": permit_foreign_addresses=True (FXP: PORT to, and passive connections from, another host);
#           "no":  the defaults, which refuse both (501 on PORT, 425 on the passive side).
import logging
import sys

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer

host, port, home, user, password, passive_min, passive_max, foreign = sys.argv[1:9]

# Every command and reply goes to stderr, which RealFtpServer appends to the server's log.
logging.basicConfig(stream=sys.stderr, level=logging.DEBUG, format="%(asctime)s %(message)s")

authorizer = DummyAuthorizer()
# e l r a d f m w M T: cd, list, retrieve, append, delete, rename, mkdir, store, chmod, set mtime (MFMT).
authorizer.add_user(user, password, home, perm="elradfmwMT")

handler = FTPHandler
handler.authorizer = authorizer
handler.passive_ports = range(int(passive_min), int(passive_max) + 1)
handler.permit_foreign_addresses = foreign == "yes"
# Data ports below 1024 stay refused (permit_privileged_ports=False): FXP here never needs them.

server = FTPServer((host, int(port)), handler)
server.max_cons = 256
server.max_cons_per_ip = 0
server.serve_forever()
