#!/usr/bin/python3
"""Verifies a message's DKIM signatures with dkimpy (Debian's python3-dkim), an independent
verifier: public keys come from the suite's Knot on 127.0.0.1:PORT only, never another server.
Reads the message on stdin; prints pass or fail, exits 0 on pass."""
import sys

import dkim
import dns.resolver

resolver = dns.resolver.Resolver(configure=False)
resolver.nameservers = ["127.0.0.1"]
resolver.port = int(sys.argv[1])


def txt(name, timeout=5):
    try:
        answer = resolver.resolve(name.decode("ascii").rstrip("."), "TXT", lifetime=timeout)
    except Exception:
        return None
    return b"".join(answer[0].strings)


ok = dkim.verify(sys.stdin.buffer.read(), dnsfunc=txt)
print("pass" if ok else "fail")
sys.exit(0 if ok else 1)
