"""Child process for the harness's own test: READY and 200 ACK lines in one write, then waits.

Written at once, they all sit in the pipe before the parent reads READY — the moment a
loaded machine produced when the harness lost the first edits of a round.
"""

from __future__ import annotations

import json
import os
import sys

LINES = 200

if __name__ == "__main__":
    said = "READY\n" + "".join(f"ACK {json.dumps({'n': n})}\n" for n in range(LINES))
    os.write(sys.stdout.fileno(), said.encode())  # one write (< PIPE_BUF): all there at once
    sys.stdin.readline()  # wait for the kill
